// The browser's sealed-bid code (web/static/js/sealing.mjs) under Node: the
// known answers tests/crypto/bid_crypto_test.cc proves too
// (tests/testdata/bid_crypto_vectors.json), and the bytes crossing both ways
// with the built spse binary (seal, open-sealed, tender-key,
// verify-receipt). It needs no server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as S from '../../../web/static/js/sealing.mjs';
import { REPO_ROOT, spseBin } from '../lib/server.mjs';

const vectors = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/testdata/bid_crypto_vectors.json'), 'utf8'));
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));
const pattern = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
const sealedSize = (n) => 112 + n + 17 * Math.max(1, Math.ceil(n / 65536));

function reasonOf(fn) {
  try {
    fn();
  } catch (e) {
    return e.reason ?? `no reason: ${e.message}`;
  }
  return 'ok';
}

function flipped(bytes, at) {
  const out = Uint8Array.from(bytes);
  out[at] ^= 1;
  return out;
}

let sodium;
before(async () => { sodium = await S.ready(); });

describe('sealing.mjs: known answers', () => {
  test('X25519 public keys (RFC 7748 and ours)', () => {
    for (const v of vectors.x25519) assert.equal(hex(S.boxPublicKey(unhex(v.secret_key))), v.public_key, v.source);
  });

  test('Ed25519 keys and signatures (RFC 8032 and a receipt text)', () => {
    for (const v of vectors.ed25519) {
      const keys = S.signKeyPairFromSeed(unhex(v.seed));
      assert.equal(hex(keys.publicKey), v.public_key, v.source);
      assert.equal(hex(S.signDetached(unhex(v.message), keys.secretKey)), v.signature);
      assert.ok(S.verifyDetached(unhex(v.signature), unhex(v.message), keys.publicKey));
    }
  });

  test('argon2id keys at the pinned cost and a small one', () => {
    for (const v of vectors.argon2id) {
      assert.equal(hex(S.passphraseKey(v.passphrase, unhex(v.salt), { ops: v.ops, mem: v.mem })), v.key);
    }
    assert.deepEqual({ ...S.DEFAULT_KDF_COST }, { ops: 3, mem: 67108864 });
  });

  test('sealed files made by either side open to the known plaintext', async () => {
    const sk = unhex(vectors.sealed_files.tender_secret_key);
    const makers = new Set();
    for (const f of vectors.sealed_files.files) {
      const sealed = sodium.from_base64(f.sealed);
      assert.equal(sealed.length, sealedSize(f.length));
      const plain = S.openFile(sk, sealed);
      assert.deepEqual(plain, pattern(f.length), `${f.made_by} ${f.length}`);
      assert.equal(await S.sha256Hex(plain), f.sha256);
      makers.add(f.made_by);
    }
    assert.deepEqual([...makers].sort(), ['cpp', 'js']);
  });

  test('bundles made by either side rebuild from any two shares, not from one', () => {
    const { members, bundles } = vectors.tender_bundles;
    let other = null;
    for (const b of bundles) {
      const bundle = JSON.parse(b.json);
      const shares = bundle.shares.map((s, i) => {
        assert.equal(s.user_id, members[i].user_id);
        assert.equal(s.x, i + 1);
        return S.openShare(s.sealed_share, unhex(members[i].secret_key));
      });
      for (const pair of [[shares[0], shares[1]], [shares[2], shares[0]], [shares[1], shares[2]], shares]) {
        const secret = S.rebuildTenderSecret(pair, bundle.public_key);
        if (b.secret_key) assert.equal(hex(secret), b.secret_key);
      }
      assert.equal(reasonOf(() => S.rebuildTenderSecret([shares[1]], bundle.public_key)), 'key.mismatch');
      if (other) assert.equal(reasonOf(() => S.rebuildTenderSecret([shares[0], other[1]], bundle.public_key)), 'key.mismatch');
      other = shares;
      assert.equal(reasonOf(() => S.openShare(bundle.shares[0].sealed_share, unhex(members[1].secret_key))), 'key.share');
    }
  });

  test('the wrapped key opens with its passphrase only', () => {
    const v = vectors.wrapped_key;
    assert.equal(hex(S.unwrapSecretKey(v.json, v.passphrase)), v.secret_key);
    assert.equal(reasonOf(() => S.unwrapSecretKey(v.json, 'kata sandi lain')), 'key.passphrase');
  });

  test('the receipt file verifies; another key, an altered text or a broken file do not', () => {
    const v = vectors.receipt_file;
    assert.equal(S.verifyReceiptFile(v.json), v.receipt);
    assert.equal(S.verifyReceiptFile(v.json, v.public_key_b64), v.receipt);
    assert.equal(S.verifyReceiptFile(v.json, sodium.from_base64(v.public_key_b64)), v.receipt);
    assert.equal(reasonOf(() => S.verifyReceiptFile(v.json, S.signKeyPair().publicKey)), 'receipt.key_mismatch');
    const file = JSON.parse(v.json);
    const altered = { ...file, receipt: file.receipt.replace('"vendor_id":42', '"vendor_id":43') };
    assert.equal(reasonOf(() => S.verifyReceiptFile(JSON.stringify(altered))), 'receipt.signature');
    for (const field of ['receipt', 'signature', 'public_key', 'v']) {
      const broken = { ...file };
      delete broken[field];
      assert.equal(reasonOf(() => S.verifyReceiptFile(JSON.stringify(broken))), 'receipt.format', field);
    }
    assert.equal(reasonOf(() => S.verifyReceiptFile('{')), 'receipt.format');
  });

  test('sha256Hex of bytes and of a Blob', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    assert.equal(await S.sha256Hex(new TextEncoder().encode('abc')), abc);
    assert.equal(await S.sha256Hex(new Blob(['abc'])), abc);
    const big = pattern(3 * 1024 * 1024 + 5);
    assert.equal(await S.sha256Hex(new Blob([big])), await S.sha256Hex(big));
  });
});

