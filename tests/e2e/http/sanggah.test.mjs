// Objections (sanggah) over HTTP (issue 6, items 4 and 8; docs/rules.md
// SGH-*), on the demo tender whose bids are opened: the Pokja awards and
// announces (lib/evaluation.mjs), then in the Masa Sanggah two bidders
// object, one with a PDF attachment; the chair answers one late (shown as
// late to everyone) and upholds the other for re-evaluation, which revokes
// the award: the results are no longer public and the Pokja judges again.
// The server's clock is moved through the stages (lib/clock.mjs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock } from '../lib/clock.mjs';
import { awardAndAnnounce, HOUR, openedTender } from '../lib/evaluation.mjs';
import { pdfFile, TINY_PNG } from '../lib/registration.mjs';
import { useServer } from '../lib/server.mjs';

const DAY = 24 * HOUR;

function objectionBlock(html, no) {
  return new RegExp(`<article class="card" data-testid="objection" data-no="${no}"[\\s\\S]*?</article>`).exec(html)?.[0] ?? '';
}

describe('sanggah', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });

  test('bidders object in the Masa Sanggah; the chair answers, late and upheld', async () => {
    const { id, stages } = await openedTender(server.baseUrl);
    assert.ok(stages.sanggah?.start && stages.sanggah?.end, 'a sanggah stage in the schedule');
    // Before the Masa Sanggah nobody may object.
    const vendors = [];
    for (const name of ['cv.madura', 'cv.sumber', 'cv.kamal', 'ud.tanjung']) {
      const client = new Client(server.baseUrl);
      await client.login(name);
      vendors.push({ name, client });
    }
    const early = await vendors[0].client.get(`/tender/${id}/sanggah`);
    assert.equal(early.status, 200);
    assert.doesNotMatch(early.text, /data-testid="file-form"/);
    assert.match(early.text, /data-testid="why-not-file"/);
    assert.match(early.text, /data-testid="no-objections"/);

    const chair = new Client(server.baseUrl);
    await awardAndAnnounce(chair, clock, id, stages);
    const anon = new Client(server.baseUrl);
    // The results link to the objections page.
    assert.match((await anon.get(`/tender/${id}/hasil`)).text, /href="\/tender\/\d+\/sanggah" data-testid="objections-link"/);

    clock.moveTo(stages.sanggah.start + HOUR);
    const bidders = [];
    for (const { name, client } of vendors) {
      await client.login(name);
      const page = await client.get(`/tender/${id}/sanggah`);
      if (/data-testid="file-form"/.test(page.text)) bidders.push({ name, client });
    }
    assert.ok(bidders.length >= 2, 'two bidders or more may object');
    const [first, second] = bidders.map((b) => b.client);

    // Not a PDF: refused, nothing filed.
    const png = await first.postMultipart(`/tender/${id}/sanggah`, { alasan: 'Keberatan' },
      { lampiran: { name: 'foto.png', type: 'image/png', data: TINY_PNG } });
    assert.equal(png.status, 400, snippet(png.text));
    assert.equal(reasonFrom(png.text), 'objection.attachment_invalid');
    // No reasons: refused.
    const bare = await first.postMultipart(`/tender/${id}/sanggah`, { alasan: ' ' });
    assert.equal(bare.status, 400);
    assert.equal(reasonFrom(bare.text), 'objection.reasons_required');

    const filed = await first.postMultipart(`/tender/${id}/sanggah`,
      { alasan: 'Harga terkoreksi penawaran kami dihitung keliru pada baris 2.' },
      { lampiran: pdfFile('perhitungan-ulang.pdf', 'sanggah-1') });
    assert.equal(filed.status, 303, snippet(filed.text));
    const twice = await first.postMultipart(`/tender/${id}/sanggah`, { alasan: 'Sekali lagi' });
    assert.equal(twice.status, 409);
    assert.equal(reasonFrom(twice.text), 'objection.already_filed');
    const other = await second.postMultipart(`/tender/${id}/sanggah`, { alasan: 'Persyaratan kualifikasi mengarah.' });
    assert.equal(other.status, 303, snippet(other.text));

    // The chair sees both with their reasons and the attachment; the public
    // sees that they exist, not their reasons.
    await chair.login('pokja1');
    let page = await chair.get(`/tender/${id}/sanggah`);
    const numbers = [...page.text.matchAll(/data-testid="objection" data-no="(\d+)"/g)].map((m) => m[1]);
    assert.equal(numbers.length, 2, snippet(page.text));
    const [firstNo, secondNo] = numbers;
    assert.match(objectionBlock(page.text, firstNo), /Harga terkoreksi penawaran kami dihitung keliru/);
    // Goods: no sanggah banding (SGH-04 scopes it to construction).
    assert.match(page.text, /data-testid="appeal-rule">Tidak tersedia/);
    assert.doesNotMatch(page.text, /data-testid="appeal-form"/);
    const file = /href="(\/tender\/\d+\/sanggah\/\d+\/lampiran\/1)"/.exec(objectionBlock(page.text, firstNo))?.[1];
    assert.ok(file, snippet(page.text));
    const download = await chair.get(file);
    assert.equal(download.status, 200);
    assert.match(download.text, /^%PDF-/);
    assert.equal((await second.get(file)).status, 404);
    const pub = await anon.get(`/tender/${id}/sanggah`);
    assert.equal([...pub.text.matchAll(/data-testid="objection"/g)].length, 2);
    assert.doesNotMatch(pub.text, /Harga terkoreksi penawaran kami/);
    // The Pokja is told in its inbox.
    assert.match((await chair.get('/kotak-masuk')).text, /Sanggah masuk/);

    // A member who is not the chair cannot answer.
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    const notChair = await member.post(`/tender/${id}/sanggah/${secondNo}/jawab`, { hasil: 'ditolak', jawaban: 'x' });
    assert.equal(notChair.status, 403);
    assert.equal(reasonFrom(notChair.text), 'objection.chair_only');

    // Past the deadline (the sanggah end plus 3 working days): still
    // answered, marked late for everyone.
    clock.moveTo(stages.sanggah.end + 7 * DAY);
    await chair.login('pokja1');
    const late = await chair.post(`/tender/${id}/sanggah/${secondNo}/jawab`, {
      hasil: 'ditolak', jawaban: 'Persyaratan sesuai dokumen pemilihan.',
    });
    assert.equal(late.status, 303, snippet(late.text));
    const shown = objectionBlock((await anon.get(`/tender/${id}/sanggah`)).text, secondNo);
    assert.match(shown, /data-testid="objection-answer" data-upheld="0" data-late="1"/, shown);
    assert.match(shown, /data-testid="late"/);
    assert.match(shown, /Persyaratan sesuai dokumen pemilihan\./);

    // Upheld without a consequence is refused; with re-evaluation it revokes the award.
    const noConsequence = await chair.post(`/tender/${id}/sanggah/${firstNo}/jawab`, {
      hasil: 'diterima', jawaban: 'Koreksi diulang.', akibat: '',
    });
    assert.equal(noConsequence.status, 400);
    assert.equal(reasonFrom(noConsequence.text), 'objection.consequence_required');
    const upheld = await chair.post(`/tender/${id}/sanggah/${firstNo}/jawab`, {
      hasil: 'diterima', jawaban: 'Koreksi aritmatik diulang.', akibat: 'evaluasi_ulang',
    });
    assert.equal(upheld.status, 303, snippet(upheld.text));
    const again = await chair.post(`/tender/${id}/sanggah/${firstNo}/jawab`, { hasil: 'ditolak', jawaban: 'x' });
    assert.equal(again.status, 409);
    assert.equal(reasonFrom(again.text), 'objection.already_answered');
    page = await anon.get(`/tender/${id}/sanggah`);
    assert.match(objectionBlock(page.text, firstNo), /data-upheld="1"/);
    // The award is set aside: not public any more, and the Pokja judges again.
    assert.match((await anon.get(`/tender/${id}/hasil`)).text, /data-testid="not-announced"/);
    const evaluation = await chair.get(`/tender/${id}/evaluasi`);
    assert.equal(evaluation.status, 200);
    assert.doesNotMatch(evaluation.text, /data-testid="why-not-judge"/);
    assert.match(evaluation.text, /data-testid="judge-agreed"/);
    // The objector is told.
    await first.login(bidders[0].name);
    assert.match((await first.get('/kotak-masuk')).text, /Jawaban sanggah/);
  });
});

