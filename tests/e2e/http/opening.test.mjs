// Opening sealed bids over HTTP (issue 5, items 6-7; docs/rules.md OPN-*),
// on the demo tender whose bids wait for their opening. Each Pokja member
// unlocks their own share as their browser would (web/static/js/sealing.mjs
// under Node: the passphrase opens the personal key, the personal key the
// sealed share) and sends only the share. One stored ciphertext is altered
// on disk first: its file is recorded as unopenable, an LPSE officer
// witnesses the second attempt, and both Berita Acara say what happened.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';
import { openShare, ready, toBase64, unwrapSecretKey } from '../../../web/static/js/sealing.mjs';

const PASSPHRASE = 'kunci-pembukaan-demo-2026';
const AWAITING = 'Pengadaan Bahan Habis Pakai Laboratorium RSUD';

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function pdfText(client, url, dir, name) {
  const res = await fetch(client.baseUrl + url, { headers: { cookie: client.cookieHeader() } });
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// What the member's browser does on the Pembukaan page.
async function giveShare(client, id, passphrase = PASSPHRASE) {
  const page = await client.get(`/tender/${id}/pembukaan`);
  assert.equal(page.status, 200, snippet(page.text));
  const wrapped = unescape(/data-wrapped="([^"]*)"/.exec(page.text)?.[1] ?? '');
  const sealed = /data-sealed-share value="([^"]*)"/.exec(page.text)?.[1];
  assert.ok(wrapped && sealed, 'the page carries the wrapped key and the sealed share');
  await ready();
  const secret = await unwrapSecretKey(wrapped, passphrase);
  const share = openShare(sealed, secret);
  return client.post(`/tender/${id}/pembukaan/bagian-kunci`, { envelope: 'tunggal', share: toBase64(share) });
}

describe('opening the sealed bids', () => {
  const server = useServer({});
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-opening-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('k members open every bid, a tampered file is witnessed, and the Berita Acara say so', async () => {
    const chair = new Client(server.baseUrl);
    await chair.login('pokja1');
    const search = await chair.get(`/cari-paket?q=${encodeURIComponent('Bahan Habis Pakai Laboratorium')}`);
    const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
    assert.ok(id, snippet(search.text));

    const before = await chair.get(`/tender/${id}/pembukaan`);
    assert.equal(before.status, 200);
    assert.match(before.text, new RegExp(AWAITING));
    const hashes = [...before.text.matchAll(/<td><code>([0-9a-f]{64})<\/code><\/td>/g)].map((m) => m[1]);
    assert.ok(hashes.length >= 4, 'every sealed file is listed by its hash');
    assert.doesNotMatch(before.text, /data-testid="price"/, 'no price before the opening');

    // Outsiders see nothing; vendors cannot open; a wrong passphrase stays in the browser.
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.madura');
    assert.equal((await vendor.get(`/tender/${id}/pembukaan`)).status, 404);
    await assert.rejects(giveShare(chair, id, 'frasa-sandi-yang-salah'), (e) => e.reason === 'key.passphrase');

    // An insider alters one stored ciphertext.
    const victim = hashes[0];
    const blob = path.join(server.server.dataDir, 'blobs', victim.slice(0, 2), victim);
    const bytes = readFileSync(blob);
    bytes[bytes.length - 20] ^= 0x01;
    writeFileSync(blob, bytes);

    // A share that is not the member's own is refused; then k = 2 members open.
    const forged = await chair.post(`/tender/${id}/pembukaan/bagian-kunci`, { envelope: 'tunggal', share: 'AAAA' });
    assert.equal(forged.status, 400);
    assert.equal(reasonFrom(forged.text), 'opening.share_invalid');
    const first = await giveShare(chair, id);
    assert.equal(first.status, 303, snippet(first.text));
    assert.match(first.location, /ok=share_given/);
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    const second = await giveShare(member, id);
    assert.equal(second.status, 303, snippet(second.text));
    assert.match(second.location, /ok=envelope_opened/);

    const opened = (await member.get(`/tender/${id}/pembukaan`)).text;
    const prices = [...opened.matchAll(/data-testid="price">([^<]+)</g)].map((m) => m[1]);
    assert.ok(prices.length >= 2, snippet(opened));
    for (const p of prices) assert.match(p, /^Rp [\d.]+,00$/);
    assert.equal((opened.match(/data-testid="file-failed"/g) ?? []).length, 1, 'exactly the altered file fails');

    const ba = await pdfText(member, `/tender/${id}/pembukaan/ba/pembukaan/tunggal`, tmp, 'ba-pembukaan.pdf');
    assert.match(ba, /BERITA ACARA PEMBUKAAN PENAWARAN/);
    assert.match(ba, /TIDAK DAPAT DIBUKA/);
    for (const p of prices) assert.ok(ba.includes(p), `${p} in the BA`);
    assert.ok(ba.includes(victim.slice(0, 24)), 'the BA names the receipt hash of the failed file');

    // The LPSE officer witnesses the second attempt; a Pokja member cannot.
    const fileId = /name="file" value="(\d+)"/.exec((await member.get(`/tender/${id}/pembukaan`)).text);
    assert.equal(fileId, null, 'the witness form is for LPSE officers only');
    const officer = new Client(server.baseUrl);
    await officer.login('helpdesk');
    const page = await officer.get(`/tender/${id}/pembukaan`);
    assert.equal(page.status, 200);
    const file = /name="file" value="(\d+)"/.exec(page.text)?.[1];
    assert.ok(file, snippet(page.text));
    const refused = await member.post(`/tender/${id}/pembukaan/kesaksian`, { file, note: '' });
    assert.equal(refused.status, 403);
    const witnessed = await officer.post(`/tender/${id}/pembukaan/kesaksian`, { file, note: 'Disaksikan di ruang LPSE' });
    assert.equal(witnessed.status, 303, snippet(witnessed.text));
    const after = (await officer.get(`/tender/${id}/pembukaan`)).text;
    const ks = /href="(\/tender\/\d+\/pembukaan\/ba\/kesaksian\/\d+)"/.exec(after)?.[1];
    assert.ok(ks, snippet(after));
    const text = await pdfText(officer, ks, tmp, 'ba-kesaksian.pdf');
    assert.match(text, /BERITA ACARA KESAKSIAN/);
    assert.match(text, /seal\.chunk/);
    assert.match(text, /BERBEDA/);
    assert.ok(text.includes(victim.slice(0, 24)), 'the hash on the receipt');
  });
});