describe('sealing.mjs: sealed files', () => {
  test('the layout and round trip at the chunk boundaries, from bytes and from a Blob', async () => {
    const { publicKey, secretKey } = S.generateBoxKeyPair();
    for (const n of [0, 1, 65535, 65536, 65537, 3 * 65536 + 5]) {
      const plain = pattern(n);
      const sealed = await S.sealFile(publicKey, plain);
      assert.equal(sealed.length, sealedSize(n), `${n}`);
      assert.equal(Buffer.from(sealed.subarray(0, 8)).toString(), 'SPSESF01');
      assert.deepEqual(S.openFile(secretKey, sealed), plain);
      const blob = await S.sealFile(publicKey, new Blob([plain]));
      assert.equal(blob.size, sealedSize(n));
      assert.deepEqual(S.openFile(secretKey, new Uint8Array(await blob.arrayBuffer())), plain);
    }
  });

  test('pushing and feeding in pieces of any size', () => {
    const { publicKey, secretKey } = S.generateBoxKeyPair();
    const plain = pattern(2 * 65536 + 4321);
    const writer = new S.SealedFileWriter(publicKey);
    const parts = [writer.header()];
    for (let at = 0, step = 1; at < plain.length; at += step, step = step * 3 + 1) {
      parts.push(writer.push(plain.subarray(at, at + step), false));
    }
    parts.push(writer.push(new Uint8Array(0), true));
    const sealed = Buffer.concat(parts);
    assert.equal(sealed.length, sealedSize(plain.length));
    for (const piece of [1, 7777, 65553]) {
      const reader = new S.SealedFileReader(secretKey);
      const out = [];
      for (let at = 0; at < sealed.length; at += piece) out.push(reader.feed(sealed.subarray(at, at + piece)));
      out.push(reader.finish());
      assert.deepEqual(new Uint8Array(Buffer.concat(out)), plain, `${piece}`);
    }
  });

  test('refusals carry the same reasons as the C++ side', async () => {
    const { publicKey, secretKey } = S.generateBoxKeyPair();
    const sealed = await S.sealFile(publicKey, pattern(65536 + 100));
    const open = (bytes, sk = secretKey) => reasonOf(() => S.openFile(sk, bytes));
    assert.equal(open(new Uint8Array(0)), 'seal.format');
    assert.equal(open(sealed.subarray(0, 111)), 'seal.format');
    assert.equal(open(flipped(sealed, 7)), 'seal.format');
    assert.equal(open(flipped(sealed, 8)), 'seal.key');
    assert.equal(open(flipped(sealed, 87)), 'seal.key');
    assert.equal(open(sealed, S.generateBoxKeyPair().secretKey), 'seal.key');
    for (const at of [88, 111, 112, 5000, 112 + 65552, 112 + 65553, sealed.length - 1]) {
      assert.equal(open(flipped(sealed, at)), 'seal.chunk', `${at}`);
    }
    assert.equal(open(sealed.subarray(0, 112)), 'seal.truncated');
    assert.equal(open(sealed.subarray(0, 112 + 65553)), 'seal.truncated');
    assert.equal(open(sealed.subarray(0, sealed.length - 1)), 'seal.chunk');
    const full = await S.sealFile(publicKey, pattern(65536));
    assert.equal(open(Buffer.concat([full, new Uint8Array(1)])), 'seal.trailing');
    assert.equal(reasonOf(() => new S.SealedFileWriter(new Uint8Array(31))), 'seal.public_key');
    assert.equal(reasonOf(() => new S.SealedFileWriter(new Uint8Array(32)).header()), 'seal.public_key');
    const writer = new S.SealedFileWriter(publicKey);
    assert.equal(reasonOf(() => writer.push(new Uint8Array(1), false)), 'seal.state');
  });
});

