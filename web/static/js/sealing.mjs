// The cryptography of sealed bids in the browser: the same bytes as
// src/crypto/bid_crypto.h (docs/sealed-bids.md), on the vendored
// libsodium-wrappers-sumo and shamir.mjs. Errors are Error objects whose
// .reason is the C++ side's reason ("seal.chunk", "key.passphrase", ...).
//
// Keys are Uint8Array; where a key comes from JSON it may also be given as
// its base64 text (libsodium's URL-safe variant without padding, the
// default of sodium.to_base64). Call (and await) ready() first.

import sodium from '../vendor/libsodium/libsodium-wrappers-sumo.mjs';
import { combineShares, splitSecret } from './shamir.mjs';

export const SEALED_MAGIC = 'SPSESF01';
export const HEADER_SIZE = 112;
export const CHUNK_SIZE = 65536;
export const CHUNK_OVERHEAD = 17;
export const SHARE_SIZE = 33;
/** The pinned argon2id cost of a wrapped personal key. */
export const DEFAULT_KDF_COST = Object.freeze({ ops: 3, mem: 64 * 1024 * 1024 });

const CIPHER_CHUNK_SIZE = CHUNK_SIZE + CHUNK_OVERHEAD;
const SEALED_KEY_OFFSET = 8;
const SEALED_KEY_SIZE = 80;
const STREAM_HEADER_OFFSET = SEALED_KEY_OFFSET + SEALED_KEY_SIZE;
const MAX_OPS = 10;
const MIN_MEM = 8 * 1024;
const MAX_MEM = 1024 * 1024 * 1024;
// How much of a Blob is read at once when sealing it.
const BLOB_SLICE = 16 * CHUNK_SIZE;

function fail(reason, message = reason) {
  const e = new Error(message);
  e.reason = reason;
  return e;
}

function wipe(bytes) {
  if (bytes && bytes.length) sodium.memzero(bytes);
}

function concat(parts) {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Raw bytes of `value`: a Uint8Array as it is, a string decoded as base64. */
function bytesOf(value, size, reason) {
  let bytes;
  if (typeof value === 'string') {
    try {
      bytes = sodium.from_base64(value);
    } catch {
      throw fail(reason, 'not unpadded URL-safe base64');
    }
  } else if (value instanceof Uint8Array) {
    bytes = value;
  } else {
    throw fail(reason, 'expected bytes or base64');
  }
  if (size !== undefined && bytes.length !== size) throw fail(reason, `expected ${size} bytes`);
  return bytes;
}

function parseObject(text, reason) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail(reason, 'not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail(reason, 'not a JSON object');
  }
  return value;
}

/** Loads libsodium; resolves to the sodium object. */
export async function ready() {
  await sodium.ready;
  return sodium;
}

export const toBase64 = (bytes) => sodium.to_base64(bytes);
export const fromBase64 = (text, reason = 'key.format') => bytesOf(text, undefined, reason);

// ------------------------------------------------------------ sealed files

/**
 * Seals a file to a tender's public key, streaming: header() first, then
 * push(data, last) with pieces of any size, the last with last = true.
 * Holds at most one 64 KiB chunk of plaintext.
 */
export class SealedFileWriter {
  constructor(tenderPublicKey) {
    this.publicKey = bytesOf(tenderPublicKey, 32, 'seal.public_key');
    this.pending = new Uint8Array(CHUNK_SIZE);
    this.pendingSize = 0;
    this.stage = 'new';
    this.state = null;
  }

  /** The 112 header bytes, with a fresh random file key sealed inside. */
  header() {
    if (this.stage !== 'new') throw fail('seal.state', 'header() called twice');
    const fileKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    const out = new Uint8Array(HEADER_SIZE);
    out.set(sodium.from_string(SEALED_MAGIC), 0);
    let sealedKey;
    try {
      sealedKey = sodium.crypto_box_seal(fileKey, this.publicKey);
    } catch {
      wipe(fileKey);
      throw fail('seal.public_key', 'the tender public key is not a usable X25519 key');
    }
    out.set(sealedKey, SEALED_KEY_OFFSET);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
    wipe(fileKey);
    out.set(header, STREAM_HEADER_OFFSET);
    this.state = state;
    this.stage = 'open';
    return out;
  }

