// A tender's requirements and documents over HTTP (issue 4, items 4, 6, 8):
// the Pokja edits the proposed qualification requirements and uploads the
// Dokumen Pemilihan (publication is refused without it); the announcement
// lists both; a vendor who has not joined is refused the download and told
// to join; after joining the download works and shows in the Pokja's log; a
// new version after publication is a numbered addendum with its reason, and
// the participant is told.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { MINIMAL_PDF } from '../lib/registration.mjs';
import { useServer } from '../lib/server.mjs';
import { freePackage } from '../lib/tender.mjs';

const PDF_V2 = MINIMAL_PDF.replace('%%EOF', '% adendum 1\n%%EOF');

describe('tender requirements, documents, downloads and addenda', () => {
  const server = useServer();

  test('upload, publish, public listing, refused then logged download, addendum', async () => {
    const pokja = new Client(server.baseUrl);
    await pokja.login('pokja1');
    const packageId = await freePackage(pokja, 'Pembangunan Jembatan Sungai Blega');
    const created = await pokja.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
    assert.equal(created.status, 303, snippet(created.text));
    const tenderId = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    assert.ok(tenderId);

    // The requirements are proposed from the package; the Pokja edits them.
    const manage = await pokja.get(`/pokja/tender/${tenderId}`);
    assert.equal(manage.status, 200);
    assert.match(manage.text, /id="requirements-form"/);
    assert.match(manage.text, /Sertifikat Badan Usaha \(SBU\)/);
    const saved = await pokja.post(`/pokja/tender/${tenderId}/persyaratan`, {
      kind_0: 'izin_usaha', text_0: 'Memiliki NIB dan SBU subklasifikasi BG004 kualifikasi Kecil',
      kind_1: 'pengalaman', text_1: 'Paling kurang 1 pekerjaan jalan dalam 4 tahun terakhir',
      kind_2: 'lainnya', text_2: '',
    });
    assert.equal(saved.status, 303, snippet(saved.text));

    // No Dokumen Pemilihan: no publication.
    const early = await pokja.post(`/pokja/tender/${tenderId}/umumkan`, {});
    assert.equal(early.status, 409, snippet(early.text));
    assert.equal(reasonFrom(early.text), 'tender.document_required');

    await pokja.get(`/pokja/tender/${tenderId}`);
    const upload = await pokja.postMultipart(`/pokja/tender/${tenderId}/dokumen`, { jenis: 'dokumen_pemilihan' },
      { dokumen: { name: 'Dokumen Pemilihan.pdf', type: 'application/pdf', data: MINIMAL_PDF } });
    assert.equal(upload.status, 303, snippet(upload.text));
    // Content is judged by its bytes, not by its name.
    const fake = await pokja.postMultipart(`/pokja/tender/${tenderId}/dokumen`, { jenis: 'kak' },
      { dokumen: { name: 'kak.pdf', type: 'application/pdf', data: 'MZ not a pdf' } });
    assert.equal(fake.status, 400);
    assert.equal(reasonFrom(fake.text), 'document.type_invalid');

    const published = await pokja.post(`/pokja/tender/${tenderId}/umumkan`, {});
    assert.equal(published.status, 303, snippet(published.text));

    // The announcement lists the requirements and the document, links only for participants.
    const anon = new Client(server.baseUrl);
    const page = await anon.get(`/tender/${tenderId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Memiliki NIB dan SBU subklasifikasi BG004 kualifikasi Kecil/);
    assert.match(page.text, /Paling kurang 1 pekerjaan jalan dalam 4 tahun terakhir/);
    assert.match(page.text, /Dokumen Pemilihan\.pdf/);
    const sha = createHash('sha256').update(MINIMAL_PDF).digest('hex');
    assert.ok(page.text.includes(sha), 'the SHA-256 is shown');
    assert.doesNotMatch(page.text, /href="\/tender\/\d+\/dokumen\/\d+"/);
    assert.match(page.text, /data-testid="addenda-count">0</);
    assert.doesNotMatch(page.text, /\(Adendum\s*\)/, 'a draft version names no addendum');

    const docId = new RegExp(`/tender/${tenderId}/dokumen/(\\d+)`).exec((await pokja.get(`/pokja/tender/${tenderId}`)).text)?.[1];
    assert.ok(docId);

    // A vendor who has not joined is refused, and told to join first.
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.madura');
    const refused = await vendor.get(`/tender/${tenderId}/dokumen/${docId}`);
    assert.equal(refused.status, 403);
    assert.equal(reasonFrom(refused.text), 'participation.not_joined');
    assert.match(refused.text, /Ikuti tender ini terlebih dahulu/);
    assert.match(refused.text, new RegExp(`href="/tender/${tenderId}/ikut"`));
    assert.equal((await anon.get(`/tender/${tenderId}/dokumen/${docId}`)).status, 303, 'anonymous: to the sign-in');

    await vendor.get(`/tender/${tenderId}/ikut`);
    const joined = await vendor.post(`/tender/${tenderId}/ikut`, { pakta: 'setuju' });
    assert.equal(joined.status, 303, snippet(joined.text));
    const afterJoin = await vendor.get(`/tender/${tenderId}`);
    assert.match(afterJoin.text, new RegExp(`href="/tender/${tenderId}/dokumen/${docId}"`));
    const file = await vendor.get(`/tender/${tenderId}/dokumen/${docId}`);
    assert.equal(file.status, 200);
    assert.equal(file.text, MINIMAL_PDF);
    assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename="Dokumen Pemilihan\.pdf"/);

    // The Pokja sees who downloaded what.
    const log = await pokja.get(`/pokja/tender/${tenderId}`);
    assert.match(log.text, /data-testid="download-count">1</);
    assert.match(log.text, /<td>cv\.madura<\/td><td>Dokumen Pemilihan v1<\/td>/);

    // After publication a new version is an addendum with a reason.
    const noReason = await pokja.postMultipart(`/pokja/tender/${tenderId}/dokumen`, { jenis: 'dokumen_pemilihan', alasan: '' },
      { dokumen: { name: 'Dokumen Pemilihan v2.pdf', type: 'application/pdf', data: PDF_V2 } });
    assert.equal(noReason.status, 400, snippet(noReason.text));
    assert.equal(reasonFrom(noReason.text), 'addendum.reason_required');
    await pokja.get(`/pokja/tender/${tenderId}`);
    const addendum = await pokja.postMultipart(`/pokja/tender/${tenderId}/dokumen`,
      { jenis: 'dokumen_pemilihan', alasan: 'Koreksi volume lapis AC-WC' },
      { dokumen: { name: 'Dokumen Pemilihan v2.pdf', type: 'application/pdf', data: PDF_V2 } });
    assert.equal(addendum.status, 303, snippet(addendum.text));
    const after = await anon.get(`/tender/${tenderId}`);
    assert.match(after.text, /data-testid="addenda-count">1</);
    assert.match(after.text, /Adendum 1 · [^<]*Dokumen Pemilihan versi 2[^<]*alasan: Koreksi volume lapis AC-WC/);
    assert.match(after.text, /Dokumen Pemilihan v2\.pdf/);
    assert.match(after.text, /<td>2 \(Adendum 1\)<\/td>/, 'the new version names its addendum');
    assert.match(after.text, /Dokumen Pemilihan\.pdf/, 'the first version stays listed');
    // The old version is still downloadable; the participant was told.
    assert.equal((await vendor.get(`/tender/${tenderId}/dokumen/${docId}`)).status, 200);
    const inbox = await vendor.get('/kotak-masuk');
    assert.match(inbox.text, /Adendum 1 tender TDR-\d+/);
  });
});
