// A tender from plan to Pemberian Penjelasan in a real browser (issue 4):
// the PA/KPA publishes a RUP item, the PPK makes a package with HPS, a Pokja
// member sets up a pascakualifikasi satu-file tender and the chair publishes
// it, an anonymous visitor finds it through Cari Paket, a vendor joins with
// the Pakta Integritas, downloads the Dokumen Pemilihan and asks during the penjelasan, the Pokja answers,
// and the BA Pemberian Penjelasan PDF holds the question and the answer
// (pdftotext). The server's clock is moved through the stages (lib/clock.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  clickAndWait, draftTenderInBrowser, publishTenderInBrowser, signInInBrowser, useBrowserSuite, whereIs,
} from '../lib/browser.mjs';
import { wibMs } from '../lib/clock.mjs';
import { makePackageForPokja, publishRupItem } from '../lib/planning.mjs';
import { MINIMAL_PDF } from '../lib/registration.mjs';

const RUP_NAME = 'Rehabilitasi Gedung Serbaguna Kecamatan Arosbaya';
const PACKAGE = 'Rehabilitasi Gedung Serbaguna Arosbaya';
const QUESTION = 'Apakah rangka atap baja ringan boleh diganti kayu kelas I sesuai spesifikasi setara?';
const ANSWER = 'Tidak boleh; rangka atap tetap baja ringan sesuai spesifikasi teknis dan gambar kerja.';

