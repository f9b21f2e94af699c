// The second factor for the end-to-end tests: TOTP codes computed as an
// authenticator app does (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits),
// and what the sign-in helpers remember about the accounts they enrolled.
//
//   import { totp, stepAt } from '../lib/totp.mjs';
//   const code = totp('JBSWY3DPEHPK3PXP');              // now
//   const next = totp(secret, { step: stepAt() + 1 });  // the next step's
//
// The server accepts each time step's code once (replay protection) and one
// step either side of its clock. So the helpers remember, per server and
// account, the secret and the last step they spent; freshCode() gives the
// code of the first step after that which the server will take, waiting for
// the next 30-second boundary when the current and the next step are spent.
import { createHmac } from 'node:crypto';

export const STEP_SECONDS = 30;
export const DIGITS = 6;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (spaces and padding ignored, any case) to bytes. */
export function base32Decode(text) {
  const clean = String(text).replace(/[\s=-]/g, '').toUpperCase();
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// How far the server under test runs ahead of this machine's clock (see
// lib/clock.mjs): codes are made for the server's time.
let serverShiftMs = 0;
export function setServerClockShift(ms) { serverShiftMs = ms; }
export function serverNow() { return Date.now() + serverShiftMs; }

/** The RFC 6238 time step T at `ms` (milliseconds since the epoch; default the server's now). */
export function stepAt(ms = serverNow()) {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/**
 * The code of `secret` (base32, or a Buffer of raw bytes) for time step
 * `step` (default: now), `digits` long: RFC 4226 dynamic truncation.
 */
export function totp(secret, { step = stepAt(), digits = DIGITS } = {}) {
  const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) |
    (mac[offset + 2] << 8) | mac[offset + 3];
  return String(value % 10 ** digits).padStart(digits, '0');
}

// `${baseUrl} ${username}` -> {secret, lastStep, recoveryCodes}
const enrolled = new Map();
const keyOf = (baseUrl, username) => `${String(baseUrl).replace(/\/$/, '')} ${username}`;

/** Remembers an enrolment the helpers made (or a test made by hand). */
export function rememberEnrolment(baseUrl, username, { secret, step, recoveryCodes = [] }) {
  enrolled.set(keyOf(baseUrl, username), { secret, lastStep: step, recoveryCodes });
}

/** What is remembered about the account on that server, or undefined. */
export function enrolmentOf(baseUrl, username) {
  return enrolled.get(keyOf(baseUrl, username));
}

/** Forgets the account's enrolment (after a reset or a switch-off). */
export function forgetEnrolment(baseUrl, username) {
  enrolled.delete(keyOf(baseUrl, username));
}

/** Records that the server accepted the code of `step` (so it takes no code up to it again). */
export function markStepUsed(baseUrl, username, step) {
  const e = enrolmentOf(baseUrl, username);
  if (e && step > e.lastStep) e.lastStep = step;
}

/**
 * A code the server will accept now for the remembered account: the current
 * step's, else the next step's (inside the server's window), else the next
 * one after waiting for the step boundary. Resolves {code, step}.
 */
export async function freshCode(baseUrl, username) {
  const e = enrolmentOf(baseUrl, username);
  if (!e) throw new Error(`no second factor remembered for ${username} at ${baseUrl}`);
  for (;;) {
    const now = stepAt();
    const step = Math.max(e.lastStep + 1, now);
    if (step <= now + 1) return { code: totp(e.secret, { step }), step };
    // Both usable steps are spent: wait until the next one starts.
    const wait = (now + 1) * STEP_SECONDS * 1000 - serverNow() + 50;
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 50)));
  }
}

/** The base32 secret shown for manual entry on the enrolment page, or ''. */
export function secretFrom(html) {
  const m = /data-testid="totp-secret">([^<]*)</.exec(html ?? '');
  return m ? m[1].replace(/\s+/g, '') : '';
}

/** The recovery codes listed on the page shown after enrolment, or []. */
export function recoveryCodesFrom(html) {
  const list = /data-testid="recovery-codes">([\s\S]*?)<\/ol>/.exec(html ?? '');
  return list ? [...list[1].matchAll(/<code>([^<]*)<\/code>/g)].map((m) => m[1]) : [];
}