  #encrypt(plaintext, final) {
    const tag = final
      ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    return sodium.crypto_secretstream_xchacha20poly1305_push(this.state, plaintext, null, tag);
  }

  /** The ciphertext of every chunk `data` completes; with `last`, also the final chunk. */
  push(data, last = false) {
    if (this.stage !== 'open') {
      throw fail('seal.state', this.stage === 'new' ? 'push() before header()' : 'push() after the last chunk');
    }
    const out = [];
    let used = 0;
    // A full chunk waits for more data: only the last chunk is FINAL.
    while (used < data.length) {
      if (this.pendingSize === CHUNK_SIZE) {
        out.push(this.#encrypt(this.pending, false));
        this.pendingSize = 0;
      }
      const take = Math.min(data.length - used, CHUNK_SIZE - this.pendingSize);
      this.pending.set(data.subarray(used, used + take), this.pendingSize);
      this.pendingSize += take;
      used += take;
    }
    if (last) {
      out.push(this.#encrypt(this.pending.subarray(0, this.pendingSize), true));
      wipe(this.pending);
      this.pendingSize = 0;
      this.state = null;
      this.stage = 'done';
    }
    return out.length === 1 ? out[0] : concat(out);
  }
}

/**
 * Opens a sealed file with the tender's secret key, streaming: feed(bytes)
 * any number of times, then finish(). Plaintext comes out only once its
 * chunk has authenticated, but everything must be discarded unless finish()
 * succeeds. After an error every call throws it again.
 */
export class SealedFileReader {
  constructor(tenderSecretKey) {
    this.secretKey = tenderSecretKey;
    this.pending = new Uint8Array(0);
    this.headerDone = false;
    this.finalSeen = false;
    this.error = null;
    this.state = null;
  }

  #fail(reason, message) {
    this.error = fail(reason, message);
    this.pending = new Uint8Array(0);
    return this.error;
  }

  #openHeader() {
    const header = this.pending.subarray(0, HEADER_SIZE);
    if (sodium.to_string(header.subarray(0, 8)) !== SEALED_MAGIC) {
      throw this.#fail('seal.format', 'not a sealed file (magic)');
    }
    if (!(this.secretKey instanceof Uint8Array) || this.secretKey.length !== 32) {
      throw this.#fail('seal.key', 'the tender secret key is not 32 bytes');
    }
    const publicKey = sodium.crypto_scalarmult_base(this.secretKey);
    let fileKey;
    try {
      fileKey = sodium.crypto_box_seal_open(
        header.subarray(SEALED_KEY_OFFSET, STREAM_HEADER_OFFSET), publicKey, this.secretKey);
    } catch {
      throw this.#fail('seal.key', 'the file key does not open with this tender key');
    }
    try {
      this.state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(
        header.subarray(STREAM_HEADER_OFFSET, HEADER_SIZE), fileKey);
    } catch {
      throw this.#fail('seal.chunk', 'bad stream header');
    } finally {
      wipe(fileKey);
    }
    this.pending = this.pending.subarray(HEADER_SIZE);
    this.headerDone = true;
  }

  #decrypt(ciphertext) {
    let result;
    try {
      result = sodium.crypto_secretstream_xchacha20poly1305_pull(this.state, ciphertext, null);
    } catch {
      result = false;
    }
    if (!result) throw this.#fail('seal.chunk', 'a chunk failed authentication');
    if (result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      this.finalSeen = true;
    } else if (result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      throw this.#fail('seal.chunk', 'a chunk has an unknown tag');
    }
    return result.message;
  }

  /** The plaintext of the chunks `bytes` completes. */
  feed(bytes) {
    if (this.error) throw this.error;
    if (this.finalSeen && bytes.length > 0) throw this.#fail('seal.trailing', 'bytes after the final chunk');
    this.pending = this.pending.length ? concat([this.pending, bytes]) : bytes;
    if (!this.headerDone) {
      if (this.pending.length < HEADER_SIZE) {
        this.pending = this.pending.slice();
        return new Uint8Array(0);
      }
      this.#openHeader();
    }
    const out = [];
    let used = 0;
    while (!this.finalSeen && this.pending.length - used >= CIPHER_CHUNK_SIZE) {
      out.push(this.#decrypt(this.pending.subarray(used, used + CIPHER_CHUNK_SIZE)));
      used += CIPHER_CHUNK_SIZE;
    }
    // Keep a copy of the rest: the caller may reuse the buffer it fed.
    this.pending = this.pending.slice(used);
    if (this.finalSeen && this.pending.length > 0) {
      out.forEach(wipe);
      throw this.#fail('seal.trailing', 'bytes after the final chunk');
    }
    return out.length === 1 ? out[0] : concat(out);
  }

  /** The plaintext of the last chunk; throws unless the file ended with its FINAL chunk. */
  finish() {
    if (this.error) throw this.error;
    if (!this.headerDone) throw this.#fail('seal.format', "shorter than a sealed file's header");
    if (this.finalSeen) return new Uint8Array(0);
    if (this.pending.length < CHUNK_OVERHEAD) {
      throw this.#fail('seal.truncated', 'the file ends before its final chunk');
    }
    const plain = this.#decrypt(this.pending);
    this.pending = new Uint8Array(0);
    if (!this.finalSeen) {
      wipe(plain);
      throw this.#fail('seal.truncated', 'the file ends before its final chunk');
    }
    return plain;
  }
}

