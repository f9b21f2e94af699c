// The SPPBJ and the contract record over HTTP (issue 6, items 5 and 8;
// docs/rules.md KTR-*), on the demo tender whose bids are already opened:
// the Pokja evaluates and announces (lib/evaluation.mjs); the package's PPK
// cannot issue the SPPBJ during the objection period, issues it after, the
// winner reads it; the PPK records the contract (the tender is finished),
// a value above the award is refused, and a correction is a new visible
// version. The server's clock is moved through the stages (lib/clock.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { Client, decodeEntities, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock } from '../lib/clock.mjs';
import { evaluateAndAnnounce, HOUR, pdfText } from '../lib/evaluation.mjs';
import { useServer } from '../lib/server.mjs';

const OPENED = 'Pengadaan Alat Peraga Pendidikan Sekolah Dasar';
const PPK = 'ppk.disdik';
const DEMO_VENDORS = ['cv.madura', 'cv.sumber', 'cv.kamal', 'ud.tanjung'];

// "YYYY-MM-DD" of `ms` in WIB.
const wibDate = (ms) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
const rupiah = (n) => `Rp ${n.toLocaleString('de-DE')},00`;

describe('SPPBJ and contract', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-contract-'));
  after(() => {
    clock.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the PPK issues the SPPBJ after the sanggah and records the contract', async () => {
    const { id, stages, winner } = await evaluateAndAnnounce({ baseUrl: server.baseUrl, clock, name: OPENED });
    assert.ok(stages.sanggah?.end, 'the procedure has a sanggah stage');

    // During the objection period: refused, and the page says why.
    const ppk = new Client(server.baseUrl);
    await ppk.login(PPK);
    let page = await ppk.get(`/tender/${id}/kontrak`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /data-testid="why-not-issue"/);
    const early = await ppk.post(`/tender/${id}/kontrak/sppbj`, { number: '' });
    assert.ok(early.status >= 400 && early.status < 500, `refused: ${early.status}`);
    assert.equal(reasonFrom(early.text), 'contract.objection_period');

    // Another PPK does not see it; the Pokja cannot issue it.
    const otherPpk = new Client(server.baseUrl);
    await otherPpk.login('ppk.dpupr');
    assert.equal((await otherPpk.get(`/tender/${id}/kontrak`)).status, 404);
    const pokja = new Client(server.baseUrl);
    await pokja.login('pokja1');
    assert.equal((await pokja.get(`/tender/${id}/kontrak`)).status, 200);
    assert.equal((await pokja.post(`/tender/${id}/kontrak/sppbj`, {})).status, 403);

    // After the sanggah stage: the SPPBJ names the winner and the award price.
    clock.moveTo(stages.sanggah.end + HOUR);
    await ppk.login(PPK);
    const issued = await ppk.post(`/tender/${id}/kontrak/sppbj`, { number: '' });
    assert.equal(issued.status, 303, snippet(issued.text));
    page = await ppk.get(`/tender/${id}/kontrak`);
    const number = decodeEntities(/data-testid="sppbj-number">([^<]+)</.exec(page.text)?.[1] ?? '');
    assert.match(number, /^SPPBJ\/.+\/1$/);
    const price = Number((/data-testid="sppbj-price">Rp ([\d.]+),00/.exec(page.text)?.[1] ?? '').replace(/\./g, ''));
    assert.ok(price > 0, snippet(page.text));
    const sppbj = await pdfText(ppk, `/tender/${id}/kontrak/sppbj.pdf`, tmp, 'sppbj.pdf');
    assert.match(sppbj, /SURAT PENUNJUKAN PENYEDIA BARANG\/JASA/);
    assert.ok(sppbj.includes(winner.company), `${winner.company} in the SPPBJ`);
    assert.ok(sppbj.includes(rupiah(price)), 'the award price in the SPPBJ');
    const again = await ppk.post(`/tender/${id}/kontrak/sppbj`, { number: '' });
    assert.equal(reasonFrom(again.text), 'contract.sppbj_exists');
    assert.ok(again.status >= 400 && again.status < 500);

    // The winner reads its own SPPBJ and is told; a losing bidder does not read it.
    let winnerClient = null;
    let loser = null;
    for (const name of DEMO_VENDORS) {
      const v = new Client(server.baseUrl);
      await v.login(name);
      const res = await v.get(`/tender/${id}/kontrak`);
      if (res.status === 200) winnerClient = v;
      else if (res.status === 404) loser ??= v;
    }
    assert.ok(winnerClient, 'the winner reads the contract page');
    assert.ok(loser, 'a losing bidder does not');
    assert.equal((await loser.get(`/tender/${id}/kontrak/sppbj.pdf`)).status, 404);
    await pdfText(winnerClient, `/tender/${id}/kontrak/sppbj.pdf`, tmp, 'sppbj-winner.pdf');
    const inbox = await winnerClient.get('/kotak-masuk');
    assert.ok(inbox.text.includes('Surat Penunjukan Penyedia'), 'the winner is told');

    // The contract: above the award is refused; at the award it is recorded.
    const today = wibDate(stages.sanggah.end + HOUR);
    const form = {
      number: '640/12/KONTRAK/433.101/2026', signed_on: today, value: String(price + 1), days: '90',
      ppk_name: 'Dra. Siti Aminah', ppk_nip: '19750101 200003 2 001',
      vendor_signatory: 'Abdul Rahman', vendor_position: 'Direktur',
    };
    const above = await ppk.post(`/tender/${id}/kontrak`, form);
    assert.equal(above.status, 400, snippet(above.text));
    assert.equal(reasonFrom(above.text), 'contract.above_award');
    const recorded = await ppk.post(`/tender/${id}/kontrak`, { ...form, value: String(price) });
    assert.equal(recorded.status, 303, snippet(recorded.text));
    page = await ppk.get(`/tender/${id}/kontrak`);
    assert.match(page.text, /data-testid="tender-status" data-status="selesai"/);
    assert.match(page.text, /data-testid="version-row" data-version="1" data-current="1"/);
    const summary = await pdfText(ppk, `/tender/${id}/kontrak/1.pdf`, tmp, 'kontrak-1.pdf');
    assert.match(summary, /RINGKASAN KONTRAK/);
    assert.ok(summary.includes('640/12/KONTRAK/433.101/2026'));
    assert.ok(summary.includes(rupiah(price)));

    // A correction without a reason is refused; with one it is a new version,
    // and the first stays visible.
    const fix = { ...form, value: String(price - 1_000_000), number: '640/13/KONTRAK/433.101/2026' };
    const bare = await ppk.post(`/tender/${id}/kontrak/koreksi`, fix);
    assert.equal(bare.status, 400);
    assert.equal(reasonFrom(bare.text), 'contract.reason_required');
    const corrected = await ppk.post(`/tender/${id}/kontrak/koreksi`, { ...fix, reason: 'Hasil negosiasi harga' });
    assert.equal(corrected.status, 303, snippet(corrected.text));
    page = await ppk.get(`/tender/${id}/kontrak`);
    assert.match(page.text, /data-testid="version-row" data-version="2" data-current="1"/);
    assert.match(page.text, /data-testid="version-row" data-version="1"/);
    assert.match(page.text, /Hasil negosiasi harga/);
    assert.equal((await winnerClient.get(`/tender/${id}/kontrak/2.pdf`)).status, 200);

    // The audit trail has every step, with who did it.
    const auditor = new Client(server.baseUrl);
    await auditor.login('auditor');
    const audit = await auditor.get('/audit?aksi=contract.');
    for (const action of ['contract.sppbj_issued', 'contract.recorded', 'contract.corrected']) {
      assert.ok(audit.text.includes(action), `${action} in the audit trail`);
    }
    assert.ok(audit.text.includes(PPK), 'by the PPK');

    // The PPK's package page links to the contract page.
    const packages = await ppk.get('/paket');
    const links = [...packages.text.matchAll(/href="\/paket\/(\d+)"/g)].map((m) => m[1]);
    let linked = false;
    for (const p of links) {
      const res = await ppk.get(`/paket/${p}`);
      if (res.text.includes(`href="/tender/${id}/kontrak"`)) linked = true;
    }
    assert.ok(linked, 'a package page links to the contract');
  });
});
