// The browser's Shamir code (web/static/js/shamir.mjs) under Node, on the
// known answers the C++ side proves too (tests/domain/shamir_test.cc): the
// same field, the same shares for the same coefficients, any k of n rebuild.
// It sits with the HTTP tests because both run under node --test; it needs
// no server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { combineShares, gfMul, splitSecret } from '../../../web/static/js/shamir.mjs';

const hex = (bytes) => Buffer.from(bytes).toString('hex');

function fixed(bytes) {
  let at = 0;
  return (size) => Uint8Array.from({ length: size }, () => bytes[at++ % bytes.length]);
}

describe('Shamir in the browser code', () => {
  test('the field is AES GF(256)', () => {
    assert.equal(gfMul(0x57, 0x83), 0xc1);
    assert.equal(gfMul(0x57, 0x13), 0xfe);
  });

  test('known answer: five shares, threshold three (the C++ vectors)', () => {
    const shares = splitSecret(Uint8Array.from([0x53, 0xa7, 0x00, 0xff]), 5, 3,
      fixed([0xca, 0x01, 0x10, 0x20, 0xfe, 0x33, 0x00, 0x80]));
    assert.deepEqual(shares.map((s) => [s.x, hex(s.y)]), [
      [1, '9897cd7f'], [2, 'd8072bc9'], [3, '1337e649'], [4, '46d1c827'], [5, '8de105a7'],
    ]);
    assert.equal(hex(combineShares([shares[4], shares[1], shares[2]])), '53a700ff');
  });

  test('any k of n shares rebuild the secret; bad sets are refused', () => {
    const secret = new TextEncoder().encode('kunci privat tender X25519: 32 byte');
    for (let n = 2; n <= 6; n++) {
      for (let k = 2; k <= n; k++) {
        const shares = splitSecret(secret, n, k);
        for (let mask = 0; mask < 1 << n; mask++) {
          const subset = shares.filter((_, i) => mask & (1 << i));
          if (subset.length < k) continue;
          assert.deepEqual(combineShares(subset.reverse()), secret, `n=${n} k=${k} mask=${mask}`);
        }
      }
    }
    const shares = splitSecret(secret, 3, 2);
    assert.throws(() => combineShares([]), { reason: 'shamir.too_few' });
    assert.deepEqual(combineShares([shares[0]]), shares[0].y, 'one share of 2-of-3 is a point, not the secret');
    const [only] = splitSecret(secret, 1, 1);
    assert.deepEqual(combineShares([only]), secret, 'one of one is the secret itself');
    assert.throws(() => splitSecret(secret, 3, 0), { reason: 'shamir.threshold_invalid' });
    assert.throws(() => combineShares([shares[0], shares[0]]), { reason: 'shamir.x_repeated' });
    assert.throws(() => combineShares([shares[0], { x: 0, y: shares[1].y }]), { reason: 'shamir.x_invalid' });
    assert.throws(() => combineShares([shares[0], { x: 2, y: shares[1].y.slice(1) }]), { reason: 'shamir.length_mismatch' });
    assert.throws(() => splitSecret(secret, 2, 3), { reason: 'shamir.threshold_invalid' });
    assert.throws(() => splitSecret(new Uint8Array(), 3, 2), { reason: 'shamir.secret_empty' });
  });
});