/**
 * The sealed file as pieces (the header, then runs of chunks), reading a
 * Blob or File a slice at a time, so a large file is never whole in memory.
 */
export async function* sealPieces(tenderPublicKey, input) {
  const writer = new SealedFileWriter(tenderPublicKey);
  yield writer.header();
  if (input instanceof Uint8Array) {
    yield writer.push(input, true);
    return;
  }
  if (input.size === 0) {
    yield writer.push(new Uint8Array(0), true);
    return;
  }
  for (let at = 0; at < input.size; at += BLOB_SLICE) {
    const end = Math.min(input.size, at + BLOB_SLICE);
    const slice = new Uint8Array(await input.slice(at, end).arrayBuffer());
    yield writer.push(slice, end === input.size);
  }
}

/**
 * Seals `input` to the tender's public key: a Uint8Array gives a Uint8Array,
 * a Blob (or File) gives a Blob built from pieces read a slice at a time.
 */
export async function sealFile(tenderPublicKey, input) {
  const pieces = [];
  for await (const piece of sealPieces(tenderPublicKey, input)) pieces.push(piece);
  if (input instanceof Uint8Array) return concat(pieces);
  return new Blob(pieces, { type: 'application/octet-stream' });
}

/** The plaintext of a whole sealed file (Uint8Array). */
export function openFile(tenderSecretKey, sealed) {
  const reader = new SealedFileReader(tenderSecretKey);
  const body = reader.feed(sealed);
  const rest = reader.finish();
  return rest.length ? concat([body, rest]) : body;
}

// ------------------------------------------------------------ personal keys

/** A fresh X25519 pair: {publicKey, secretKey}. */
export function generateBoxKeyPair() {
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  return { publicKey, secretKey: privateKey };
}

/** The X25519 public key of a 32-byte secret key. */
export function boxPublicKey(secretKey) {
  return sodium.crypto_scalarmult_base(bytesOf(secretKey, 32, 'key.format'));
}

/** crypto_pwhash(32, passphrase, salt (16 bytes), ops, mem, ARGON2ID13). */
export function passphraseKey(passphrase, salt, { ops, mem }) {
  if (!(salt instanceof Uint8Array) || salt.length !== sodium.crypto_pwhash_SALTBYTES) {
    throw fail('key.format', 'the salt is not 16 bytes');
  }
  if (!(Number.isInteger(ops) && Number.isInteger(mem) && ops >= 1 && ops <= MAX_OPS &&
        mem >= MIN_MEM && mem <= MAX_MEM)) {
    throw fail('key.format', 'argon2id cost out of range');
  }
  return sodium.crypto_pwhash(32, passphrase, salt, ops, mem, sodium.crypto_pwhash_ALG_ARGON2ID13);
}

