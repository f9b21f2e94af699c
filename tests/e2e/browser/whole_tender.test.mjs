// A whole tender in a real browser, from publication to the contract: a
// Pokja member drafts a harga satuan tender and the chair publishes it and
// makes its key; three vendors join and bid (two seal their priced bill in
// the bid page; the third sends a bill sealed by its own tool over the bid
// API, with a wrong quantity that the arithmetic correction puts right);
// two members open the bids with their key shares; the chair fails one
// bidder's administration with a reason, invites the others to the
// qualification proof and records it, decides and announces; the losing
// bidder files a sanggah with an attachment and the chair answers it; the
// PPK issues the SPPBJ and records the contract. What a user would check
// is checked: the public results page, and every Berita Acara and letter
// issued on the way (pdftotext). Accounts and the server's clock are set up
// over HTTP; everything else is done in the pages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  DEMO_OPENING_PASSPHRASE, declare, envelopeKeyFrom, priceForm, sealAll, tusSend,
} from '../lib/bids.mjs';
import {
  clickAndWait, draftTenderInBrowser, publishTenderInBrowser, signInInBrowser, useBrowserSuite, whereIs,
} from '../lib/browser.mjs';
import { Client, snippet } from '../lib/client.mjs';
import { wibMs } from '../lib/clock.mjs';
import { HOUR, stagesOf } from '../lib/evaluation.mjs';
import { freePackage } from '../lib/tender.mjs';
import { approveAccount, MINIMAL_PDF } from '../lib/registration.mjs';

// The demo package: one HPS line, 2160 sets at Rp 575.000, harga satuan;
// Dinas Pendidikan's PPK.
const PACKAGE = 'Pengadaan Meubelair Sekolah Menengah Pertama';
const PPK = 'ppk.disdik';
const QUANTITY = 2160;

// Bidders, their unit prices and what the bill comes to.
const MADURA = { user: 'cv.madura', company: 'CV Madura Jaya Konstruksi', unit: 560_000 };
const SUMBER = { user: 'cv.sumber', company: 'CV Sumber Rejeki Abadi', unit: 548_000 };
// Prices 2000 sets instead of 2160: the HPS quantity counts.
const KAMAL = { user: 'cv.kamal', company: 'CV Kamal Sejahtera', unit: 530_000, quantity: 2000 };
MADURA.stated = MADURA.corrected = QUANTITY * MADURA.unit;   // 1.209.600.000
SUMBER.stated = SUMBER.corrected = QUANTITY * SUMBER.unit;   // 1.183.680.000
KAMAL.stated = KAMAL.quantity * KAMAL.unit;                  // 1.060.000.000
KAMAL.corrected = QUANTITY * KAMAL.unit;                     // 1.144.800.000

const FAIL_REASON = 'Surat penawaran tidak ditandatangani oleh direktur';
const OBJECTION = 'Harga terkoreksi CV Kamal Sejahtera melampaui harga yang dibacakan saat pembukaan.';
const ANSWER = 'Koreksi aritmatik sesuai dokumen pemilihan: volume HPS yang berlaku.';
const CONTRACT_NO = '027/118/KONTRAK/433.108/2026';

/** "Rp 1.144.800.000,00": a price as the pages and the PDFs print it. */
const rupiah = (n) => `Rp ${n.toLocaleString('de-DE')},00`;