describe('sealing.mjs: keys', () => {
  test('wrap and unwrap in the pinned layout; malformed texts are format errors', () => {
    const { secretKey } = S.generateBoxKeyPair();
    const wrapped = S.wrapSecretKey(secretKey, 'rahasia', { ops: 1, mem: 8192 });
    const j = JSON.parse(wrapped);
    assert.deepEqual(Object.keys(j), ['v', 'kdf', 'ops', 'mem', 'salt', 'nonce', 'box']);
    assert.deepEqual(S.unwrapSecretKey(wrapped, 'rahasia'), secretKey);
    assert.equal(reasonOf(() => S.unwrapSecretKey(wrapped, 'Rahasia')), 'key.passphrase');
    assert.equal(reasonOf(() => S.unwrapSecretKey('not json', 'rahasia')), 'key.format');
    for (const [field, value] of [['v', 2], ['kdf', 'scrypt'], ['ops', '3'], ['mem', 4096], ['ops', 1000], ['salt', 'AAAA'], ['nonce', 'not base64!'], ['box', null]]) {
      assert.equal(reasonOf(() => S.unwrapSecretKey(JSON.stringify({ ...j, [field]: value }), 'rahasia')), 'key.format', field);
    }
  });

  test('any k of n shares rebuild the tender key, k-1 do not', () => {
    const keys = Array.from({ length: 5 }, () => S.generateBoxKeyPair());
    const bundle = S.makeTenderKeyBundle(keys.map((k, i) => ({ user_id: 1000 + i, public_key: S.toBase64(k.publicKey) })), 3);
    const j = JSON.parse(bundle.json);
    assert.deepEqual(Object.keys(j), ['v', 'public_key', 'threshold', 'shares']);
    const shares = j.shares.map((s, i) => S.openShare(s.sealed_share, keys[i].secretKey));
    for (let mask = 0; mask < 32; mask++) {
      const subset = shares.filter((_, i) => mask & (1 << i));
      if (subset.length >= 3) assert.deepEqual(S.rebuildTenderSecret(subset, j.public_key), bundle.secretKey);
      else if (subset.length === 2) assert.equal(reasonOf(() => S.rebuildTenderSecret(subset, j.public_key)), 'key.mismatch');
    }
    const pk = S.toBase64(keys[0].publicKey);
    assert.equal(reasonOf(() => S.makeTenderKeyBundle([{ user_id: 1, public_key: pk }, { user_id: 1, public_key: pk }], 2)), 'key.format');
    assert.equal(reasonOf(() => S.makeTenderKeyBundle([{ user_id: 1, public_key: pk }, { user_id: 2, public_key: pk }], 3)), 'shamir.threshold_invalid');
    assert.equal(reasonOf(() => S.makeTenderKeyBundle([{ user_id: 1, public_key: pk }, { user_id: 2, public_key: pk }], 1)), 'shamir.threshold_invalid');
    // A single key holder (a Pejabat Pengadaan) holds the whole key: 1 of 1.
    const single = S.makeTenderKeyBundle([{ user_id: 9, public_key: pk }], 1);
    const only = JSON.parse(single.json).shares;
    assert.equal(only.length, 1);
    const share = S.openShare(only[0].sealed_share, keys[0].secretKey);
    assert.deepEqual(S.rebuildTenderSecret([share], JSON.parse(single.json).public_key), single.secretKey);
  });
});