/** The JSON text that keeps a personal secret key under a passphrase. */
export function wrapSecretKey(secretKey, passphrase, cost = DEFAULT_KDF_COST) {
  const sk = bytesOf(secretKey, 32, 'key.format');
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const key = passphraseKey(passphrase, salt, cost);
  const box = sodium.crypto_secretbox_easy(sk, nonce, key);
  wipe(key);
  return JSON.stringify({
    v: 1, kdf: 'argon2id13', ops: cost.ops, mem: cost.mem,
    salt: sodium.to_base64(salt), nonce: sodium.to_base64(nonce), box: sodium.to_base64(box),
  });
}

/** The secret key inside a wrapped-key JSON text; throws key.format or key.passphrase. */
export function unwrapSecretKey(wrappedJson, passphrase) {
  const j = parseObject(wrappedJson, 'key.format');
  if (j.v !== 1 || j.kdf !== 'argon2id13' || !Number.isInteger(j.ops) || !Number.isInteger(j.mem)) {
    throw fail('key.format', 'not a version 1 argon2id13 wrapped key');
  }
  const salt = bytesOf(j.salt, 16, 'key.format');
  const nonce = bytesOf(j.nonce, 24, 'key.format');
  const box = bytesOf(j.box, 48, 'key.format');
  const key = passphraseKey(passphrase, salt, { ops: j.ops, mem: j.mem });
  try {
    return sodium.crypto_secretbox_open_easy(box, nonce, key);
  } catch {
    throw fail('key.passphrase', 'the passphrase does not open this key');
  } finally {
    wipe(key);
  }
}

// ------------------------------------------------------------ tender keys

/**
 * A fresh tender key pair whose secret key is split k of n among `members`
 * ([{user_id, public_key}], in order; member i gets x = i + 1):
 * {json, publicKey, secretKey}. The caller wipes secretKey once done.
 */
export function makeTenderKeyBundle(members, threshold) {
  const n = members.length;
  // A single key holder (a Pejabat Pengadaan) holds the whole key: k = n = 1.
  const least = n >= 2 ? 2 : 1;
  if (!(Number.isInteger(threshold) && threshold >= least && n >= threshold && n <= 255)) {
    throw fail('shamir.threshold_invalid', 'need 2 <= k <= n <= 255, or k = n = 1');
  }
  const ids = new Set();
  const keys = members.map((m) => {
    if (!Number.isInteger(m.user_id)) throw fail('key.format', 'a member without an integer user_id');
    if (ids.has(m.user_id)) throw fail('key.format', `user ${m.user_id} twice`);
    ids.add(m.user_id);
    return bytesOf(m.public_key, 32, 'key.format');
  });
  const { publicKey, secretKey } = generateBoxKeyPair();
  const shares = splitSecret(secretKey, n, threshold, (size) => sodium.randombytes_buf(size));
  try {
    const sealed = shares.map((share, i) => {
      const plain = new Uint8Array(SHARE_SIZE);
      plain[0] = share.x;
      plain.set(share.y, 1);
      try {
        return { user_id: members[i].user_id, x: share.x, sealed_share: sodium.to_base64(sodium.crypto_box_seal(plain, keys[i])) };
      } catch {
        throw fail('key.format', `member ${members[i].user_id}: the public key is not a usable X25519 key`);
      } finally {
        wipe(plain);
      }
    });
    const json = JSON.stringify({ v: 1, public_key: sodium.to_base64(publicKey), threshold, shares: sealed });
    return { json, publicKey, secretKey };
  } catch (e) {
    wipe(secretKey);
    throw e;
  } finally {
    for (const share of shares) wipe(share.y);
  }
}