describe('a whole tender in the browser', () => {
  const suite = useBrowserSuite({ clock: true, tmp: 'spse-whole-', timeoutMs: 15_000 });

  /** The text of the PDF behind link `selector` on `page`, as pdftotext prints it. */
  async function pdfOf(page, selector, name) {
    const href = await page.getAttribute(selector, 'href');
    const res = await page.request.get(href);
    assert.equal(res.status(), 200, href);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const file = path.join(suite.tmp, name);
    writeFileSync(file, await res.body());
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  function assertHas(text, wants, what) {
    for (const want of wants) assert.ok(text.includes(want), `${what} lacks "${want}":\n${text}`);
  }

  /** The package's contract type is printed by its name, not its code. */
  function assertContractType(text, what) {
    assertHas(text, [': Harga Satuan'], what);
    assert.doesNotMatch(text, /harga_satuan/, `${what} prints the contract type's code`);
  }

  /** A page signed in as `user` (again after the clock moved: sessions do not outlive a jump). */
  async function as(user, page) {
    const p = page ?? await suite.newPage();
    assert.equal(await signInInBrowser(p, user), '/dasbor');
    return p;
  }

  /** The vendor bids its priced bill in the bid page: sealed in the browser, receipt checked. */
  async function bidInBrowser(page, id, vendor) {
    await page.goto(`/tender/${id}/penawaran`);
    const form = page.locator('form.bid-form[data-envelope=tunggal]');
    const lines = form.locator('[data-bill-line]');
    assert.equal(await lines.count(), 1, 'the bill has the HPS line');
    assert.equal(await lines.first().getAttribute('data-quantity'), String(QUANTITY));
    await lines.first().locator('input').fill(String(vendor.unit));
    assert.equal(await form.locator('input[name=price]').inputValue(), String(vendor.stated));
    await form.locator('input[type=file]').setInputFiles({
      name: 'dokumen-penawaran.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`${MINIMAL_PDF}% ${vendor.user}\n`),
    });
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=receipt-match], [data-testid=receipt-mismatch], [data-testid=bid-error]', { timeout: 30_000 });
    assert.equal(await page.locator('[data-testid=receipt-match]').count(), 1, await form.locator('.bid-result').textContent());
    await page.waitForSelector('#my-bids [data-testid=my-bid][data-status=submitted]');
  }

  /** The vendor's own tool: the price form and a file sealed to the tender key, sent over the bid API. */
  async function bidOverApi(id, vendor) {
    const client = new Client(suite.server.baseUrl);
    await client.login(vendor.user);
    const key = envelopeKeyFrom((await client.get(`/tender/${id}/penawaran`)).text);
    const items = [{ description: 'Meja dan kursi siswa', unit: 'set', quantity: String(vendor.quantity), unit_price: String(vendor.unit) }];
    const files = await sealAll(key, [
      { name: 'penawaran-harga.json', data: priceForm(vendor.stated, '', items), price_form: true },
      { name: 'dokumen-penawaran.pdf', data: Buffer.from(`${MINIMAL_PDF}% ${vendor.user}\n`) },
    ]);
    const declared = await declare(client, id, 'tunggal', files);
    assert.equal(declared.status, 201, declared.text);
    for (const [i, f] of files.entries()) {
      const res = await tusSend(client, declared.json.files[i].upload_url, f.sealed);
      assert.equal(res.status, 204, `upload of ${f.name}: ${res.status}`);
    }
  }

  test('publish, bid, open, evaluate, award, sanggah, SPPBJ and contract', async () => {
    const { clock, server } = suite;

    // Setup: the third vendor's application is approved (the demo leaves it waiting).
    const verifikator = new Client(server.baseUrl);
    await verifikator.login('verifikator');
    const queue = await verifikator.get('/verifikasi');
    const kamalId = /href="\/verifikasi\/pendaftaran\/(\d+)">CV Kamal Sejahtera</.exec(queue.text)?.[1];
    assert.ok(kamalId, snippet(queue.text));
    await approveAccount(server.baseUrl, kamalId, { client: verifikator });
    const pokjaClient = new Client(server.baseUrl);
    await pokjaClient.login('pokja2');
    const packageId = await freePackage(pokjaClient, PACKAGE);

    // A Pokja member drafts the tender; the chair publishes it and makes its key.
    const member = await as('pokja2');
    const id = await draftTenderInBrowser(member, packageId, {
      procedure: 'tender-pasca-satu-file|harga_terendah_gugur',
      document: { name: 'Dokumen-Pemilihan-Meubelair.pdf', buffer: Buffer.from(MINIMAL_PDF) },
    });
    const bidStart = wibMs(await member.inputValue('#start_upload_penawaran'));
    const bidEnd = wibMs(await member.inputValue('#end_upload_penawaran'));
    const chair = await as('pokja1');
    const code = await publishTenderInBrowser(chair, id);
    await chair.goto(`/pokja/tender/${id}`);
    await clickAndWait(chair, '[data-testid=bid-links] a[href$="/kunci"]');
    await chair.fill('#threshold', '2');
    await clickAndWait(chair, '#tender-key-submit');
    assert.equal(whereIs(chair), `/tender/${id}/kunci?ok=tender_key_set`);
    const visitor = await suite.newPage();
    await visitor.goto(`/tender/${id}/jadwal`);
    const stages = stagesOf(await visitor.content());
    for (const s of ['evaluasi', 'pembuktian', 'penetapan', 'pengumuman_pemenang', 'sanggah']) {
      assert.ok(stages[s]?.start && stages[s]?.end, `stage ${s} in the schedule`);
    }

    // Three vendors join with the Pakta Integritas.
    const vendorPages = {};
    for (const v of [MADURA, SUMBER, KAMAL]) {
      const page = await as(v.user);
      await page.goto(`/tender/${id}`);
      await clickAndWait(page, '[data-testid=join-link]');
      await page.check('#pakta');
      await clickAndWait(page, 'form[action$="/ikut"] button[type=submit]');
      assert.equal(whereIs(page), `/tender/${id}?ok=tender_joined`);
      vendorPages[v.user] = page;
    }
    assert.equal((await vendorPages[KAMAL.user].textContent('[data-testid=participants]')).trim(), '3');

    // The bid stage: two bid in the page, the third over the API.
    clock.moveTo(bidStart + 10 * 60 * 1000);
    for (const v of [MADURA, SUMBER]) await bidInBrowser(await as(v.user, vendorPages[v.user]), id, v);
    await bidOverApi(id, KAMAL);

    // Opening: two of the three members each unlock their share in their browser.
    clock.moveTo(bidEnd + 5 * 60 * 1000);
    for (const [who, notice] of [['pokja1', 'share_given'], ['pokja2', 'envelope_opened']]) {
      const page = await as(who, who === 'pokja1' ? chair : member);
      await page.goto(`/tender/${id}/pembukaan`);
      const unlock = page.locator('form[data-unlock-share]');
      await unlock.locator('[data-passphrase]').fill(DEMO_OPENING_PASSPHRASE);
      await Promise.all([page.waitForURL(new RegExp(`ok=${notice}`), { timeout: 30_000 }), unlock.locator('button[type=submit]').click()]);
    }
    await member.waitForSelector('[data-testid=opened]');
    const bids = member.locator('[data-testid=bid]');
    assert.equal(await bids.count(), 3);
    for (const v of [MADURA, SUMBER, KAMAL]) {
      assert.equal(await bids.filter({ hasText: v.company }).locator('[data-testid=price]').textContent(), rupiah(v.stated));
    }
    const baPembukaan = await pdfOf(member, '[data-testid=ba-pembukaan]', 'ba-pembukaan.pdf');
    assertHas(baPembukaan, ['BERITA ACARA PEMBUKAAN PENAWARAN', code, PACKAGE,
      ...[MADURA, SUMBER, KAMAL].flatMap((v) => [v.company, rupiah(v.stated)])], 'the BA Pembukaan');

    // Evaluation: the chair records the agreed results in each bidder's
    // form; CV Sumber fails the first administration criterion, with its reason.
    clock.moveTo(stages.evaluasi.start + HOUR);
    await as('pokja1', chair);
    await chair.goto(`/tender/${id}/evaluasi`);
    for (const v of [MADURA, SUMBER, KAMAL]) {
      const form = chair.locator('section[data-testid=bidder]', { has: chair.locator('h2', { hasText: v.company }) })
        .locator('form[data-testid=judge-agreed]');
      for (const radio of await form.locator('input[type=radio][value=lulus]').all()) await radio.check();
      for (const score of await form.locator('input[type=number]').all()) await score.fill('80');
      for (const amount of await form.locator('input[name^="amount."]').all()) await amount.fill('0');
      if (v === SUMBER) {
        const administration = form.locator('fieldset').first();
        assert.match(await administration.locator('legend').textContent(), /Administrasi/i);
        const criterion = administration.locator('.criterion').first();
        await criterion.locator('input[type=radio][value=gugur]').check();
        await criterion.locator('input[name^="reason."]').fill(FAIL_REASON);
      }
      await clickAndWait(chair, `section[data-testid=bidder]:has(h2:has-text("${v.company}")) form[data-testid=judge-agreed] button[type=submit]`);
      if (!/\/evaluasi\?ok=/.test(whereIs(chair))) assert.fail(await chair.textContent('[data-testid=error]'));
    }
    // The ranking: CV Kamal first on its corrected price, CV Sumber out at the administration.
    const row = (v) => chair.locator('[data-testid=ranking-row]', { hasText: v.company });
    assert.equal(await row(KAMAL).getAttribute('data-rank'), '1');
    assert.equal(await row(MADURA).getAttribute('data-rank'), '2');
    assert.equal(await row(SUMBER).getAttribute('data-rank'), '-');
    assert.equal(await row(SUMBER).locator('[data-stage=administrasi]').getAttribute('data-outcome'), 'gugur');
    assert.match(await row(KAMAL).locator('[data-testid=corrected]').textContent(), new RegExp(`^${rupiah(KAMAL.corrected)}`));
    const kamalSection = chair.locator('section[data-testid=bidder]', { has: chair.locator('h2', { hasText: KAMAL.company }) });
    assert.equal(await kamalSection.locator('[data-testid=bidder-corrected]').textContent(), rupiah(KAMAL.corrected));

    // Pembuktian kualifikasi: the ranked bidders are invited, come, and pass.
    clock.moveTo(stages.pembuktian.start + HOUR);
    await as('pokja1', chair);
    await chair.goto(`/tender/${id}/evaluasi`);
    const proofAt = new Date(stages.pembuktian.start + 2 * HOUR + 7 * HOUR).toISOString().slice(0, 16);
    for (const v of [KAMAL, MADURA]) {
      const section = `section[data-testid=bidder]:has(h2:has-text("${v.company}"))`;
      await chair.fill(`${section} [data-testid=invite-form] input[name=at]`, proofAt);
      await chair.fill(`${section} [data-testid=invite-form] input[name=place]`, 'Ruang Rapat ULP Lt. 2');
      await chair.fill(`${section} [data-testid=invite-form] input[name=notes]`, 'Akta, NIB dan NPWP asli');
      await clickAndWait(chair, `${section} [data-testid=invite-form] button[type=submit]`);
      assert.match(await chair.textContent(`${section} [data-testid=invitation]`), /Ruang Rapat ULP Lt\. 2/);
      await chair.check(`${section} [data-testid=proof-form] input[value=lulus]`);
      await clickAndWait(chair, `${section} [data-testid=proof-form] button[type=submit]`);
      assert.equal(await chair.locator(`${section} [data-testid=proof] .tag-ok`).count(), 1);
    }

    // Penetapan, then pengumuman pemenang.
    clock.moveTo(stages.penetapan.start + 10 * 60 * 1000);
    await as('pokja1', chair);
    await chair.goto(`/tender/${id}/evaluasi`);
    await clickAndWait(chair, '[data-testid=decide]');
    assert.equal((await chair.textContent('[data-testid=decided-winner]')).trim(), KAMAL.company);
    clock.moveTo(stages.pengumuman_pemenang.start + 10 * 60 * 1000);
    await as('pokja1', chair);
    await chair.goto(`/tender/${id}/evaluasi`);
    await clickAndWait(chair, '[data-testid=announce]');
    assert.equal(await chair.locator('[data-testid=announced]').count(), 1);

    // The public results page.
    await visitor.goto(`/tender/${id}/hasil`);
    assert.equal((await visitor.textContent('[data-testid=tender-code]')).trim(), code);
    assert.equal((await visitor.textContent('[data-testid=winner-name]')).trim(), KAMAL.company);
    assert.equal((await visitor.textContent('[data-testid=winner-price]')).trim(), rupiah(KAMAL.corrected));
    const result = (v) => visitor.locator('[data-testid=result-row]', { hasText: v.company });
    assert.equal(await visitor.locator('[data-testid=result-row]').count(), 3);
    for (const v of [MADURA, SUMBER, KAMAL]) {
      assert.equal((await result(v).locator('[data-testid=stated]').textContent()).trim(), rupiah(v.stated), `${v.company} stated`);
      assert.equal((await result(v).locator('[data-testid=corrected]').textContent()).trim(), rupiah(v.corrected), `${v.company} corrected`);
    }
    assert.equal(await result(KAMAL).getAttribute('data-winner'), '1');
    assert.equal(await result(KAMAL).locator('[data-testid=winner-mark]').count(), 1);
    assert.equal(await visitor.locator('[data-testid=winner-mark]').count(), 1, 'one winner marked');
    assert.equal(await result(MADURA).getAttribute('data-rank'), '2');
    assert.equal(await result(SUMBER).getAttribute('data-rank'), '-');
    assert.equal(await result(SUMBER).locator('[data-stage=administrasi]').getAttribute('data-outcome'), 'gugur');
    assert.match(await result(SUMBER).locator('[data-testid=reasons]').textContent(), new RegExp(FAIL_REASON));
    const baHasil = await pdfOf(visitor, '[data-testid=ba-hasil]', 'ba-hasil.pdf');
    assertHas(baHasil, ['BERITA ACARA HASIL PEMILIHAN', code, PACKAGE, 'PEMENANG', FAIL_REASON,
      ...[MADURA, SUMBER, KAMAL].map((v) => v.company), rupiah(KAMAL.stated), rupiah(KAMAL.corrected),
      rupiah(MADURA.corrected)], 'the BA Hasil Pemilihan');
    assertContractType(baHasil, 'the BA Hasil Pemilihan');

    // Masa Sanggah: CV Madura objects, with its own calculation attached.
    clock.moveTo(stages.sanggah.start + HOUR);
    const madura = await as(MADURA.user, vendorPages[MADURA.user]);
    await madura.goto(`/tender/${id}/hasil`);
    await clickAndWait(madura, '[data-testid=objections-link]');
    await madura.fill('#alasan', OBJECTION);
    await madura.setInputFiles('#lampiran', {
      name: 'perhitungan-ulang.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`${MINIMAL_PDF}% sanggah\n`),
    });
    await clickAndWait(madura, '[data-testid=file-form] button[type=submit]');
    assert.match(whereIs(madura), /\/sanggah\?ok=/);
    const mine = madura.locator('[data-testid=objection]');
    assert.equal(await mine.count(), 1);
    assert.match(await mine.textContent(), new RegExp(MADURA.company));
    assert.match(await mine.locator('[data-testid=objection-files]').textContent(), /perhitungan-ulang\.pdf/);

    // The chair reads it with its attachment and answers.
    await as('pokja1', chair);
    await chair.goto(`/tender/${id}/sanggah`);
    const objection = chair.locator('[data-testid=objection]');
    assert.match(await objection.locator('[data-testid=objection-reasons]').textContent(), /melampaui harga yang dibacakan/);
    const attachment = await chair.request.get(await objection.locator('[data-testid=objection-files] a').getAttribute('href'));
    assert.equal(attachment.status(), 200);
    assert.match((await attachment.body()).toString('latin1'), /^%PDF-/);
    await objection.locator('input[name=hasil][value=ditolak]').check();
    await objection.locator('textarea[name=jawaban]').fill(ANSWER);
    await clickAndWait(chair, '[data-testid=answer-form] button[type=submit]');
    assert.match(whereIs(chair), /\/sanggah\?ok=/);
    await visitor.goto(`/tender/${id}/sanggah`);
    const answered = visitor.locator('[data-testid=objection-answer]');
    assert.equal(await answered.getAttribute('data-upheld'), '0');
    assert.match(await answered.textContent(), /volume HPS yang berlaku/);

    // After the Masa Sanggah the PPK issues the SPPBJ from the contract page.
    clock.moveTo(stages.sanggah.end + HOUR);
    const ppk = await as(PPK);
    await ppk.goto(`/tender/${id}/hasil`);
    await clickAndWait(ppk, '[data-testid=contract-link]');
    assert.equal((await ppk.textContent('[data-testid=winner]')).trim(), KAMAL.company);
    assert.equal((await ppk.textContent('[data-testid=award-price]')).trim(), rupiah(KAMAL.corrected));
    await clickAndWait(ppk, '[data-testid=issue-sppbj]');
    assert.match(whereIs(ppk), /\/kontrak\?ok=/);
    const sppbjNumber = (await ppk.textContent('[data-testid=sppbj-number]')).trim();
    assert.equal((await ppk.textContent('[data-testid=sppbj-price]')).trim(), rupiah(KAMAL.corrected));
    const sppbj = await pdfOf(ppk, '[data-testid=sppbj-pdf]', 'sppbj.pdf');
    assertHas(sppbj, ['SURAT PENUNJUKAN PENYEDIA BARANG/JASA', sppbjNumber, code, PACKAGE, KAMAL.company,
      rupiah(KAMAL.corrected)], 'the SPPBJ');
    assertContractType(sppbj, 'the SPPBJ');

    // The contract, at the award price.
    const signedOn = new Date(stages.sanggah.end + HOUR + 7 * HOUR).toISOString().slice(0, 10);
    const contract = ppk.locator('[data-testid=contract-form]');
    await contract.locator('#number').fill(CONTRACT_NO);
    await contract.locator('#signed_on').fill(signedOn);
    await contract.locator('#value').fill(String(KAMAL.corrected));
    await contract.locator('#days').fill('60');
    await contract.locator('#ppk_name').fill('Hj. Khoirun Nisa, S.Pd., M.M.');
    await contract.locator('#ppk_nip').fill('19720315 199803 2 004');
    await contract.locator('#vendor_signatory').fill('Moh. Kamaluddin');
    await contract.locator('#vendor_position').fill('Direktur');
    await clickAndWait(ppk, '[data-testid=record-contract]');
    assert.match(whereIs(ppk), /\/kontrak\?ok=/);
    assert.equal(await ppk.getAttribute('[data-testid=tender-status]', 'data-status'), 'selesai');
    const version = ppk.locator('[data-testid=version-row][data-version="1"]');
    assert.equal(await version.getAttribute('data-current'), '1');
    assert.equal((await version.locator('[data-testid=value]').textContent()).trim(), rupiah(KAMAL.corrected));
    const summary = await pdfOf(ppk, '[data-testid=version-row][data-version="1"] [data-testid=contract-pdf]', 'kontrak.pdf');
    assertHas(summary, ['RINGKASAN KONTRAK', CONTRACT_NO, code, PACKAGE, KAMAL.company, sppbjNumber,
      rupiah(KAMAL.corrected), 'Moh. Kamaluddin', 'Hj. Khoirun Nisa'], 'the contract summary');
    assertContractType(summary, 'the contract summary');

    assert.deepEqual(suite.errors, []);
  });
});
