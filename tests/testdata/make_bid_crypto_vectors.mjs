// Writes bid_crypto_vectors.json, the known answers of the sealed-bid
// formats shared by tests/crypto/bid_crypto_test.cc and
// tests/e2e/http/sealing_js.test.mjs. Run once, from the repository root,
// after building spse:
//
//   node tests/testdata/make_bid_crypto_vectors.mjs [build/release/src/cli/spse]
//
// The deterministic answers (X25519, Ed25519, argon2id) come out the same
// every run; the sealed files and bundles are random and are made once by
// each side (made_by), so that the other side proves it can open them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as S from '../../web/static/js/sealing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const spse = path.resolve(process.argv[2] ?? path.join(here, '../../build/release/src/cli/spse'));
const sodium = await S.ready();
const hex = (b) => Buffer.from(b).toString('hex');
const fromHex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
const counting = (from, n) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
// The plaintext of the sealed-file vectors: byte i is (i * 31 + 7) mod 256.
const pattern = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-vectors-'));

const tenderSecret = counting(0x40, 32);
const tenderPublic = S.boxPublicKey(tenderSecret);
const memberSecrets = [0x11, 0x22, 0x33].map((b) => new Uint8Array(32).fill(b));
const members = memberSecrets.map((sk, i) => ({ user_id: 101 + i, public_key: S.toBase64(S.boxPublicKey(sk)) }));

const receiptSeed = counting(0x00, 32);
const receiptKeys = S.signKeyPairFromSeed(receiptSeed);
const receiptText = JSON.stringify({
  v: 1, tender_code: '10012345000', vendor_id: 42, envelope: 'harga', size: 131335,
  sha256: 'b0b9a3f5c3f3d0f1b1f9c6a43b2a6f64e0f8e3a5d6c7b8a9f0e1d2c3b4a59687', received_at: '2027-03-14T02:59:58.123Z',
  nama: 'Penawaran — CV Maju Jaya',
});
const receiptFile = JSON.stringify({
  v: 1, receipt: receiptText,
  signature: S.toBase64(S.signDetached(sodium.from_string(receiptText), receiptKeys.secretKey)),
  public_key: S.toBase64(receiptKeys.publicKey),
});

const passphrase = 'kata sandi Pokja: Garuda-2027!';
const salt = counting(0x10, 16);
const argon = [{ ops: 3, mem: 67108864 }, { ops: 2, mem: 65536 }].map((cost) => ({
  passphrase, salt: hex(salt), ...cost, key: hex(S.passphraseKey(passphrase, salt, cost)),
}));

async function sealedByJs(length) {
  const plain = pattern(length);
  return { made_by: 'js', length, sha256: await S.sha256Hex(plain), sealed: S.toBase64(await S.sealFile(tenderPublic, plain)) };
}
function sealedByCpp(length) {
  const plain = pattern(length);
  writeFileSync(path.join(tmp, 'plain'), plain);
  execFileSync(spse, ['seal', '--public-key', S.toBase64(tenderPublic), path.join(tmp, 'plain'), path.join(tmp, 'sealed')]);
  const sealed = readFileSync(path.join(tmp, 'sealed'));
  rmSync(path.join(tmp, 'sealed'));
  return { made_by: 'cpp', length, sha256: hex(sodium.crypto_hash_sha256(plain)), sealed: S.toBase64(sealed) };
}

const jsBundle = S.makeTenderKeyBundle(members, 2);
writeFileSync(path.join(tmp, 'members.json'), JSON.stringify(members));
execFileSync(spse, ['tender-key', '--members', path.join(tmp, 'members.json'), '--threshold', '2', '--out', path.join(tmp, 'bundle.json')]);
const cppBundle = readFileSync(path.join(tmp, 'bundle.json'), 'utf8').trim();

const vectors = {
  about: 'Known answers of docs/sealed-bids.md, made by tests/testdata/make_bid_crypto_vectors.mjs. Bytes are hex unless named b64 (URL-safe, unpadded). Sealed-file plaintext: byte i = (i * 31 + 7) mod 256.',
  x25519: [
    { source: 'RFC 7748 section 6.1 (Alice)', secret_key: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', public_key: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a' },
    { source: 'RFC 7748 section 6.1 (Bob)', secret_key: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb', public_key: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f' },
    { source: 'the tender key of the sealed files below', secret_key: hex(tenderSecret), public_key: hex(tenderPublic) },
  ],
  ed25519: [
    { source: 'RFC 8032 section 7.1 TEST 1', seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', public_key: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', message: '', signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b' },
    { source: 'a receipt text', seed: hex(receiptSeed), public_key: hex(receiptKeys.publicKey), message: hex(sodium.from_string(receiptText)), signature: hex(S.signDetached(sodium.from_string(receiptText), receiptKeys.secretKey)) },
  ],
  argon2id: argon,
  wrapped_key: { passphrase, secret_key: hex(tenderSecret), json: S.wrapSecretKey(tenderSecret, passphrase) },
  receipt_file: { public_key_b64: S.toBase64(receiptKeys.publicKey), json: receiptFile, receipt: receiptText },
  sealed_files: {
    tender_secret_key: hex(tenderSecret),
    files: [await sealedByJs(0), await sealedByJs(70000), sealedByCpp(0), sealedByCpp(65536)],
  },
  tender_bundles: {
    members: memberSecrets.map((sk, i) => ({ user_id: 101 + i, secret_key: hex(sk), public_key_b64: members[i].public_key })),
    bundles: [
      { made_by: 'js', threshold: 2, json: jsBundle.json, secret_key: hex(jsBundle.secretKey) },
      { made_by: 'cpp', threshold: 2, json: cppBundle },
    ],
  },
};
rmSync(tmp, { recursive: true });
writeFileSync(path.join(here, 'bid_crypto_vectors.json'), `${JSON.stringify(vectors, null, 1)}\n`);