/** The 33 share bytes of a bundle's sealed_share, opened with the member's secret key. */
export function openShare(sealedShareB64, memberSecretKey) {
  const box = bytesOf(sealedShareB64, SHARE_SIZE + sodium.crypto_box_SEALBYTES, 'key.share');
  const sk = bytesOf(memberSecretKey, 32, 'key.format');
  try {
    return sodium.crypto_box_seal_open(box, sodium.crypto_scalarmult_base(sk), sk);
  } catch {
    throw fail('key.share', "the share does not open with this member's key");
  }
}

/**
 * The tender secret key from k or more opened shares (33 bytes each),
 * checked against the bundle's public key; throws key.share, shamir.*,
 * key.mismatch.
 */
export function rebuildTenderSecret(shares, expectedPublicKey) {
  const parts = shares.map((s) => {
    if (!(s instanceof Uint8Array) || s.length !== SHARE_SIZE) throw fail('key.share', 'a share is 33 bytes');
    return { x: s[0], y: s.slice(1) };
  });
  const secret = combineShares(parts);
  parts.forEach((p) => wipe(p.y));
  const expected = bytesOf(expectedPublicKey, 32, 'key.mismatch');
  if (!sodium.memcmp(sodium.crypto_scalarmult_base(secret), expected)) {
    wipe(secret);
    throw fail('key.mismatch', "the shares rebuild another key than the tender's");
  }
  return secret;
}

// ------------------------------------------------------------ signatures

/** A fresh Ed25519 pair: {publicKey (32 bytes), secretKey (64 bytes)}. */
export function signKeyPair() {
  const { publicKey, privateKey } = sodium.crypto_sign_keypair();
  return { publicKey, secretKey: privateKey };
}

/** The Ed25519 pair of a 32-byte seed. */
export function signKeyPairFromSeed(seed) {
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(bytesOf(seed, 32, 'key.format'));
  return { publicKey, secretKey: privateKey };
}

/** The 64-byte detached signature of `message` (bytes, or a string as UTF-8). */
export function signDetached(message, secretKey) {
  return sodium.crypto_sign_detached(message, secretKey);
}

export function verifyDetached(signature, message, publicKey) {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/**
 * The receipt text of a receipt file whose signature holds; with an
 * expected public key (bytes or base64), the file's key must be that one.
 * Throws receipt.format, receipt.key_mismatch, receipt.signature.
 */
export function verifyReceiptFile(json, expectedPublicKey) {
  const j = parseObject(json, 'receipt.format');
  if (j.v !== 1 || typeof j.receipt !== 'string') throw fail('receipt.format', 'not a version 1 receipt file');
  const signature = bytesOf(j.signature, 64, 'receipt.format');
  const publicKey = bytesOf(j.public_key, 32, 'receipt.format');
  if (expectedPublicKey !== undefined && expectedPublicKey !== null && expectedPublicKey.length !== 0) {
    const expected = bytesOf(expectedPublicKey, undefined, 'receipt.key_mismatch');
    if (expected.length !== 32 || !sodium.memcmp(expected, publicKey)) {
      throw fail('receipt.key_mismatch', 'signed with another key than the expected one');
    }
  }
  if (!verifyDetached(signature, sodium.from_string(j.receipt), publicKey)) {
    throw fail('receipt.signature', 'the signature does not hold for this receipt');
  }
  return j.receipt;
}

// ------------------------------------------------------------ digests

/**
 * Lowercase hex SHA-256 of bytes (Uint8Array, ArrayBuffer) by Web Crypto, or
 * of a Blob read a slice at a time (Web Crypto has no incremental digest).
 */
export async function sha256Hex(input) {
  const hex = (digest) => Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const state = sodium.crypto_hash_sha256_init();
    for (let at = 0; at < input.size; at += BLOB_SLICE) {
      const slice = await input.slice(at, Math.min(input.size, at + BLOB_SLICE)).arrayBuffer();
      sodium.crypto_hash_sha256_update(state, new Uint8Array(slice));
    }
    return hex(sodium.crypto_hash_sha256_final(state));
  }
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input)));
}
