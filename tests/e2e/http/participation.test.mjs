// Taking part in a tender over HTTP (issue 4, items 6-7; docs/rules.md
// PRT-*, ANW-*): the Pakta Integritas must be accepted, once; questions only
// during the penjelasan and only from participants; answers only from the
// tender's Pokja, once; the Berita Acara only after the stage, once. Each
// refusal has its status and stable reason. The server's clock is moved
// through the stages (lib/clock.mjs).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock, wibMs } from '../lib/clock.mjs';
import { useServer } from '../lib/server.mjs';
import { freePackage, uploadDokumenPemilihan } from '../lib/tender.mjs';

describe('participation and the penjelasan', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  after(() => clock.remove());

  test('join, ask, answer and issue the BA with every refusal on the way', async () => {
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    const packageId = await freePackage(member);
    const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
    assert.equal(created.status, 303, snippet(created.text));
    const id = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    const manage = (await member.get(`/pokja/tender/${id}`)).text;
    const start = wibMs(/id="start_penjelasan" name="start_\d+" value="([^"]+)"/.exec(manage)?.[1]);
    const end = wibMs(/id="end_penjelasan" name="end_\d+" value="([^"]+)"/.exec(manage)?.[1]);
    assert.ok(end > start, 'the penjelasan stage has a period');

    // A draft cannot be joined: it does not exist for vendors.
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.madura');
    assert.equal((await vendor.get(`/tender/${id}/ikut`)).status, 404);
    const chair = new Client(server.baseUrl);
    await chair.login('pokja1');
    await uploadDokumenPemilihan(member, id);
    assert.equal((await chair.post(`/pokja/tender/${id}/umumkan`, {})).status, 303);

    // PRT-02: the pact must be accepted; then the vendor is in, once.
    const form = await vendor.get(`/tender/${id}/ikut`);
    assert.equal(form.status, 200);
    assert.match(form.text, /CV Madura Jaya Konstruksi/);
    const noPact = await vendor.post(`/tender/${id}/ikut`, {});
    assert.equal(noPact.status, 400);
    assert.equal(reasonFrom(noPact.text), 'participation.pact_required');
    const joined = await vendor.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
    assert.equal(joined.status, 303, snippet(joined.text));
    assert.equal(joined.location, `/tender/${id}?ok=tender_joined`);
    const again = await vendor.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
    assert.equal(again.status, 409);
    assert.equal(reasonFrom(again.text), 'participation.already_joined');
    assert.match((await vendor.get(`/tender/${id}/ikut`)).text, /data-testid="pact-hash">[0-9a-f]{64}</);
    assert.match((await vendor.get('/penyedia/tender')).text, new RegExp(`href="/tender/${id}"`));

    // ANW-01: no questions before the stage.
    const early = await vendor.post(`/tender/${id}/penjelasan`, { text: 'Apakah ada peninjauan lapangan?' });
    assert.equal(early.status, 409);
    assert.equal(reasonFrom(early.text), 'aanwijzing.not_open');

    clock.moveTo(start + 30 * 60 * 1000);
    await vendor.login('cv.madura');
    // ANW-04: a vendor that has not joined cannot ask.
    const outsider = new Client(server.baseUrl);
    await outsider.login('cv.sumber');
    const notJoined = await outsider.post(`/tender/${id}/penjelasan`, { text: 'Apakah ada peninjauan lapangan?' });
    assert.equal(notJoined.status, 409);
    assert.equal(reasonFrom(notJoined.text), 'participation.not_joined');
    const empty = await vendor.post(`/tender/${id}/penjelasan`, { text: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(reasonFrom(empty.text), 'aanwijzing.text_required');
    const asked = await vendor.post(`/tender/${id}/penjelasan`, { text: 'Apakah ada peninjauan lapangan?' });
    assert.equal(asked.status, 303, snippet(asked.text));
    const page = await vendor.get(`/tender/${id}/penjelasan`);
    const qid = /name="question" value="(\d+)"/.exec((await member.login('pokja2'), await member.get(`/tender/${id}/penjelasan`)).text)?.[1];
    assert.ok(qid, 'the Pokja gets an answer form');
    assert.match(page.text, /pertanyaan Anda/, 'the asker sees the question is theirs');

    // Only the tender's Pokja answers, once.
    const pp = new Client(server.baseUrl);
    await pp.login('pp.dinkes');
    assert.equal((await pp.post(`/pokja/tender/${id}/jawab`, { question: qid, text: 'Ada, tanggal 3.' })).status, 404);
    assert.equal((await vendor.post(`/pokja/tender/${id}/jawab`, { question: qid, text: 'Ada, tanggal 3.' })).status, 403);
    const answered = await member.post(`/pokja/tender/${id}/jawab`, { question: qid, text: 'Ada, pada hari kedua tahap ini pukul 09.00 WIB.' });
    assert.equal(answered.status, 303, snippet(answered.text));
    const twice = await member.post(`/pokja/tender/${id}/jawab`, { question: qid, text: 'Ralat: pukul 10.00 WIB.' });
    assert.equal(twice.status, 409);
    assert.equal(reasonFrom(twice.text), 'aanwijzing.already_answered');

    // ANW-03: the BA waits for the end of the stage, and is issued once.
    const tooEarly = await member.post(`/pokja/tender/${id}/ba-penjelasan`, { stage: 'penjelasan' });
    assert.equal(tooEarly.status, 409);
    assert.equal(reasonFrom(tooEarly.text), 'aanwijzing.not_ended');
    clock.moveTo(end + 60 * 1000);
    await member.login('pokja2');
    await vendor.login('cv.madura');
    const late = await vendor.post(`/tender/${id}/penjelasan`, { text: 'Satu pertanyaan lagi?' });
    assert.equal(late.status, 409);
    assert.equal(reasonFrom(late.text), 'aanwijzing.not_open');
    const issued = await member.post(`/pokja/tender/${id}/ba-penjelasan`, { stage: 'penjelasan' });
    assert.equal(issued.status, 303, snippet(issued.text));
    const dup = await member.post(`/pokja/tender/${id}/ba-penjelasan`, { stage: 'penjelasan' });
    assert.equal(dup.status, 409);
    assert.equal(reasonFrom(dup.text), 'minutes.already_issued');
    const anon = new Client(server.baseUrl);
    const pub = await anon.get(`/tender/${id}/penjelasan`);
    const href = /href="(\/tender\/\d+\/ba\/\d+)"/.exec(pub.text)?.[1];
    assert.ok(href, snippet(pub.text));
    const pdf = await fetch(`${server.baseUrl}${href}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal((await anon.get(`/tender/${id}/ba/999999`)).status, 404);
  });
});
