// Tender steps over HTTP shared by the e2e tests: a package the demo Pokja
// can still tender, and the Dokumen Pemilihan a tender needs to be published.
import assert from 'node:assert/strict';

import { snippet } from './client.mjs';
import { MINIMAL_PDF } from './registration.mjs';

/**
 * The id of a package handed to the signed-in Pokja member's committee that
 * has no tender yet and fits a pascakualifikasi satu-file tender (the demo
 * tenders use some of the demo packages); the one named `name`, if given.
 */
export async function freePackage(member, name) {
  const list = await member.get('/paket-tugas');
  const row = name ? `">[^<]+</a></td><td>${name}` : '"';
  for (const [, id] of list.text.matchAll(new RegExp(`href="/paket-tugas/(\\d+)${row}`, 'g'))) {
    const form = await member.get(`/paket-tugas/${id}/tender`);
    if (/value="tender-pasca-satu-file\|harga_terendah_gugur"/.test(form.text)) return id;
  }
  assert.fail(`no package left to tender: ${snippet(list.text)}`);
}

/** Uploads a Dokumen Pemilihan to draft `tenderId` as the signed-in Pokja member. */
export async function uploadDokumenPemilihan(member, tenderId) {
  const res = await member.postMultipart(`/pokja/tender/${tenderId}/dokumen`, { jenis: 'dokumen_pemilihan' },
    { dokumen: { name: 'Dokumen Pemilihan.pdf', type: 'application/pdf', data: MINIMAL_PDF } });
  assert.equal(res.status, 303, snippet(res.text));
}
