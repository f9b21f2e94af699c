// A two-envelope (dua file) tender over HTTP, evaluated by Sistem Nilai
// (issue 6; docs/rules.md EVL-*, OPN-*): the Pokja creates and publishes a
// Tender Prakualifikasi Dua File, the chair makes one key per envelope,
// three vendors seal a technical and a price envelope, k members open the
// technical envelopes, the chair scores them and one vendor falls below the
// pass mark. The agreed technical results decide whose price envelope is
// opened: the failed vendor's stays sealed. The ranking is by the combined
// score (technical weight x technical score + price weight x price score),
// computed here from the scores and prices the test enters; the chair
// decides and announces, and the public results and the BA Hasil Pemilihan
// say the same.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import * as S from '../../../web/static/js/sealing.mjs';
import {
  DEMO_OPENING_PASSPHRASE, PASSPHRASE, declare, envelopeKeyFrom, join, priceForm, sealAll,
  setMemberKey, setTenderKey, tusSend,
} from '../lib/bids.mjs';
import { Client, decodeEntities, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock } from '../lib/clock.mjs';
import { biddersOf, HOUR, pdfText, rankingRow, stagesOf } from '../lib/evaluation.mjs';
import { approveAccount } from '../lib/registration.mjs';
import { useServer } from '../lib/server.mjs';
import { freePackage, uploadDokumenPemilihan } from '../lib/tender.mjs';

const MINUTE = 60 * 1000;

// Each vendor's agreed technical scores (0..100 per criterion) and its
// price as a share of the HPS. CV Madura is the cheapest but below the
// pass mark; CV Kamal is cheaper than CV Sumber, CV Sumber scores higher.
const VENDORS = [
  { user: 'cv.madura', company: 'CV Madura', hpsShare: 0.70,
    scores: { 'tek-spesifikasi': 65, 'tek-metode': 60, 'tek-personel': 70, 'tek-peralatan': 50, 'tek-purna-jual': 60 } },
  { user: 'cv.sumber', company: 'CV Sumber', hpsShare: 0.90,
    scores: { 'tek-spesifikasi': 90, 'tek-metode': 85, 'tek-personel': 80, 'tek-peralatan': 95, 'tek-purna-jual': 90 } },
  { user: 'cv.kamal', company: 'CV Kamal', hpsShare: 0.84,
    scores: { 'tek-spesifikasi': 80, 'tek-metode': 70, 'tek-personel': 75, 'tek-peralatan': 70, 'tek-purna-jual': 60 } },
];

const rupiah = (n) => `Rp ${n.toLocaleString('de-DE')},00`;
// Hundredths of a point as the pages write them: 8725 -> "87,25", 8250 -> "82,5", 9000 -> "90".
const points = (h) => {
  const frac = h % 100;
  if (frac === 0) return String(Math.trunc(h / 100));
  return `${Math.trunc(h / 100)},${Math.trunc(frac / 10)}${frac % 10 === 0 ? '' : frac % 10}`;
};
// a x b / c rounded half up, as domain::Evaluate rounds.
const mulDivRound = (a, b, c) => Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n));
const sen = (text) => Number(/Rp ([\d.]+),(\d\d)/.exec(text).slice(1).join('').replace(/\./g, ''));

/** The member's Pembukaan page, their share of `envelope` unlocked as their browser does, sent. */
async function giveShare(client, id, envelope, passphrase) {
  const page = await client.get(`/tender/${id}/pembukaan`);
  assert.equal(page.status, 200, snippet(page.text));
  const start = page.text.indexOf(`data-testid="envelope-${envelope}"`);
  const section = page.text.slice(start, page.text.indexOf('</section>', start));
  const sealed = /data-sealed-share value="([^"]*)"/.exec(section)?.[1];
  assert.ok(sealed, `no share of ${envelope} to give: ${snippet(section, 600)}`);
  const wrapped = decodeEntities(/data-wrapped="([^"]*)"/.exec(page.text)?.[1] ?? '');
  await S.ready();
  const share = S.openShare(sealed, await S.unwrapSecretKey(wrapped, passphrase));
  return client.post(`/tender/${id}/pembukaan/bagian-kunci`, { envelope, share: S.toBase64(share) });
}

