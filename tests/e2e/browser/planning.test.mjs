// Planning in a real browser (Pasal 4(1)a-b): the PA/KPA publishes a RUP
// item; the PPK makes a package from it with HPS lines and a KAK upload and
// hands it to the Pokja; a Pokja member finds it on its list; an anonymous
// visitor finds the RUP item on the public RUP page from the Beranda.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { clickAndWait, signInInBrowser, whereIs } from '../lib/browser.mjs';
import { MINIMAL_PDF } from '../lib/registration.mjs';
import { launchBrowser, startServer } from '../lib/server.mjs';

const NAME = 'Pembangunan Pagar Alun-Alun Bangkalan';

describe('planning in the browser', () => {
  let server;
  let browser;
  const errors = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage() {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  test('RUP item -> package with HPS and KAK -> Pokja; the public finds the item', async () => {
    // The PA/KPA drafts and publishes the item.
    const pakpa = await newPage();
    assert.equal(await signInInBrowser(pakpa, 'pakpa.dpupr'), '/dasbor');
    await clickAndWait(pakpa, 'a[href="/perencanaan/rup"]');
    await pakpa.fill('#rup-form #nama_paket', NAME);
    await pakpa.selectOption('#rup-form #kode_instansi', 'DPUPR');
    await pakpa.fill('#rup-form #pagu', '480.000.000');
    await pakpa.selectOption('#rup-form #sumber_dana', 'APBD');
    await pakpa.selectOption('#rup-form #jenis_pengadaan', 'konstruksi');
    await pakpa.selectOption('#rup-form #metode', 'tender');
    await pakpa.selectOption('#rup-form #pemilihan_mulai', '3');
    await pakpa.selectOption('#rup-form #pemilihan_selesai', '4');
    await pakpa.selectOption('#rup-form #pelaksanaan_mulai', '5');
    await pakpa.selectOption('#rup-form #pelaksanaan_selesai', '8');
    await pakpa.fill('#rup-form #lokasi', 'Alun-Alun Bangkalan');
    await clickAndWait(pakpa, '#rup-form button[type=submit]');
    assert.match(whereIs(pakpa), /^\/perencanaan\/rup\/\d+\?ok=rup_saved$/);
    await clickAndWait(pakpa, '#rup-publish button[type=submit]');
    assert.equal(await pakpa.getAttribute('#rup-status', 'data-status'), 'diumumkan');
    const code = (await pakpa.textContent('#rup-code')).trim();

    // The PPK makes the package, adds HPS lines and the KAK, and hands it over.
    const ppk = await newPage();
    assert.equal(await signInInBrowser(ppk, 'ppk.dpupr'), '/dasbor');
    await clickAndWait(ppk, 'a[href="/paket"]');
    await ppk.fill('#package-form #nama', 'Pagar Alun-Alun');
    await ppk.locator('#package-form label', { hasText: code }).locator('input').check();
    await ppk.selectOption('#package-form #jenis_kontrak', 'harga_satuan');
    await ppk.selectOption('#package-form #kualifikasi', 'kecil');
    await clickAndWait(ppk, '#package-form button[type=submit]');
    assert.match(whereIs(ppk), /^\/paket\/\d+\?ok=package_saved$/);
    for (const [uraian, volume, satuan, harga] of [
      ['Pagar besi hollow tinggi 1,5 m', '240,5', 'm', '1.250.000'],
      ['Pondasi batu kali', '96', 'm3', '850.000'],
    ]) {
      await ppk.fill('#hps-form #uraian', uraian);
      await ppk.fill('#hps-form #volume', volume);
      await ppk.fill('#hps-form #satuan', satuan);
      await ppk.fill('#hps-form #harga_satuan', harga);
      await clickAndWait(ppk, '#hps-form button[type=submit]');
    }
    // 240,5 x 1.250.000 + 96 x 850.000 = 300.625.000 + 81.600.000
    assert.equal((await ppk.textContent('#hps-total')).trim(), 'Rp 382.225.000,00');
    await ppk.selectOption('#document-form #jenis', 'kak');
    await ppk.setInputFiles('#document-form #dokumen', { name: 'KAK-Pagar.pdf', mimeType: 'application/pdf', buffer: Buffer.from(MINIMAL_PDF) });
    await clickAndWait(ppk, '#document-form button[type=submit]');
    assert.match(await ppk.textContent('#document-table'), /KAK-Pagar\.pdf/);
    await ppk.selectOption('#assign-form #pokja', { label: 'Pokja Pemilihan 1 Tahun 2026' });
    await clickAndWait(ppk, '#assign-form button[type=submit]');
    assert.match(whereIs(ppk), /ok=package_assigned/);
    assert.match(await ppk.textContent('#package-assignee'), /Pokja Pemilihan 1 Tahun 2026/);

    // A Pokja member sees it.
    const pokja = await newPage();
    assert.equal(await signInInBrowser(pokja, 'pokja3'), '/dasbor');
    await clickAndWait(pokja, 'a[href="/paket-tugas"]');
    assert.match(await pokja.textContent('#package-table'), /Pagar Alun-Alun/);
    await clickAndWait(pokja, '#package-table tbody tr:has-text("Pagar Alun-Alun") a');
    assert.match(await pokja.textContent('#hps-table'), /Pondasi batu kali/);
    assert.match(await pokja.textContent('#document-table'), /KAK-Pagar\.pdf/);

    // An anonymous visitor finds the RUP item from the Beranda.
    const visitor = await newPage();
    await visitor.goto('/');
    await clickAndWait(visitor, '#home-rup');
    await visitor.fill('#f-q', 'pagar alun');
    await visitor.selectOption('#f-metode', 'tender');
    await clickAndWait(visitor, '#rup-filter button[type=submit]');
    await clickAndWait(visitor, `#rup-table a:has-text("${code}")`);
    assert.equal(whereIs(visitor), `/rup/${code}`);
    assert.match(await visitor.textContent('#rup-pagu'), /Rp 480\.000\.000,00/);

    assert.deepEqual(errors, []);
  });
});
