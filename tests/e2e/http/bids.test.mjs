// Sealed bids over HTTP (issue 5; docs/sealed-bids.md, docs/rules.md KEY-*,
// BID-*): the Pokja's personal keys and the chair's tender key, a vendor's
// bid sealed with sealing.mjs, declared, uploaded over tus and acknowledged
// by a receipt that verifies in JavaScript and with `spse verify-receipt`;
// and every refusal on the way: a non-participant, a file that is not what
// was declared, a declaration after the deadline and an upload that ends
// after it. The Pokja sees hashes, never a price.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import * as S from '../../../web/static/js/sealing.mjs';
import {
  declare, envelopeKeyFrom, join, membersFrom, priceForm, publishedTender, reasonOf, sealAll,
  setMemberKey, setTenderKey, tusSend,
} from '../lib/bids.mjs';
import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock } from '../lib/clock.mjs';
import { spseBin, useServer } from '../lib/server.mjs';
import { freePackage } from '../lib/tender.mjs';

const runSpse = (args) => spawnSync(spseBin(), args, { encoding: 'utf8' });

const PRICE = '987654321';
const MINUTE = 60 * 1000;

/** A PATCH whose body is sent in two parts with `between()` awaited in the middle. */
function patchInTwoParts(baseUrl, client, url, offset, bytes, between) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${url}`, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'x-csrf-token': client.csrf,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
        cookie: client.cookieHeader(),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    const half = bytes.length >> 1;
    req.write(bytes.subarray(0, half), async () => {
      await new Promise((r) => setTimeout(r, 300));
      await between();
      req.end(bytes.subarray(half));
    });
  });
}

describe('sealed bids', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-bids-'));
  after(() => {
    clock.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('keys, a sealed bid, its receipt, and every refusal', async () => {
    await S.ready();
    const chair = new Client(server.baseUrl, { timeoutMs: 30_000 });
    const member = new Client(server.baseUrl, { timeoutMs: 30_000 });
    const third = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await chair.login('pokja1');
    await member.login('pokja2');
    await third.login('pokja3');

    const { id, bidStart, bidEnd } = await publishedTender(member, chair);
    // The tender's managers see the key is missing.
    assert.match((await chair.get(`/pokja/tender/${id}`)).text, /data-testid="key-missing-badge"/);

    // Every member has a personal key (the demo Pokja's are in use by the
    // demo tenders; KEY-01's refusal without one is in the unit tests); the
    // page shows its fingerprint.
    for (const c of [chair, member, third]) {
      const pair = await setMemberKey(c);
      const page = await c.get('/akun/kunci-pembukaan');
      const fingerprint = pair ? S.toBase64(pair.publicKey).slice(0, 16) : '[A-Za-z0-9_-]{16}';
      assert.match(page.text, new RegExp(`data-testid="key-fingerprint">${fingerprint}<`));
    }
    // Only the chair sets the tender key (KEY-02); then it is set, once.
    assert.doesNotMatch((await member.get(`/tender/${id}/kunci`)).text, /id="tender-key-form"/);
    const set = await setTenderKey(chair, id, 2);
    assert.equal(set.res.status, 303, snippet(set.res.text));
    const bundles = JSON.stringify(set.made.map(({ envelope, bundle }) => ({ envelope, bundle })));
    const notChair = await member.post(`/tender/${id}/kunci`, { bundles });
    assert.equal(notChair.status, 403, snippet(notChair.text));
    assert.equal(reasonFrom(notChair.text), 'key.chair_only');
    const twice = await chair.post(`/tender/${id}/kunci`, { bundles });
    assert.equal(twice.status, 409, snippet(twice.text));
    assert.equal(reasonFrom(twice.text), 'key.already_set');
    assert.equal(set.made.length, 1);
    assert.equal(set.made[0].envelope, 'tunggal');
    const keyPage = (await chair.get(`/tender/${id}/kunci`)).text;
    assert.match(keyPage, /data-testid="key-set"/);
    assert.doesNotMatch((await chair.get(`/pokja/tender/${id}`)).text, /data-testid="key-missing-badge"/);
    // A member's key holding a running tender's share cannot be replaced.
    assert.match((await member.get('/akun/kunci-pembukaan')).text, /data-testid="key-in-use"/);
    const replace = await member.post('/akun/kunci-pembukaan', { public_key: S.toBase64(S.generateBoxKeyPair().publicKey), wrapped: '{"v":1,"x":"yyyyyyyyyyyyyyyyyyyy"}' });
    assert.equal(replace.status, 409);
    assert.equal(reasonFrom(replace.text), 'key.in_use');

    // A vendor joins; another does not.
    const vendor = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await vendor.login('cv.madura');
    await join(vendor, id);
    const tenderPublicKey = set.made[0].bundle.public_key;

    const document = Buffer.alloc(300 * 1024);
    for (let i = 0; i < document.length; ++i) document[i] = (i * 7919) & 0xff;
    const files = await sealAll(tenderPublicKey, [
      { name: 'penawaran-harga.json', data: priceForm(PRICE, 'termasuk PPN'), price_form: true },
      { name: 'dokumen-teknis.pdf', data: document },
    ]);
    // BID-01: not before the bid stage.
    const tooEarly = await declare(vendor, id, 'tunggal', files);
    assert.equal(tooEarly.status, 409, tooEarly.text);
    assert.equal(reasonOf(tooEarly), 'bid.not_open');

    clock.moveTo(bidStart + 10 * MINUTE);
    await vendor.login('cv.madura');
    await chair.login('pokja1');
    assert.equal(envelopeKeyFrom((await vendor.get(`/tender/${id}/penawaran`)).text, 'tunggal'), tenderPublicKey);

    // BID-05: only participants bid.
    const outsider = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await outsider.login('cv.sumber');
    const notJoined = await declare(outsider, id, 'tunggal', files);
    assert.equal(notJoined.status, 409, notJoined.text);
    assert.equal(reasonOf(notJoined), 'participation.not_joined');

    // The bid: declared, then every sealed file sent over tus.
    const declared = await declare(vendor, id, 'tunggal', files);
    assert.equal(declared.status, 201, declared.text);
    assert.equal(declared.json.files.length, 2);
    for (const [i, f] of declared.json.files.entries()) {
      assert.equal(f.name, files[i].name);
      assert.equal(f.upload_url, `/api/v1/uploads/${f.upload_id}`);
      const last = await tusSend(vendor, f.upload_url, files[i].sealed, 128 * 1024);
      assert.equal(last.status, 204, last.text);
    }
    const bidId = declared.json.bid;

    // The receipt: signed by the LPSE's key, naming every file's size and hash.
    const receiptRes = await vendor.get(`/penawaran/${bidId}/tanda-terima.json`);
    assert.equal(receiptRes.status, 200, snippet(receiptRes.text));
    assert.match(receiptRes.headers.get('content-disposition'), /^attachment/);
    assert.deepEqual(Object.keys(JSON.parse(receiptRes.text)), ['v', 'receipt', 'signature', 'public_key']);
    const receiptKey = await (await fetch(`${server.baseUrl}/api/v1/receipt-key`)).json();
    assert.equal(receiptKey.algorithm, 'Ed25519');
    const receipt = JSON.parse(S.verifyReceiptFile(receiptRes.text, receiptKey.public_key));
    assert.equal(receipt.bid, bidId);
    assert.equal(receipt.envelope, 'tunggal');
    assert.deepEqual(receipt.files.map((f) => [f.name, f.size, f.sha256]), files.map((f) => [f.name, f.size, f.sha256]));
    const receiptFile = path.join(tmp, 'tanda-terima.json');
    writeFileSync(receiptFile, receiptRes.text);
    const verified = runSpse(['verify-receipt', receiptFile, '--public-key', receiptKey.public_key]);
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /valid/);
    const tampered = path.join(tmp, 'diubah.json');
    writeFileSync(tampered, receiptRes.text.replace(files[1].sha256, files[0].sha256));
    assert.equal(runSpse(['verify-receipt', tampered, '--public-key', receiptKey.public_key]).status, 1);
    // The receipt page and its PDF; other vendors find nothing.
    const receiptPage = await vendor.get(`/penawaran/${bidId}/tanda-terima`);
    assert.equal(receiptPage.status, 200);
    assert.match(receiptPage.text, new RegExp(files[1].sha256));
    assert.match(receiptPage.text, /spse verify-receipt/);
    const pdf = await vendor.get(`/penawaran/${bidId}/tanda-terima.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal((await outsider.get(`/penawaran/${bidId}/tanda-terima.json`)).status, 404);
    const bidPage = (await vendor.get(`/tender/${id}/penawaran`)).text;
    assert.match(bidPage, new RegExp(`data-bid="${bidId}" data-status="submitted"`));
    assert.match(bidPage, /Diterima \(berlaku\)/);
    assert.match(bidPage, /Tarik penawaran/);

    // BID-02: a file that is not what was declared refuses the whole bid.
    const wrong = files.map((f, i) => (i === 1 ? { ...f, sha256: files[0].sha256 } : f));
    const wrongDeclared = await declare(vendor, id, 'tunggal', wrong);
    assert.equal(wrongDeclared.status, 201, wrongDeclared.text);
    assert.equal((await tusSend(vendor, wrongDeclared.json.files[0].upload_url, files[0].sealed)).status, 204);
    const mismatch = await tusSend(vendor, wrongDeclared.json.files[1].upload_url, files[1].sealed);
    assert.equal(mismatch.status >= 400, true, `${mismatch.status}`);
    assert.equal(JSON.parse(mismatch.text).error.reason, 'bid.file_mismatch');
    const afterMismatch = (await vendor.get(`/tender/${id}/penawaran`)).text;
    assert.match(afterMismatch, new RegExp(`data-bid="${wrongDeclared.json.bid}" data-status="refused"`));
    assert.match(afterMismatch, /data-reason="bid.file_mismatch"/);
    assert.match(afterMismatch, new RegExp(`data-bid="${bidId}" data-status="submitted"`), 'the earlier bid still counts');

    // The Pokja sees each bid's hashes and never the price.
    const incoming = await chair.get(`/tender/${id}/penawaran-masuk`);
    assert.equal(incoming.status, 200, snippet(incoming.text));
    assert.match(incoming.text, new RegExp(`data-testid="file-sha256">${files[1].sha256}<`));
    assert.doesNotMatch(incoming.text, new RegExp(PRICE));
    assert.match(incoming.text, /data-testid="not-closed"/);
    // Those who run the tender may read the receipt too.
    assert.equal((await chair.get(`/penawaran/${bidId}/tanda-terima.json`)).status, 200);

    // BID-04: only the counting bid is withdrawn, before the deadline; a new
    // bid may follow.
    await vendor.get(`/tender/${id}/penawaran`);
    const notCounting = await vendor.post(`/tender/${id}/penawaran/${wrongDeclared.json.bid}/tarik`, {});
    assert.equal(notCounting.status, 409, snippet(notCounting.text));
    assert.equal(reasonFrom(notCounting.text), 'bid.not_submitted');
    assert.equal((await outsider.post(`/tender/${id}/penawaran/${bidId}/tarik`, {})).status, 404);
    const withdrawn = await vendor.post(`/tender/${id}/penawaran/${bidId}/tarik`, {});
    assert.equal(withdrawn.status, 303, snippet(withdrawn.text));
    assert.equal(withdrawn.location, `/tender/${id}/penawaran?ok=bid_withdrawn`);
    assert.match((await vendor.get(`/tender/${id}/penawaran`)).text, new RegExp(`data-bid="${bidId}" data-status="withdrawn"`));
    const again = await declare(vendor, id, 'tunggal', files);
    assert.equal(again.status, 201, again.text);
    for (const [i, f] of again.json.files.entries()) {
      assert.equal((await tusSend(vendor, f.upload_url, files[i].sealed)).status, 204);
    }
    assert.match((await vendor.get(`/tender/${id}/penawaran`)).text, new RegExp(`data-bid="${again.json.bid}" data-status="submitted"`));

    // BID-02: an upload begun before the deadline and ended after it is refused.
    clock.moveTo(bidEnd - 2 * MINUTE);
    await vendor.login('cv.madura');
    const late = await declare(vendor, id, 'tunggal', files);
    assert.equal(late.status, 201, late.text);
    assert.equal((await tusSend(vendor, late.json.files[0].upload_url, files[0].sealed)).status, 204);
    const ended = await patchInTwoParts(server.baseUrl, vendor, late.json.files[1].upload_url, 0, files[1].sealed,
      async () => clock.moveTo(bidEnd + 30 * 1000));
    assert.equal(ended.status >= 400, true, `${ended.status} ${ended.text}`);
    assert.equal(JSON.parse(ended.text).error.reason, 'bid.deadline_passed');

    // BID-01: no declaration after the deadline.
    const afterDeadline = await declare(vendor, id, 'tunggal', files);
    assert.equal(afterDeadline.status, 409, afterDeadline.text);
    assert.equal(reasonOf(afterDeadline), 'bid.deadline_passed');
    const finalPage = (await vendor.get(`/tender/${id}/penawaran`)).text;
    assert.match(finalPage, new RegExp(`data-bid="${late.json.bid}" data-status="refused"`));
    assert.doesNotMatch(finalPage, /Tarik penawaran/);

    // CLS-01: the closing is recorded at the deadline, with the one counting bid.
    const pokja = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await pokja.login('pokja1');
    let closing = '';
    for (let i = 0; i < 40 && !/data-testid="closing"/.test(closing); ++i) {
      await new Promise((r) => setTimeout(r, 500));
      closing = (await pokja.get(`/tender/${id}/penawaran-masuk`)).text;
    }
    assert.match(closing, /data-testid="closed-count">1</, snippet(closing));
    assert.match(closing, /data-testid="closed-digest">[0-9a-f]{64}</);
  });

  test('dua file: the chair makes a key per envelope, technical and price', async () => {
    const chair = new Client(server.baseUrl, { timeoutMs: 30_000 });
    const member = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await chair.login('pokja1');
    await member.login('pokja2');
    for (const c of [chair, member]) {
      if (/data-testid="no-key"/.test((await c.get('/akun/kunci-pembukaan')).text)) await setMemberKey(c);
    }
    const third = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await third.login('pokja3');
    if (/data-testid="no-key"/.test((await third.get('/akun/kunci-pembukaan')).text)) await setMemberKey(third);

    const packageId = await freePackage(member);
    const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pra-dua-file|sistem_nilai' });
    assert.equal(created.status, 303, snippet(created.text));
    const id = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    const page = (await chair.get(`/tender/${id}/kunci`)).text;
    assert.match(page, /data-envelopes="teknis harga"/);
    const set = await setTenderKey(chair, id, 3);
    assert.equal(set.res.status, 303, snippet(set.res.text));
    assert.deepEqual(set.made.map((m) => m.envelope), ['teknis', 'harga']);
    assert.notEqual(set.made[0].bundle.public_key, set.made[1].bundle.public_key);
    const after = (await chair.get(`/tender/${id}/kunci`)).text;
    assert.equal([...after.matchAll(/data-testid="key-set"/g)].length, 2);
    assert.doesNotMatch(after, /id="tender-key-form"/);
    // k above n is refused by the page's module before anything is sent;
    // posted anyway, the server refuses it too.
    const { json } = S.makeTenderKeyBundle(membersFrom(page), 2);
    const bad = JSON.parse(json);
    bad.threshold = 4;
    const other = await member.post(`/paket-tugas/${await freePackage(member)}/tender`, { procedure: 'tender-pra-dua-file|sistem_nilai' });
    const otherId = /\/pokja\/tender\/(\d+)/.exec(other.location)?.[1];
    await chair.get(`/tender/${otherId}/kunci`);
    const refused = await chair.post(`/tender/${otherId}/kunci`, { bundles: JSON.stringify([{ envelope: 'teknis', bundle: bad }]) });
    assert.equal(refused.status, 400, snippet(refused.text));
    assert.equal(reasonFrom(refused.text), 'key.threshold_invalid');
    const tunggal = await chair.post(`/tender/${otherId}/kunci`, { bundles: JSON.stringify([{ envelope: 'tunggal', bundle: JSON.parse(json) }]) });
    assert.equal(tunggal.status, 400, snippet(tunggal.text));
    assert.equal(reasonFrom(tunggal.text), 'bid.envelope_invalid');
  });
});