describe('sanggah upheld as gagal, then tender ulang', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });

  test('the failed tender and its re-tender link to each other', async () => {
    const { id, stages } = await openedTender(server.baseUrl);
    const chair = new Client(server.baseUrl);
    await awardAndAnnounce(chair, clock, id, stages);
    clock.moveTo(stages.sanggah.start + HOUR);
    let objector = null;
    for (const name of ['cv.madura', 'cv.sumber', 'cv.kamal', 'ud.tanjung']) {
      const client = new Client(server.baseUrl);
      await client.login(name);
      if (/data-testid="file-form"/.test((await client.get(`/tender/${id}/sanggah`)).text)) {
        objector = client;
        break;
      }
    }
    assert.ok(objector, 'a bidder may object');
    const filed = await objector.postMultipart(`/tender/${id}/sanggah`, { alasan: 'Spesifikasi teknis mengarah ke satu merek.' });
    assert.equal(filed.status, 303, snippet(filed.text));
    await chair.login('pokja1');
    const page = await chair.get(`/tender/${id}/sanggah`);
    const no = /data-testid="objection" data-no="(\d+)"/.exec(page.text)?.[1];
    assert.ok(no, snippet(page.text));
    const upheld = await chair.post(`/tender/${id}/sanggah/${no}/jawab`, {
      hasil: 'diterima', jawaban: 'Spesifikasi memang mengarah; tender diulang.', akibat: 'gagal',
    });
    assert.equal(upheld.status, 303, snippet(upheld.text));
    const anon = new Client(server.baseUrl);
    const failed = await anon.get(`/tender/${id}`);
    assert.match(failed.text, /data-testid="tender-status" data-status="gagal"/);
    const code = /data-testid="tender-code">([^<]+)</.exec(failed.text)?.[1];

    // Tender ulang from the same package.
    const assigned = await chair.get('/paket-tugas');
    const row = /<tr data-code="[^"]*"><td><a href="\/paket-tugas\/(\d+)">[^<]*<\/a><\/td><td>Pengadaan Alat Peraga Pendidikan Sekolah Dasar</.exec(assigned.text);
    assert.ok(row, snippet(assigned.text));
    const created = await chair.post(`/paket-tugas/${row[1]}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
    assert.equal(created.status, 303, snippet(created.text));
    const again = /\/pokja\/tender\/(\d+)/.exec(created.location ?? '')?.[1];
    assert.ok(again, created.location);
    const draft = await chair.get(`/tender/${again}`);
    assert.equal(draft.status, 200);
    assert.match(draft.text, new RegExp(`data-testid="retender-of">[^<]*<a href="/tender/${id}">${code}</a>`));
    const back = await chair.get(`/tender/${id}`);
    assert.match(back.text, new RegExp(`data-testid="retendered-as">[^<]*<a href="/tender/${again}">`));
    // The public sees the link once the re-tender is published, not its draft.
    assert.doesNotMatch((await anon.get(`/tender/${id}`)).text, /data-testid="retendered-as"/);
  });
});
