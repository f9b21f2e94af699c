// Shamir secret sharing over GF(256), the browser's side of
// src/domain/shamir.h: the same field (AES polynomial 0x11b), the same
// share layout (x = 1..n, one byte of y per byte of the secret), the same
// known answers (tests/domain/shamir_test.cc, tests/e2e/http/shamir_js.test.mjs),
// so shares made on a Pokja member's machine open on another's. No
// secret-dependent branches or table lookups.

/** Multiplication in GF(2^8) mod x^8 + x^4 + x^3 + x + 1. */
export function gfMul(a, b) {
  let product = 0;
  for (let i = 0; i < 8; i++) {
    product ^= -(b & 1) & a;
    const high = -(a >> 7) & 0xff;
    a = ((a << 1) ^ (0x1b & high)) & 0xff;
    b >>= 1;
  }
  return product & 0xff;
}

// a^254 = a^-1 (0 for 0).
function gfInverse(a) {
  let result = 1;
  let power = a;
  for (let bit = 0; bit < 8; bit++) {
    if (bit > 0) result = gfMul(result, power);
    power = gfMul(power, power);
  }
  return result;
}

function fail(reason) {
  const e = new Error(reason);
  e.reason = reason;
  return e;
}

function systemRandom(size) {
  return globalThis.crypto.getRandomValues(new Uint8Array(size));
}

/**
 * n shares of `secret` (a Uint8Array), any k of which rebuild it. `random`
 * returns `size` random bytes (default: the Web Crypto generator).
 * Throws "shamir.secret_empty", "shamir.threshold_invalid".
 */
export function splitSecret(secret, n, k, random = systemRandom) {
  if (!secret || secret.length === 0) throw fail('shamir.secret_empty');
  if (!(k >= 1 && n >= k && n <= 255)) throw fail('shamir.threshold_invalid');
  const shares = [];
  for (let i = 0; i < n; i++) shares.push({ x: i + 1, y: new Uint8Array(secret.length) });
  for (let byte = 0; byte < secret.length; byte++) {
    const coefficients = random(k - 1);
    for (const share of shares) {
      let y = 0;
      for (let c = coefficients.length - 1; c >= 0; c--) y = gfMul(y, share.x) ^ coefficients[c];
      share.y[byte] = gfMul(y, share.x) ^ secret[byte];
    }
    coefficients.fill(0);
  }
  return shares;
}

/**
 * The secret from k or more shares ({x, y}). Throws "shamir.too_few",
 * "shamir.x_invalid", "shamir.x_repeated", "shamir.length_mismatch".
 */
export function combineShares(shares) {
  if (!shares || shares.length < 1) throw fail('shamir.too_few');
  const length = shares[0].y.length;
  shares.forEach((s, i) => {
    if (!(s.x >= 1 && s.x <= 255)) throw fail('shamir.x_invalid');
    if (s.y.length !== length || length === 0) throw fail('shamir.length_mismatch');
    for (let j = 0; j < i; j++) if (shares[j].x === s.x) throw fail('shamir.x_repeated');
  });
  const basis = shares.map((s, i) => {
    let numerator = 1;
    let denominator = 1;
    shares.forEach((t, j) => {
      if (j === i) return;
      numerator = gfMul(numerator, t.x);
      denominator = gfMul(denominator, t.x ^ s.x);
    });
    return gfMul(numerator, gfInverse(denominator));
  });
  const secret = new Uint8Array(length);
  for (let byte = 0; byte < length; byte++) {
    let value = 0;
    shares.forEach((s, i) => { value ^= gfMul(s.y[byte], basis[i]); });
    secret[byte] = value;
  }
  return secret;
}