describe('a tender in the browser, up to the penjelasan', () => {
  const suite = useBrowserSuite({ clock: true, tmp: 'spse-tender-' });
  const newPage = () => suite.newPage();

  test('RUP -> package -> tender published -> found -> joined -> asked, answered -> BA PDF', async () => {
    // Plan and package.
    const code = await publishRupItem(await newPage(), {
      name: RUP_NAME, pagu: '650.000.000', location: 'Kec. Arosbaya',
    });
    const packagePath = await makePackageForPokja(await newPage(), {
      name: PACKAGE,
      code,
      lines: [
        ['Rangka atap baja ringan', '320', 'm2', '410.000'],
        ['Pengecatan dinding', '780', 'm2', '65.000'],
      ],
      kak: 'KAK-Gedung-Arosbaya.pdf',
    });
    const packageId = packagePath.split('/').pop();

    // A Pokja member drafts the tender on the proposed schedule, with its
    // Dokumen Pemilihan; only the chair publishes.
    const member = await newPage();
    assert.equal(await signInInBrowser(member, 'pokja2'), '/dasbor');
    const tenderId = await draftTenderInBrowser(member, packageId, {
      procedure: 'tender-pasca-satu-file|harga_terendah_gugur',
      document: { name: 'Dokumen-Pemilihan-Arosbaya.pdf', buffer: Buffer.from(MINIMAL_PDF) },
    });
    const penjelasanStart = wibMs(await member.inputValue('#start_penjelasan'));
    const penjelasanEnd = wibMs(await member.inputValue('#end_penjelasan'));
    assert.ok(penjelasanEnd > penjelasanStart);
    assert.equal(await member.locator('#publish-form').count(), 0, 'a member has no publish button');
    const chair = await newPage();
    assert.equal(await signInInBrowser(chair, 'pokja1'), '/dasbor');
    const tenderCode = await publishTenderInBrowser(chair, tenderId);

    // An anonymous visitor finds it through Cari Paket.
    const visitor = await newPage();
    await visitor.goto('/');
    await clickAndWait(visitor, '#home-search');
    await visitor.fill('#q', 'serbaguna arosbaya');
    await clickAndWait(visitor, '#search-form button[type=submit]');
    await clickAndWait(visitor, `[data-testid=tenders] a:has-text("${tenderCode}")`);
    assert.equal(whereIs(visitor), `/tender/${tenderId}`);
    assert.equal((await visitor.textContent('[data-testid=method-text]')).trim(),
      'Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur');
    assert.equal((await visitor.textContent('[data-testid=participants]')).trim(), '0');
    assert.equal(await visitor.locator('[data-testid=join-link]').count(), 0, 'no join button for visitors');

    // A vendor joins by accepting the Pakta Integritas.
    const vendor = await newPage();
    assert.equal(await signInInBrowser(vendor, 'cv.madura'), '/dasbor');
    await vendor.goto(`/tender/${tenderId}`);
    await clickAndWait(vendor, '[data-testid=join-link]');
    assert.match(await vendor.textContent('[data-testid=pact-text]'), /PAKTA INTEGRITAS[\s\S]*Korupsi, Kolusi, dan Nepotisme/);
    await vendor.check('#pakta');
    await clickAndWait(vendor, 'form[action$="/ikut"] button[type=submit]');
    assert.equal(whereIs(vendor), `/tender/${tenderId}?ok=tender_joined`);
    assert.equal((await vendor.textContent('[data-testid=participants]')).trim(), '1');
    // ... and downloads the Dokumen Pemilihan, which the Pokja sees in its log.
    const docHref = await vendor.getAttribute('[data-testid=documents] a:has-text("Dokumen-Pemilihan-Arosbaya.pdf")', 'href');
    const doc = await vendor.request.get(docHref);
    assert.equal(doc.status(), 200);
    assert.equal((await doc.body()).toString('latin1'), MINIMAL_PDF);
    await member.goto(`/pokja/tender/${tenderId}`);
    assert.equal((await member.textContent('[data-testid=download-count]')).trim(), '1');
    assert.match(await member.textContent('[data-testid=download-log]'), /cv\.madura|CV Madura/);

    // During the penjelasan the vendor asks (signing in again: time moved on).
    suite.clock.moveTo(penjelasanStart + 60 * 60 * 1000);
    assert.equal(await signInInBrowser(vendor, 'cv.madura'), '/dasbor');
    await vendor.goto(`/tender/${tenderId}/penjelasan`);
    assert.equal(await vendor.locator('[data-testid=aanwijzing-open]').count(), 1);
    await vendor.fill('#text', QUESTION);
    await clickAndWait(vendor, 'form[action$="/penjelasan"] button[type=submit]');
    assert.equal(whereIs(vendor), `/tender/${tenderId}/penjelasan?ok=question_sent`);

    // The Pokja answers; nobody sees who asked.
    assert.equal(await signInInBrowser(member, 'pokja2'), '/dasbor');
    await member.goto(`/tender/${tenderId}/penjelasan`);
    const asked = member.locator('[data-testid=question]').first();
    assert.match(await asked.textContent(), new RegExp(QUESTION.slice(0, 40)));
    await asked.locator('textarea').fill(ANSWER);
    await clickAndWait(member, '[data-testid=question] form button[type=submit]');
    assert.equal(whereIs(member), `/tender/${tenderId}/penjelasan?ok=answer_sent`);
    await visitor.goto(`/tender/${tenderId}/penjelasan`);
    const shown = await visitor.textContent('[data-testid=questions]');
    assert.match(shown, /rangka atap baja ringan boleh diganti/);
    assert.match(shown, /tetap baja ringan sesuai spesifikasi/);
    const page = await visitor.content();
    assert.doesNotMatch(page, /Madura|cv\.madura/i, 'the asker is never named');

    // After the stage the Pokja issues the Berita Acara; anyone downloads it.
    suite.clock.moveTo(penjelasanEnd + 60 * 1000);
    assert.equal(await signInInBrowser(member, 'pokja2'), '/dasbor');
    await member.goto(`/tender/${tenderId}/penjelasan`);
    await clickAndWait(member, 'form[action$="/ba-penjelasan"] button[type=submit]');
    assert.equal(whereIs(member), `/tender/${tenderId}/penjelasan?ok=minutes_issued`);
    await visitor.goto(`/tender/${tenderId}/penjelasan`);
    const href = await visitor.getAttribute('[data-testid=minutes] a', 'href');
    const res = await visitor.request.get(href);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const file = path.join(suite.tmp, 'ba-penjelasan.pdf');
    writeFileSync(file, await res.body());
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const want of ['BERITA ACARA PEMBERIAN PENJELASAN', tenderCode, PACKAGE, QUESTION, ANSWER,
      'Jumlah peserta', 'Pemberian Penjelasan', 'Identitas penanya tidak dicantumkan']) {
      assert.ok(text.includes(want), `BA lacks "${want}":\n${text}`);
    }
    assert.doesNotMatch(text, /Madura/i, 'the BA does not name the asker');

    assert.deepEqual(suite.errors, []);
  });
});
