// Data penyedia (issue 3, item 4): the vendor keeps its data section by
// section; every save is a version; old versions and "as of" views stay
// readable; expired licences are flagged; nobody else edits it and another
// vendor cannot read it, whatever id it tries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

const versionOf = (html) => /id="version-line">Versi (\d+)/.exec(html)?.[1] ?? '0';
const alertOf = (html) => /class="alert alert-error"[^>]*>([^<]*)</.exec(html)?.[1] ?? '';

async function idOf(verifikator, username) {
  const list = await verifikator.get(`/verifikasi/akun?q=${username}`);
  const id = new RegExp(`href="/verifikasi/akun/(\\d+)">${username.replace('.', '\\.')}<`).exec(list.text)?.[1];
  assert.ok(id, snippet(list.text));
  return id;
}

describe('data penyedia', () => {
  const server = useServer();

  test('each save is a new version; an old version and an "as of" view show what the data said then', async () => {
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.sumber');
    const start = await vendor.get('/penyedia/data');
    assert.equal(start.status, 200);
    const v0 = Number(versionOf(start.text));

    const form = await vendor.get('/penyedia/data/izin_usaha');
    assert.equal(form.status, 200);
    assert.match(form.text, /name="f_berlaku_sampai" value=""/);
    const added = await vendor.post('/penyedia/data/izin_usaha', {
      version: String(v0), f_jenis: 'SIUP', f_nomor: '503/SIUP/0412/2021',
      f_instansi_pemberi: 'DPMPTSP Bangkalan', f_berlaku_sampai: '2024-06-30', f_kualifikasi: 'Kecil',
    });
    assert.equal(added.status, 303, snippet(added.text));
    assert.match(added.location, /^\/penyedia\/data\?ok=vendor_data_saved/);

    const saved = await vendor.get('/penyedia/data');
    assert.equal(versionOf(saved.text), String(v0 + 1));
    assert.match(saved.text, /503\/SIUP\/0412\/2021/);
    assert.match(saved.text, /id="licence-expired"/, 'a licence that ended in 2024 is flagged');
    assert.match(saved.text, /30 Juni 2024/);

    // Renew it: edit row 1 to a later date.
    const edited = await vendor.post('/penyedia/data/izin_usaha/1', {
      version: String(v0 + 1), f_jenis: 'SIUP', f_nomor: '503/SIUP/0977/2026',
      f_instansi_pemberi: 'DPMPTSP Bangkalan', f_berlaku_sampai: '2031-06-30', f_kualifikasi: 'Kecil',
    });
    assert.equal(edited.status, 303, snippet(edited.text));
    const now = await vendor.get('/penyedia/data');
    assert.equal(versionOf(now.text), String(v0 + 2));
    assert.doesNotMatch(now.text, /id="licence-expired"/);
    assert.doesNotMatch(now.text, /0412\/2021/);

    // The previous version is still there, read-only, exactly as it was.
    const old = await vendor.get(`/penyedia/data?versi=${v0 + 1}`);
    assert.equal(old.status, 200);
    assert.match(old.text, /503\/SIUP\/0412\/2021/);
    assert.match(old.text, /versi lama/i);
    assert.doesNotMatch(old.text, /\/hapus"/, 'an old version offers no edits');

    const history = await vendor.get('/penyedia/riwayat-data');
    assert.equal(history.status, 200);
    assert.match(history.text, /izin_usaha ubah #1/);
    assert.match(history.text, /izin_usaha tambah #1/);

    // "As of" a moment before the first save: nothing recorded yet (or the
    // version before this test).
    const before = await vendor.get('/penyedia/data?pada=2020-01-01T00:00');
    assert.equal(before.status, 200);
    assert.match(before.text, /Menampilkan data sebagaimana tercatat pada 1 Januari 2020/);
    assert.doesNotMatch(before.text, /503\/SIUP/);
  });

  test('bad input is refused with the field named and nothing is saved', async () => {
    // cv.sumber has no owners recorded in the demo data yet.
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.sumber');
    const v = versionOf((await vendor.get('/penyedia/data')).text);
    const cases = [
      [{ f_nama: 'H. Rofiq', f_nik: '3526-01', f_saham_persen: '50' }, 'vendor_data.nik_invalid', /NIK: NIK harus 16 angka/],
      [{ f_nama: 'H. Rofiq', f_nik: '3526010101010001', f_saham_persen: '150' }, 'vendor_data.percent_invalid', /Saham \(%\): harus antara 0 dan 100/],
      [{ f_nama: '', f_nik: '3526010101010001', f_saham_persen: '50' }, 'vendor_data.required', /Nama: wajib diisi/],
    ];
    for (const [fields, reason, message] of cases) {
      const res = await vendor.post('/penyedia/data/pemilik', { version: v, ...fields });
      assert.equal(res.status, 400, snippet(res.text));
      assert.equal(reasonFrom(res.text), reason);
      assert.match(alertOf(res.text), message);
      assert.match(res.text, /aria-invalid="true"/, 'the field is marked');
      assert.match(res.text, new RegExp(`value="${fields.f_nama}"`), 'what was typed is kept');
    }
    const after = await vendor.get('/penyedia/data');
    assert.equal(versionOf(after.text), v, 'no version was added');

    // A stale form (someone saved in between) is refused, not merged silently.
    const ok = await vendor.post('/penyedia/data/pemilik', { version: v, f_nama: 'H. Rofiq', f_nik: '3526010101010001', f_saham_persen: '60' });
    assert.equal(ok.status, 303);
    const stale = await vendor.post('/penyedia/data/pemilik', { version: v, f_nama: 'Hj. Aminah', f_nik: '3526010101010002', f_saham_persen: '40' });
    assert.equal(stale.status, 409);
    assert.equal(reasonFrom(stale.text), 'vendor_data.conflict');
    const unknown = await vendor.get('/penyedia/data/rahasia');
    assert.equal(unknown.status, 404);
  });

  test('the demo data shows a history, the licence flags and the registered NPWP locked', async () => {
    const madura = new Client(server.baseUrl);
    await madura.login('cv.madura');
    const page = await madura.get('/penyedia/data');
    assert.ok(Number(versionOf(page.text)) >= 10, 'several versions');
    assert.match(page.text, /Segera berakhir/, 'the SBU ends within 30 days');
    assert.match(page.text, /Rp 1\.487\.350\.000,00/);
    const identity = await madura.get('/penyedia/data/identitas');
    assert.match(identity.text, /<p id="f_npwp" class="meta">012345678608000</, 'the NPWP is shown, not editable');
    assert.doesNotMatch(identity.text, /name="f_npwp"/);

    const verifikator = new Client(server.baseUrl);
    await verifikator.login('verifikator');
    const arosbaya = await idOf(verifikator, 'cv.arosbaya');
    const flagged = await verifikator.get(`/data-penyedia/${arosbaya}`);
    assert.match(flagged.text, /id="licence-expired"/);
    assert.match(flagged.text, /<span class="tag tag-off">Kedaluwarsa<\/span>/);
  });

  test('the Verifikator reads any vendor; another vendor cannot, by any id', async () => {
    const verifikator = new Client(server.baseUrl);
    await verifikator.login('verifikator');
    const madura = await idOf(verifikator, 'cv.madura');
    const sumber = await idOf(verifikator, 'cv.sumber');

    const owner = new Client(server.baseUrl);
    await owner.login('cv.sumber');
    const mine = await owner.post('/penyedia/data/pajak', {
      version: versionOf((await owner.get('/penyedia/data')).text),
      f_jenis: 'SPT Tahunan', f_masa: '2025', f_nomor_bukti: 'BPE-RAHASIA-778812', f_tanggal: '2026-03-28',
    });
    assert.equal(mine.status, 303, snippet(mine.text));

    const read = await verifikator.get(`/data-penyedia/${sumber}`);
    assert.equal(read.status, 200);
    assert.match(read.text, /BPE-RAHASIA-778812/);
    assert.doesNotMatch(read.text, /\/hapus"/, 'the Verifikator reads, never edits');
    const hist = await verifikator.get(`/data-penyedia/${sumber}/riwayat`);
    assert.equal(hist.status, 200);
    assert.match(hist.text, /pajak tambah #1/);

    // cv.madura swaps in cv.sumber's id everywhere it can.
    const other = new Client(server.baseUrl);
    await other.login('cv.madura');
    for (const path of [`/data-penyedia/${sumber}`, `/data-penyedia/${sumber}/riwayat`,
      `/data-penyedia/${sumber}?versi=1`, `/penyedia/data?vendor=${sumber}`, `/penyedia/data?id=${sumber}`]) {
      const res = await other.get(path);
      assert.doesNotMatch(res.text, /BPE-RAHASIA-778812/, path);
      assert.ok(res.status === 403 || res.status === 200, `${path}: ${res.status}`);
    }
    // Its own page stays its own.
    assert.doesNotMatch((await other.get('/penyedia/data')).text, /BPE-RAHASIA/);
    // An official without the permission cannot read either.
    const ppk = new Client(server.baseUrl);
    await ppk.login('ppk.dpupr');
    assert.equal((await ppk.get(`/data-penyedia/${madura}`)).status, 403);
  });
});