/** The bids of the Pembukaan page: [{company, envelope, html}]. */
function openingBids(html) {
  return html.split('<article class="bid"').slice(1).map((part) => {
    const body = part.slice(0, part.indexOf('</article>'));
    const m = /<h3>([^<]+)<small>([^<·]+)/.exec(body);
    return { company: decodeEntities(m[1]).trim(), envelope: m[2].trim(), html: body };
  });
}

describe('dua file evaluation', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-dua-file-'));
  after(() => {
    clock.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the technical results decide whose price is opened; the combined score decides the winner', async () => {
    await S.ready();
    const c = (timeoutMs = 30_000) => new Client(server.baseUrl, { timeoutMs });
    const anon = c();
    const chair = c();
    const member = c();
    const third = c();
    await chair.login('pokja1');
    await member.login('pokja2');
    await third.login('pokja3');
    // Every member holds a personal key: the demo's (in use) or a new one.
    const passphrase = new Map();
    for (const m of [chair, member, third]) {
      passphrase.set(m, (await setMemberKey(m)) ? PASSPHRASE : DEMO_OPENING_PASSPHRASE);
    }

    // 1. Created by a member, one key per envelope made by the chair, published.
    const packageId = await freePackage(member);
    const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pra-dua-file|sistem_nilai' });
    assert.equal(created.status, 303, snippet(created.text));
    const id = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    const keys = await setTenderKey(chair, id, 2);
    assert.equal(keys.res.status, 303, snippet(keys.res.text));
    assert.deepEqual(keys.made.map((k) => k.envelope), ['teknis', 'harga']);
    await uploadDokumenPemilihan(member, id);
    await chair.get(`/pokja/tender/${id}`);
    const published = await chair.post(`/pokja/tender/${id}/umumkan`, {});
    assert.equal(published.status, 303, snippet(published.text));
    const stages = stagesOf((await anon.get(`/tender/${id}/jadwal`)).text);
    for (const s of ['upload_penawaran', 'pembukaan_teknis', 'pembukaan_harga', 'penetapan', 'pengumuman_pemenang']) {
      assert.ok(stages[s]?.start && stages[s]?.end, `stage ${s} in the schedule`);
    }

    // 2. Three vendors join (CV Kamal once the Verifikator approves it).
    const verifikator = c();
    await verifikator.login('verifikator');
    const queue = await verifikator.get('/verifikasi');
    const kamalId = /href="\/verifikasi\/pendaftaran\/(\d+)">CV Kamal Sejahtera</.exec(queue.text)?.[1];
    assert.ok(kamalId, snippet(queue.text));
    await approveAccount(server.baseUrl, kamalId, { client: verifikator });
    const vendors = VENDORS.map((v) => ({ ...v, client: c() }));
    for (const v of vendors) {
      await v.client.login(v.user);
      await join(v.client, id);
    }

    // Each seals a technical envelope and a price envelope, each to its own key.
    clock.moveTo(stages.upload_penawaran.start + 10 * MINUTE);
    const evalPage = async () => {
      const page = await chair.get(`/tender/${id}/evaluasi`);
      assert.equal(page.status, 200, snippet(page.text));
      return page.text;
    };
    await chair.login('pokja1');
    const hpsSen = sen(/data-testid="hps">([^<]+)</.exec(await evalPage())[1]);
    for (const v of vendors) {
      v.price = Math.floor((hpsSen / 100) * v.hpsShare);
      await v.client.login(v.user);
      const bidPage = (await v.client.get(`/tender/${id}/penawaran`)).text;
      const technicalKey = envelopeKeyFrom(bidPage, 'teknis');
      const priceKey = envelopeKeyFrom(bidPage, 'harga');
      assert.equal(technicalKey, keys.made[0].bundle.public_key);
      assert.equal(priceKey, keys.made[1].bundle.public_key);
      const sealed = {
        teknis: await sealAll(technicalKey, [{ name: 'dokumen-teknis.pdf', data: Buffer.from(`%PDF-1.4 teknis ${v.user}`) }]),
        harga: await sealAll(priceKey, [{ name: 'penawaran-harga.json', data: priceForm(v.price), price_form: true }]),
      };
      for (const [envelope, files] of Object.entries(sealed)) {
        const declared = await declare(v.client, id, envelope, files);
        assert.equal(declared.status, 201, declared.text);
        for (const [i, f] of declared.json.files.entries()) {
          assert.equal((await tusSend(v.client, f.upload_url, files[i].sealed)).status, 204);
        }
      }
    }

    // 3. After the deadline, k = 2 members open the technical envelopes; the
    // price envelopes wait for the technical results.
    clock.moveTo(stages.pembukaan_teknis.start + HOUR);
    for (const m of [chair, member]) await m.login(m === chair ? 'pokja1' : 'pokja2');
    let opening = (await chair.get(`/tender/${id}/pembukaan`)).text;
    const priceSection = () => opening.slice(opening.indexOf('data-testid="envelope-harga"'));
    assert.match(priceSection(), /data-testid="why-not">Amplop harga dibuka setelah/);
    assert.doesNotMatch(priceSection().slice(0, priceSection().indexOf('</section>')), /data-sealed-share/);
    const first = await giveShare(chair, id, 'teknis', passphrase.get(chair));
    assert.equal(first.status, 303, snippet(first.text));
    assert.match(first.location, /ok=share_given/);
    const second = await giveShare(member, id, 'teknis', passphrase.get(member));
    assert.equal(second.status, 303, snippet(second.text));
    assert.match(second.location, /ok=envelope_opened/);
    const early = await chair.post(`/tender/${id}/pembukaan/bagian-kunci`, { envelope: 'harga', share: 'AAAA' });
    assert.equal(early.status, 409, snippet(early.text));
    assert.equal(reasonFrom(early.text), 'opening.technical_first');

    // 4. The chair's agreed results: every administration passes; the
    // technical criteria are scored by their weights on the page.
    let page = await evalPage();
    const bidders = biddersOf(page);
    assert.equal(bidders.length, 3, snippet(page));
    for (const v of vendors) {
      v.vendor = bidders.find((b) => b.company.startsWith(v.company))?.vendor;
      assert.ok(v.vendor, `${v.company} among the bidders`);
      v.company = bidders.find((b) => b.vendor === v.vendor).company;
    }
    const weights = Object.fromEntries([...page.matchAll(/<tr data-criterion="(tek-[a-z-]+)">\s*<td>[^<]*<small>\([^)]*?(\d+)%\)/g)]
      .map((m) => [m[1], Number(m[2])]));
    assert.deepEqual(Object.keys(weights).sort(), Object.keys(VENDORS[0].scores).sort());
    const [technicalWeight, priceWeight] = /data-testid="method"[\s\S]*?(\d+)%[^<\d]*(\d+)%/.exec(page).slice(1).map(Number);
    assert.equal(technicalWeight + priceWeight, 100);
    const passMark = 70;  // sistem_nilai's pass mark (web/catalogue/procedures.toml)
    for (const v of vendors) {
      v.technical = Object.entries(v.scores).reduce((sum, [code, s]) => sum + weights[code] * s, 0);
      const form = { vendor: v.vendor, scope: 'kesepakatan' };
      for (const f of [...page.matchAll(new RegExp(`name="pass\\.(adm-[a-z-]+)"`, 'g'))].map((m) => m[1])) form[`pass.${f}`] = 'lulus';
      for (const [code, s] of Object.entries(v.scores)) form[`score.${code}`] = String(s);
      const res = await chair.post(`/tender/${id}/evaluasi/nilai`, form);
      assert.equal(res.status, 303, snippet(res.text));
      if (v === vendors[1]) {
        // OPN-01: with one bidder's technical result still missing, the price
        // envelopes stay shut (else that bidder's price would never open).
        const partial = await chair.post(`/tender/${id}/pembukaan/bagian-kunci`, { envelope: 'harga', share: 'AAAA' });
        assert.equal(partial.status, 409, snippet(partial.text));
        assert.equal(reasonFrom(partial.text), 'opening.technical_first');
      }
    }
    const [failed, ...passing] = vendors;
    assert.ok(failed.technical < passMark * 100 && passing.every((v) => v.technical >= passMark * 100));

    page = await evalPage();
    for (const v of vendors) {
      const row = rankingRow(page, v.vendor);
      assert.match(row, /data-stage="administrasi" data-outcome="lulus"/, row);
      assert.match(row, new RegExp(`data-stage="teknis" data-outcome="${v === failed ? 'gugur' : 'lulus'}"`), row);
      assert.match(row, new RegExp(`<td>${points(v.technical)}</td>`), `${v.company}: technical score ${points(v.technical)}`);
      assert.match(row, /data-rank="-"/, 'no ranking before the prices are opened');
    }
    assert.match(rankingRow(page, failed.vendor), /Teknis: nilai teknis di bawah ambang batas/);

    // The agreed results are the technical results of the opening.
    opening = (await chair.get(`/tender/${id}/pembukaan`)).text;
    for (const v of vendors) {
      const bid = openingBids(opening).find((b) => b.company === v.company && b.envelope === 'Amplop teknis');
      assert.ok(bid, `${v.company}'s technical bid on the opening page`);
      assert.match(bid.html, new RegExp(`Hasil evaluasi teknis: ${v === failed ? 'Gugur' : 'Lulus'}`), bid.html);
    }

    // 5. The price opening: only the price envelopes of those that passed.
    clock.moveTo(stages.pembukaan_harga.start + HOUR);
    for (const m of [chair, member]) await m.login(m === chair ? 'pokja1' : 'pokja2');
    assert.equal((await giveShare(chair, id, 'harga', passphrase.get(chair))).status, 303);
    const priced = await giveShare(member, id, 'harga', passphrase.get(member));
    assert.equal(priced.status, 303, snippet(priced.text));
    assert.match(priced.location, /ok=envelope_opened/);
    opening = (await chair.get(`/tender/${id}/pembukaan`)).text;
    for (const v of vendors) {
      const bid = openingBids(opening).find((b) => b.company === v.company && b.envelope === 'Amplop harga');
      assert.ok(bid, `${v.company}'s price bid on the opening page`);
      if (v === failed) {
        assert.doesNotMatch(bid.html, /data-testid="price"/, `${v.company}'s price stays sealed`);
        assert.doesNotMatch(bid.html, /data-testid="file-ok"/);
        assert.match(bid.html, /tersegel/);
      } else {
        assert.match(bid.html, new RegExp(`data-testid="price">${rupiah(v.price)}<`), bid.html);
        assert.match(bid.html, /data-testid="file-ok"/);
      }
    }
    assert.doesNotMatch(opening, new RegExp(rupiah(failed.price)));
    const baPrice = await pdfText(chair, `/tender/${id}/pembukaan/ba/pembukaan/harga`, tmp, 'ba-pembukaan-harga.pdf');
    for (const v of passing) assert.ok(baPrice.includes(rupiah(v.price)), `${rupiah(v.price)} in the BA Pembukaan harga`);
    assert.ok(!baPrice.includes(rupiah(failed.price)), 'the failed vendor\'s price is not in the BA Pembukaan');

    // 6. The ranking by the combined score, lowest price of those that passed = 100 points.
    const lowest = Math.min(...passing.map((v) => v.price));
    for (const v of passing) {
      v.priceScore = mulDivRound(lowest, 10000, v.price);
      v.total = mulDivRound(technicalWeight * v.technical + priceWeight * v.priceScore, 1, 100);
    }
    const order = [...passing].sort((a, b) => b.total - a.total);
    assert.notEqual(order[0].total, order[1].total, 'the figures give no tie');
    const winner = order[0];
    page = await evalPage();
    order.forEach((v, i) => {
      const row = rankingRow(page, v.vendor);
      assert.match(row, new RegExp(`data-rank="${i + 1}"`), row);
      assert.match(row, /data-stage="harga" data-outcome="lulus"/, row);
      assert.match(row, new RegExp(`data-testid="corrected">${rupiah(v.price)}`), row);
      assert.match(row, new RegExp(`<td>${points(v.technical)}</td><td>${points(v.total)}</td>`), `${v.company}: ${points(v.total)}`);
    });
    const failedRow = rankingRow(page, failed.vendor);
    assert.match(failedRow, /data-rank="-"/);
    assert.match(failedRow, /data-stage="harga" data-outcome="tidak_dievaluasi"/, failedRow);
    assert.match(failedRow, /data-testid="stated">-</, 'no price shown for the failed vendor');

    // The award: decided in the penetapan stage, announced in the pengumuman stage.
    clock.moveTo(stages.penetapan.start + 10 * MINUTE);
    await chair.login('pokja1');
    const decided = await chair.post(`/tender/${id}/evaluasi/penetapan`, {});
    assert.equal(decided.status, 303, snippet(decided.text));
    page = await evalPage();
    assert.equal(decodeEntities(/data-testid="decided-winner">([^<]+)</.exec(page)?.[1] ?? ''), winner.company);
    const baUrl = /href="(\/tender\/\d+\/hasil\/ba\/\d+)" data-testid="ba-hasil"/.exec(page)?.[1];
    assert.ok(baUrl, snippet(page));
    clock.moveTo(stages.pengumuman_pemenang.start + 10 * MINUTE);
    await chair.login('pokja1');
    const announced = await chair.post(`/tender/${id}/evaluasi/pengumuman`, {});
    assert.equal(announced.status, 303, snippet(announced.text));

    // The public results.
    const results = (await anon.get(`/tender/${id}/hasil`)).text;
    assert.equal(decodeEntities(/data-testid="winner-name">([^<]+)</.exec(results)?.[1] ?? ''), winner.company, snippet(results));
    assert.equal(/data-testid="winner-price">([^<]+)</.exec(results)?.[1], rupiah(winner.price));
    const resultRow = (v) => new RegExp(`<tr data-testid="result-row" data-vendor="${v.vendor}"[^>]*>[\\s\\S]*?</tr>`).exec(results)?.[0] ?? '';
    order.forEach((v, i) => {
      const row = resultRow(v);
      assert.match(row, new RegExp(`data-rank="${i + 1}"`), row);
      assert.match(row, new RegExp(`<td>${points(v.technical)}</td><td>${points(v.total)}</td>`), row);
    });
    assert.match(resultRow(winner), /data-winner="1"/);
    assert.match(resultRow(failed), /data-rank="-"/);
    assert.match(resultRow(failed), new RegExp(`<td>${points(failed.technical)}</td><td>-</td>`));
    assert.match(resultRow(failed), /Teknis: nilai teknis di bawah ambang batas/);
    assert.doesNotMatch(results, new RegExp(rupiah(failed.price)));

    // The BA Hasil Pemilihan names every company with its scores and prices.
    const ba = (await pdfText(anon, baUrl, tmp, 'ba-hasil.pdf')).replace(/\s+/g, ' ');
    assert.match(ba, /BERITA ACARA HASIL PEMILIHAN/);
    for (const v of vendors) assert.ok(ba.includes(v.company), `${v.company} in the BA`);
    for (const v of passing) {
      assert.ok(ba.includes(rupiah(v.price)), `${v.company}'s price in the BA`);
      assert.ok(ba.includes(`${points(v.priceScore)} / ${points(v.total)}`), `${v.company}'s price score and total in the BA`);
    }
    for (const v of vendors) assert.ok(ba.includes(`nilai ${points(v.technical)}`), `${v.company}'s technical score in the BA`);
    assert.ok(!ba.includes(rupiah(failed.price)), 'no price of the failed vendor in the BA');
    assert.match(ba, /nilai teknis di bawah ambang batas/);
    const award = ba.slice(ba.indexOf('C. Penetapan'));
    assert.ok(award.includes(winner.company) && award.includes(rupiah(winner.price)), `the award names ${winner.company}: ${award}`);
  });
});
