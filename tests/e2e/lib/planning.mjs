// Planning steps in a real browser, shared by the browser tests: the PA/KPA
// publishes a RUP item, the PPK makes a package from it (HPS lines, a KAK)
// and hands it to the demo Pokja.
import assert from 'node:assert/strict';

import { clickAndWait, signInInBrowser, whereIs } from './browser.mjs';
import { MINIMAL_PDF } from './registration.mjs';

/** As pakpa.dpupr: drafts and publishes a construction tender item; resolves its RUP code. */
export async function publishRupItem(page, { name, pagu, location }) {
  assert.equal(await signInInBrowser(page, 'pakpa.dpupr'), '/dasbor');
  await clickAndWait(page, 'a[href="/perencanaan/rup"]');
  await page.fill('#rup-form #nama_paket', name);
  await page.selectOption('#rup-form #kode_instansi', 'DPUPR');
  await page.fill('#rup-form #pagu', pagu);
  await page.selectOption('#rup-form #sumber_dana', 'APBD');
  await page.selectOption('#rup-form #jenis_pengadaan', 'konstruksi');
  await page.selectOption('#rup-form #metode', 'tender');
  await page.selectOption('#rup-form #pemilihan_mulai', '3');
  await page.selectOption('#rup-form #pemilihan_selesai', '4');
  await page.selectOption('#rup-form #pelaksanaan_mulai', '5');
  await page.selectOption('#rup-form #pelaksanaan_selesai', '8');
  await page.fill('#rup-form #lokasi', location);
  await clickAndWait(page, '#rup-form button[type=submit]');
  assert.match(whereIs(page), /^\/perencanaan\/rup\/\d+\?ok=rup_saved$/);
  await clickAndWait(page, '#rup-publish button[type=submit]');
  assert.equal(await page.getAttribute('#rup-status', 'data-status'), 'diumumkan');
  return (await page.textContent('#rup-code')).trim();
}

/**
 * As ppk.dpupr: a package from RUP item `code` with `lines` of HPS
 * ([uraian, volume, satuan, harga]) and a KAK, handed to the demo Pokja.
 * Resolves the package page's path.
 */
export async function makePackageForPokja(page, { name, code, lines, kak }) {
  assert.equal(await signInInBrowser(page, 'ppk.dpupr'), '/dasbor');
  await clickAndWait(page, 'a[href="/paket"]');
  await page.fill('#package-form #nama', name);
  await page.locator('#package-form label', { hasText: code }).locator('input').check();
  await page.selectOption('#package-form #jenis_kontrak', 'harga_satuan');
  await page.selectOption('#package-form #kualifikasi', 'kecil');
  await clickAndWait(page, '#package-form button[type=submit]');
  assert.match(whereIs(page), /^\/paket\/\d+\?ok=package_saved$/);
  const packagePath = new URL(page.url()).pathname;
  for (const [uraian, volume, satuan, harga] of lines) {
    await page.fill('#hps-form #uraian', uraian);
    await page.fill('#hps-form #volume', volume);
    await page.fill('#hps-form #satuan', satuan);
    await page.fill('#hps-form #harga_satuan', harga);
    await clickAndWait(page, '#hps-form button[type=submit]');
  }
  await page.selectOption('#document-form #jenis', 'kak');
  await page.setInputFiles('#document-form #dokumen', { name: kak, mimeType: 'application/pdf', buffer: Buffer.from(MINIMAL_PDF) });
  await clickAndWait(page, '#document-form button[type=submit]');
  assert.match(await page.textContent('#document-table'), new RegExp(kak.replace(/\./g, '\\.')));
  await page.selectOption('#assign-form #pokja', { label: 'Pokja Pemilihan 1 Tahun 2026' });
  await clickAndWait(page, '#assign-form button[type=submit]');
  assert.match(whereIs(page), /ok=package_assigned/);
  assert.match(await page.textContent('#package-assignee'), /Pokja Pemilihan 1 Tahun 2026/);
  return packagePath;
}