describe('sealing.mjs and spse across the language boundary', () => {
  let dir;
  const bin = spseBin();
  const file = (name) => path.join(dir, name);
  const spse = (...args) => spawnSync(bin, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });

  before(() => {
    assert.ok(existsSync(bin), `build spse first (${bin}, or set SPSE_BIN)`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'spse-sealing-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a file sealed by the browser code opens with spse open-sealed, and an altered one does not', async () => {
    const { publicKey, secretKey } = S.generateBoxKeyPair();
    const plain = pattern(200_000);
    const sealed = await S.sealFile(publicKey, new Blob([plain]));
    const bytes = new Uint8Array(await sealed.arrayBuffer());
    writeFileSync(file('js.sealed'), bytes);
    writeFileSync(file('tender.sk'), `${S.toBase64(secretKey)}\n`);
    const opened = spse('open-sealed', '--secret-key-file', file('tender.sk'), file('js.sealed'), file('js.plain'));
    assert.equal(opened.status, 0, opened.stderr);
    assert.deepEqual(new Uint8Array(readFileSync(file('js.plain'))), plain);
    assert.match(opened.stdout, new RegExp(`sha256: ${await S.sha256Hex(plain)}`));

    writeFileSync(file('bad.sealed'), flipped(bytes, 70_000));
    const chunk = spse('open-sealed', '--secret-key-file', file('tender.sk'), file('bad.sealed'), file('bad.plain'));
    assert.equal(chunk.status, 1);
    assert.match(chunk.stderr, /seal\.chunk/);
    assert.ok(!existsSync(file('bad.plain')), 'no plaintext is left from a file that does not open');
    writeFileSync(file('bad.sealed'), flipped(bytes, 20));
    const key = spse('open-sealed', '--secret-key-file', file('tender.sk'), file('bad.sealed'), file('bad.plain'));
    assert.equal(key.status, 1);
    assert.match(key.stderr, /seal\.key/);
  });

  test('a file sealed by spse seal opens in the browser code; its printed digest is of the sealed bytes', async () => {
    const { publicKey, secretKey } = S.generateBoxKeyPair();
    for (const n of [0, 65536, 1_500_000]) {
      const plain = pattern(n);
      writeFileSync(file('plain'), plain);
      writeFileSync(file('tender.pk'), S.toBase64(publicKey));
      const args = n === 0 ? ['--public-key', S.toBase64(publicKey)] : ['--public-key-file', file('tender.pk')];
      const run = spse('seal', ...args, file('plain'), file('cpp.sealed'));
      assert.equal(run.status, 0, run.stderr);
      const sealed = new Uint8Array(readFileSync(file('cpp.sealed')));
      assert.equal(sealed.length, sealedSize(n));
      assert.match(run.stdout, new RegExp(`size: ${sealed.length}\\n`));
      assert.match(run.stdout, new RegExp(`sha256: ${await S.sha256Hex(sealed)}`));
      assert.deepEqual(S.openFile(secretKey, sealed), plain);
    }
    const refused = spse('seal', '--public-key', 'not-a-key', file('plain'), file('x.sealed'));
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /seal\.public_key/);
  });

  test('spse tender-key makes a bundle the browser code rebuilds with k shares and not k-1', () => {
    const keys = Array.from({ length: 4 }, () => S.generateBoxKeyPair());
    const members = keys.map((k, i) => ({ user_id: 7 + i, public_key: S.toBase64(k.publicKey) }));
    writeFileSync(file('members.json'), JSON.stringify(members));
    const run = spse('tender-key', '--members', file('members.json'), '--threshold', '3', '--out', file('bundle.json'));
    assert.equal(run.status, 0, run.stderr);
    const bundle = JSON.parse(readFileSync(file('bundle.json'), 'utf8'));
    assert.match(run.stdout, new RegExp(`public_key: ${bundle.public_key}\\n`));
    assert.deepEqual(bundle.shares.map((s) => [s.user_id, s.x]), [[7, 1], [8, 2], [9, 3], [10, 4]]);
    assert.equal(bundle.threshold, 3);
    const shares = bundle.shares.map((s, i) => S.openShare(s.sealed_share, keys[i].secretKey));
    const secret = S.rebuildTenderSecret([shares[3], shares[1], shares[0]], bundle.public_key);
    assert.deepEqual(S.boxPublicKey(secret), sodium.from_base64(bundle.public_key));
    assert.equal(reasonOf(() => S.rebuildTenderSecret([shares[3], shares[1]], bundle.public_key)), 'key.mismatch');
    assert.ok(!readFileSync(file('bundle.json'), 'utf8').includes(S.toBase64(secret)), 'the secret key is not in the bundle');

    const again = spse('tender-key', '--members', file('members.json'), '--threshold', '3', '--out', file('bundle.json'));
    assert.equal(again.status, 2, 'an existing bundle is never replaced');
    const low = spse('tender-key', '--members', file('members.json'), '--threshold', '5', '--out', file('other.json'));
    assert.equal(low.status, 2);
    assert.match(low.stderr, /shamir\.threshold_invalid/);
  });

  test('a bundle made by the browser code opens files sealed by spse once k members rebuild the key', async () => {
    const keys = Array.from({ length: 3 }, () => S.generateBoxKeyPair());
    const bundle = JSON.parse(S.makeTenderKeyBundle(keys.map((k, i) => ({ user_id: i + 1, public_key: S.toBase64(k.publicKey) })), 2).json);
    writeFileSync(file('plain'), pattern(100_000));
    const sealedRun = spse('seal', '--public-key', S.toBase64(S.generateBoxKeyPair().publicKey), file('plain'), file('other.sealed'));
    assert.equal(sealedRun.status, 0, sealedRun.stderr);
    writeFileSync(file('js-bundle.json'), JSON.stringify(bundle));
    const run = spse('seal', '--public-key-file', file('js-bundle.json'), file('plain'), file('b.sealed'));
    assert.equal(run.status, 0, run.stderr);
    const secret = S.rebuildTenderSecret(
      [S.openShare(bundle.shares[2].sealed_share, keys[2].secretKey), S.openShare(bundle.shares[0].sealed_share, keys[0].secretKey)],
      bundle.public_key);
    writeFileSync(file('rebuilt.sk'), S.toBase64(secret));
    const opened = spse('open-sealed', '--secret-key-file', file('rebuilt.sk'), file('b.sealed'), file('b.plain'));
    assert.equal(opened.status, 0, opened.stderr);
    assert.deepEqual(new Uint8Array(readFileSync(file('b.plain'))), pattern(100_000));
    const wrong = spse('open-sealed', '--secret-key-file', file('rebuilt.sk'), file('other.sealed'), file('o.plain'));
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /seal\.key/);
  });

  test('spse verify-receipt says valid for a good receipt and refuses a bad one', () => {
    const v = vectors.receipt_file;
    writeFileSync(file('receipt.json'), v.json);
    const ok = spse('verify-receipt', file('receipt.json'));
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, 'valid\n');
    const keyed = spse('verify-receipt', file('receipt.json'), '--public-key', v.public_key_b64);
    assert.equal(keyed.status, 0, keyed.stderr);
    const other = spse('verify-receipt', file('receipt.json'), '--public-key', S.toBase64(S.signKeyPair().publicKey));
    assert.equal(other.status, 1);
    assert.match(other.stderr, /receipt\.key_mismatch/);
    const file2 = JSON.parse(v.json);
    writeFileSync(file('altered.json'), JSON.stringify({ ...file2, receipt: file2.receipt.replace('"vendor_id":42', '"vendor_id":43') }));
    const altered = spse('verify-receipt', file('altered.json'));
    assert.equal(altered.status, 1);
    assert.match(altered.stderr, /receipt\.signature/);
    writeFileSync(file('broken.json'), '{"v":1}');
    const broken = spse('verify-receipt', file('broken.json'));
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /receipt\.format/);
  });

  test('a receipt signed by the browser-side code for a fresh key verifies in spse', () => {
    const keys = S.signKeyPair();
    const receipt = JSON.stringify({ v: 1, tender_code: 'T-1', sha256: 'ab'.repeat(32), nama: 'Pengadaan — Jalan Raya' });
    const signed = JSON.stringify({ v: 1, receipt, signature: S.toBase64(S.signDetached(sodium.from_string(receipt), keys.secretKey)), public_key: S.toBase64(keys.publicKey) });
    writeFileSync(file('fresh.json'), signed);
    const run = spse('verify-receipt', '--public-key', S.toBase64(keys.publicKey), file('fresh.json'));
    assert.equal(run.status, 0, run.stderr);
  });
});
