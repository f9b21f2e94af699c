// Sealed-bid steps over HTTP shared by the e2e tests (issue 5): members'
// personal keys, the chair's tender key, a published tender with its bid
// stage, declaring a bid and sending its sealed files over tus (spoken with
// fetch: the vendored tus-js-client needs a browser's XMLHttpRequest).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import * as S from '../../../web/static/js/sealing.mjs';
import { decodeEntities, snippet } from './client.mjs';
import { wibMs } from './clock.mjs';
import { freePackage, uploadDokumenPemilihan } from './tender.mjs';

export const PASSPHRASE = 'kunci rahasia pokja 2026';
// The demo Pokja's opening keys are wrapped under this (spse demo prints it).
export const DEMO_OPENING_PASSPHRASE = 'kunci-pembukaan-demo-2026';
const TUS = { 'tus-resumable': '1.0.0' };

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * Makes and stores the signed-in member's personal key; returns the pair.
 * A demo member already holds a key in use (shares of the demo tenders,
 * under DEMO_OPENING_PASSPHRASE): that one stays, and null is returned.
 */
export async function setMemberKey(member, passphrase = PASSPHRASE) {
  await S.ready();
  const page = await member.get('/akun/kunci-pembukaan');
  if (page.text.includes('data-testid="key-in-use"')) return null;
  const pair = S.generateBoxKeyPair();
  const res = await member.post('/akun/kunci-pembukaan', {
    public_key: S.toBase64(pair.publicKey),
    wrapped: S.wrapSecretKey(pair.secretKey, passphrase),
  });
  assert.equal(res.status, 303, snippet(res.text));
  return pair;
}

/** The members' keys the tender key page renders for the chair's browser. */
export function membersFrom(html) {
  const m = /<script type="application\/json" id="key-members">([^<]*)<\/script>/.exec(html);
  assert.ok(m, `no key-members block: ${snippet(html)}`);
  return JSON.parse(m[1]);
}

/** The chair sets one key per envelope still without one, as the page's module does. */
export async function setTenderKey(chair, tenderId, threshold = 2) {
  await S.ready();
  const page = await chair.get(`/tender/${tenderId}/kunci`);
  assert.equal(page.status, 200, snippet(page.text));
  const members = membersFrom(page.text);
  const envelopes = /data-envelopes="([^"]*)"/.exec(page.text)[1].split(' ').filter(Boolean);
  const made = envelopes.map((envelope) => {
    const { json, secretKey } = S.makeTenderKeyBundle(members, threshold);
    return { envelope, bundle: JSON.parse(json), secretKey };
  });
  const res = await chair.post(`/tender/${tenderId}/kunci`, {
    bundles: JSON.stringify(made.map(({ envelope, bundle }) => ({ envelope, bundle }))),
    threshold,
  });
  return { res, made };
}

/**
 * A fresh pascakualifikasi satu-file tender, drafted by `member` and
 * published by `chair`: {id, bidStart, bidEnd} (ms since the epoch).
 */
export async function publishedTender(member, chair) {
  const packageId = await freePackage(member);
  const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
  assert.equal(created.status, 303, snippet(created.text));
  const id = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
  const manage = (await member.get(`/pokja/tender/${id}`)).text;
  const bidStart = wibMs(/id="start_upload_penawaran" name="start_\d+" value="([^"]+)"/.exec(manage)?.[1]);
  const bidEnd = wibMs(/id="end_upload_penawaran" name="end_\d+" value="([^"]+)"/.exec(manage)?.[1]);
  assert.ok(bidEnd > bidStart, 'the bid stage has a period');
  await uploadDokumenPemilihan(member, id);
  await chair.get(`/pokja/tender/${id}`);
  const published = await chair.post(`/pokja/tender/${id}/umumkan`, {});
  assert.equal(published.status, 303, snippet(published.text));
  return { id, bidStart, bidEnd };
}

/** The vendor joins tender `id` (accepting the Pakta Integritas). */
export async function join(vendor, id) {
  await vendor.get(`/tender/${id}/ikut`);
  const res = await vendor.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
  assert.equal(res.status, 303, snippet(res.text));
}

/** The public key of `envelope` on the vendor's bid page. */
export function envelopeKeyFrom(html, envelope = 'tunggal') {
  const m = new RegExp(`data-envelope="${envelope}"[^>]*data-public-key="([^"]*)"`).exec(html);
  assert.ok(m && m[1], `no sealing key for ${envelope}: ${snippet(html)}`);
  return decodeEntities(m[1]);
}

/**
 * The price form's plaintext, as the bid page builds it; `items` is the
 * priced bill of a harga satuan tender ([{description, unit, quantity,
 * unit_price}], strings as the page writes them).
 */
export function priceForm(price, notes = '', items = []) {
  const form = { v: 1, price: String(price), currency: 'IDR', notes };
  if (items.length > 0) form.items = items;
  return new TextEncoder().encode(JSON.stringify(form));
}

/** Seals each {name, data, price_form} to `publicKey`: adds sealed, size and sha256. */
export async function sealAll(publicKey, files) {
  await S.ready();
  return Promise.all(files.map(async (f) => {
    const sealed = Buffer.from(await S.sealFile(publicKey, new Uint8Array(f.data)));
    return { ...f, sealed, size: sealed.length, sha256: sha256(sealed) };
  }));
}

/** POST /api/v1/tenders/{id}/bids: {status, json}. */
export async function declare(vendor, id, envelope, files) {
  const res = await vendor.request('POST', `/api/v1/tenders/${id}/bids`, {
    headers: { 'x-csrf-token': vendor.csrf },
    contentType: 'application/json',
    body: JSON.stringify({
      envelope,
      files: files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256, price_form: !!f.price_form })),
    }),
  });
  let json = null;
  try { json = JSON.parse(res.text); } catch { /* not JSON */ }
  return { status: res.status, json, text: res.text };
}

export const reasonOf = (res) => res.json?.error?.reason ?? JSON.parse(res.text).error.reason;

/** PATCH at `offset`: the raw response. */
export function patch(vendor, url, offset, bytes) {
  return vendor.request('PATCH', url, {
    headers: { ...TUS, 'x-csrf-token': vendor.csrf, 'upload-offset': String(offset) },
    contentType: 'application/offset+octet-stream',
    body: bytes,
  });
}

/** Sends `bytes` to the upload at `url` from its current offset, `chunk` bytes a PATCH; the last response. */
export async function tusSend(vendor, url, bytes, chunk = 1 << 20) {
  const head = await vendor.request('HEAD', url, { headers: { ...TUS, 'x-csrf-token': vendor.csrf } });
  assert.equal(head.status, 200, `HEAD ${url}: ${head.status}`);
  let offset = Number(head.headers.get('upload-offset'));
  let res = head;
  while (offset < bytes.length) {
    res = await patch(vendor, url, offset, bytes.subarray(offset, Math.min(bytes.length, offset + chunk)));
    if (res.status !== 204) return res;
    offset = Number(res.headers.get('upload-offset'));
  }
  return res;
}
