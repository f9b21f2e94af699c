// Evaluation and award over HTTP (issue 6, items 1-3 and 8; docs/rules.md
// EVL-*), on the demo tender whose bids are already opened. A member records
// their own view, the chair the agreed results (one bidder fails the
// administration), corrects one of them visibly, invites the best ranked to
// the qualification proof and records it, decides the winner in the
// penetapan stage and announces it in the pengumuman stage; the results and
// the Berita Acara Hasil Pemilihan then become public. The server's clock
// is moved through the stages (lib/clock.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { Client, decodeEntities, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock } from '../lib/clock.mjs';
import { biddersOf, criteriaOf, HOUR, OPENED, pdfText, rankingRow, stagesOf } from '../lib/evaluation.mjs';
import { useServer } from '../lib/server.mjs';

describe('evaluation and award', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-evaluation-'));
  after(() => {
    clock.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the Pokja evaluates, decides and announces; the results become public', async () => {
    const anon = new Client(server.baseUrl);
    const search = await anon.get(`/cari-paket?q=${encodeURIComponent('Alat Peraga Pendidikan')}`);
    const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
    assert.ok(id, snippet(search.text));
    const stages = stagesOf((await anon.get(`/tender/${id}/jadwal`)).text);
    for (const s of ['evaluasi', 'pembuktian', 'penetapan', 'pengumuman_pemenang']) {
      assert.ok(stages[s]?.start && stages[s]?.end, `stage ${s} in the schedule`);
    }
    clock.moveTo(stages.evaluasi.start + HOUR);

    const chair = new Client(server.baseUrl);
    await chair.login('pokja1');
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.madura');

    // Nobody outside the Pokja reads the evaluation; the results are not public yet.
    assert.equal((await vendor.get(`/tender/${id}/evaluasi`)).status, 404);
    const early = await anon.get(`/tender/${id}/hasil`);
    assert.equal(early.status, 200);
    assert.match(early.text, /data-testid="not-announced"/);

    let page = await chair.get(`/tender/${id}/evaluasi`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, new RegExp(OPENED));
    const bidders = biddersOf(page.text);
    assert.ok(bidders.length >= 3, `three bidders or more: ${snippet(page.text)}`);
    const fields = criteriaOf(page.text, bidders[0].vendor);
    const adminFirst = fields.find((f) => f.startsWith('pass.adm'));
    assert.ok(adminFirst, `an administration criterion: ${fields}`);

    // A member's own view; the member cannot record the agreed result.
    const own = await member.post(`/tender/${id}/evaluasi/nilai`, {
      vendor: bidders[0].vendor, scope: 'anggota', [adminFirst]: 'gugur',
      [`reason.${adminFirst.slice(5)}`]: 'Surat penawaran tidak bermeterai',
    });
    assert.equal(own.status, 303, snippet(own.text));
    const notChair = await member.post(`/tender/${id}/evaluasi/nilai`, {
      vendor: bidders[0].vendor, scope: 'kesepakatan', [adminFirst]: 'lulus',
    });
    assert.equal(notChair.status, 403);
    assert.equal(reasonFrom(notChair.text), 'evaluation.chair_only');
    // A failure without its reason is refused with the reason named.
    const bare = await chair.post(`/tender/${id}/evaluasi/nilai`, {
      vendor: bidders[0].vendor, scope: 'kesepakatan', [adminFirst]: 'gugur',
    });
    assert.equal(bare.status, 400);
    assert.equal(reasonFrom(bare.text), 'evaluation.reason_required');

    // The chair's agreed results: every criterion passes for every bidder,
    // then the first bidder's administration fails (a visible correction).
    const agreeAll = async (v) => {
      const form = { vendor: v, scope: 'kesepakatan' };
      for (const f of criteriaOf(page.text, v)) {
        if (f.startsWith('pass.')) form[f] = 'lulus';
        else if (f.startsWith('score.')) form[f] = '80';
        else form[f] = '0';
      }
      const res = await chair.post(`/tender/${id}/evaluasi/nilai`, form);
      assert.equal(res.status, 303, snippet(res.text));
    };
    for (const b of bidders) await agreeAll(b.vendor);
    const corrected = await chair.post(`/tender/${id}/evaluasi/nilai`, {
      vendor: bidders[0].vendor, scope: 'kesepakatan', [adminFirst]: 'gugur',
      [`reason.${adminFirst.slice(5)}`]: 'Surat penawaran tidak bermeterai',
    });
    assert.equal(corrected.status, 303, snippet(corrected.text));

    page = await chair.get(`/tender/${id}/evaluasi`);
    const failedRow = rankingRow(page.text, bidders[0].vendor);
    assert.match(failedRow, /data-stage="administrasi" data-outcome="gugur"/, failedRow);
    assert.match(failedRow, /Surat penawaran tidak bermeterai/);
    assert.match(failedRow, /data-rank="-"/);
    const ranked = [...page.text.matchAll(/data-testid="ranking-row" data-vendor="(\d+)" data-rank="(\d+)"/g)]
      .map((m) => ({ vendor: m[1], rank: Number(m[2]) }));
    assert.equal(ranked.length, bidders.length - 1, 'every bidder but the failed one is ranked');
    assert.deepEqual(ranked.map((r) => r.rank), ranked.map((_, i) => i + 1));
    // The ranking is by price: each ranked corrected price is no lower than the one before.
    const price = (v) => Number((/data-testid="corrected">Rp ([\d.]+),00/.exec(rankingRow(page.text, v))?.[1] ?? '').replace(/\./g, ''));
    for (let i = 1; i < ranked.length; i += 1) assert.ok(price(ranked[i].vendor) >= price(ranked[i - 1].vendor));
    // The history keeps the pass and the later fail, and who recorded each.
    const history = page.text.slice(page.text.indexOf('data-testid="history"'));
    assert.ok((history.match(new RegExp(`<code>${adminFirst.slice(5)}</code>`, 'g')) ?? []).length >= 3, 'member view, agreed pass, agreed fail');
    // Deciding before the penetapan stage is refused and says why.
    assert.match(page.text, /data-testid="why-not-decide"/);

    // The qualification proof: the best ranked are invited and pass.
    clock.moveTo(stages.pembuktian.start + HOUR);
    await chair.login('pokja1');
    const when = new Date(stages.pembuktian.start + 2 * HOUR + 7 * HOUR).toISOString().slice(0, 16);
    for (const r of ranked) {
      const inv = await chair.post(`/tender/${id}/evaluasi/undangan`, {
        vendor: r.vendor, at: when, place: 'Ruang Rapat ULP Lt. 2', notes: 'Akta, NIB dan NPWP asli',
      });
      assert.equal(inv.status, 303, snippet(inv.text));
      const proof = await chair.post(`/tender/${id}/evaluasi/pembuktian`, { vendor: r.vendor, result: 'lulus' });
      assert.equal(proof.status, 303, snippet(proof.text));
    }
    const winnerVendor = ranked[0].vendor;
    const winner = bidders.find((b) => b.vendor === winnerVendor).company;

    // Penetapan: the chair decides; the BA names the winner and the prices.
    clock.moveTo(stages.penetapan.start + 10 * 60 * 1000);
    await chair.login('pokja1');
    const decided = await chair.post(`/tender/${id}/evaluasi/penetapan`, {});
    assert.equal(decided.status, 303, snippet(decided.text));
    page = await chair.get(`/tender/${id}/evaluasi`);
    assert.match(page.text, /data-testid="decided-winner">([^<]+)</);
    assert.equal(decodeEntities(/data-testid="decided-winner">([^<]+)</.exec(page.text)[1]), winner);
    const baUrl = /href="(\/tender\/\d+\/hasil\/ba\/\d+)" data-testid="ba-hasil"/.exec(page.text)?.[1];
    assert.ok(baUrl, snippet(page.text));
    const ba = await pdfText(chair, baUrl, tmp, 'ba-hasil.pdf');
    assert.match(ba, /BERITA ACARA HASIL PEMILIHAN/);
    for (const b of bidders) assert.ok(ba.includes(b.company), `${b.company} in the BA`);
    assert.ok(ba.includes(`Rp ${price(winnerVendor).toLocaleString('de-DE')},00`), 'the winning price in the BA');
    assert.match(ba, /PEMENANG/);
    assert.match(ba, /Surat penawaran tidak bermeterai/);
    // Frozen: no judgement changes after the decision.
    const late = await chair.post(`/tender/${id}/evaluasi/nilai`, {
      vendor: bidders[0].vendor, scope: 'kesepakatan', [adminFirst]: 'lulus',
    });
    assert.ok(late.status >= 400 && late.status < 500, `refused: ${late.status}`);
    assert.equal(reasonFrom(late.text), 'evaluation.decided');
    // Not public before the announcement.
    assert.equal((await anon.get(baUrl)).status, 404);

    // Pengumuman: public results, the same as decided.
    clock.moveTo(stages.pengumuman_pemenang.start + 10 * 60 * 1000);
    await chair.login('pokja1');
    const announced = await chair.post(`/tender/${id}/evaluasi/pengumuman`, {});
    assert.equal(announced.status, 303, snippet(announced.text));
    const results = await anon.get(`/tender/${id}/hasil`);
    assert.equal(results.status, 200);
    assert.equal(decodeEntities(/data-testid="winner-name">([^<]+)</.exec(results.text)?.[1] ?? ''), winner);
    assert.match(results.text, new RegExp(`data-vendor="${bidders[0].vendor}" data-rank="-"`));
    assert.match(results.text, /Surat penawaran tidak bermeterai/);
    assert.equal((await anon.get(baUrl)).status, 200);
    // The participants are told in their inbox (the demo vendors who joined).
    const code = /data-testid="tender-code">([^<]+)</.exec(results.text)?.[1];
    let told = 0;
    for (const name of ['cv.madura', 'cv.sumber', 'cv.kamal', 'ud.tanjung']) {
      const v = new Client(server.baseUrl);
      await v.login(name);
      const inbox = await v.get('/kotak-masuk');
      if (inbox.text.includes(`Pengumuman hasil pemilihan ${code}`)) told += 1;
    }
    assert.ok(told >= bidders.length, `${told} of the ${bidders.length} bidders told`);
  });
});
