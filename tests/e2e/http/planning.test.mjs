// Planning (issue 4, items 1-2; Pasal 4(1)a-b): the PA/KPA's RUP with its
// CSV import (all or nothing, a report per row), the public RUP search,
// packages with HPS ≤ pagu (PKT-01), versioned documents and the hand-over
// to the Pokja, and ids swapped across agencies reading like missing ones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { pdfFile } from '../lib/registration.mjs';
import { useServer } from '../lib/server.mjs';

const HEADER = 'nama_paket;kode_instansi;tahun_anggaran;pagu;sumber_dana;jenis_pengadaan;metode;' +
  'pemilihan_mulai;pemilihan_selesai;pelaksanaan_mulai;pelaksanaan_selesai;lokasi;uraian';

const rupForm = (over = {}) => ({
  nama_paket: 'Pembangunan Talud Sungai Kemayoran', kode_instansi: 'DPUPR', tahun_anggaran: '2027',
  pagu: '750.000.000', sumber_dana: 'APBD', jenis_pengadaan: 'konstruksi', metode: 'tender',
  pemilihan_mulai: '3', pemilihan_selesai: '4', pelaksanaan_mulai: '5', pelaksanaan_selesai: '9',
  lokasi: 'Kel. Kemayoran, Bangkalan', uraian: 'Talud pasangan batu 400 m.', ...over,
});

const idFrom = (location, prefix) => new RegExp(`^${prefix}/(\\d+)`).exec(location ?? '')?.[1];

async function createRup(pakpa, over) {
  const res = await pakpa.post('/perencanaan/rup', rupForm(over));
  assert.equal(res.status, 303, snippet(res.text));
  return idFrom(res.location, '/perencanaan/rup');
}

async function publishedRup(pakpa, over) {
  const id = await createRup(pakpa, over);
  const pub = await pakpa.post(`/perencanaan/rup/${id}/umumkan`, {});
  assert.equal(pub.status, 303, snippet(pub.text));
  const page = await pakpa.get(`/perencanaan/rup/${id}`);
  const code = /id="rup-code">([^<]+)</.exec(page.text)?.[1];
  assert.ok(code, snippet(page.text));
  return { id, code };
}

describe('planning', () => {
  const server = useServer();

  test('bad RUP input is refused with a clear message naming the field, and nothing is stored', async () => {
    const pakpa = new Client(server.baseUrl);
    await pakpa.login('pakpa.dpupr');
    const before = await pakpa.get('/perencanaan/rup?q=talud+bermasalah');
    assert.match(before.text, /id="rup-empty"/);
    const cases = [
      [{ pagu: '0' }, 'rup.pagu_invalid', /Pagu harus lebih dari nol/],
      [{ pagu: 'sejuta' }, 'rup.pagu_format', /Pagu tidak terbaca/],
      [{ metode: 'seleksi' }, 'rup.method_type_mismatch', /Seleksi hanya untuk jasa konsultansi/],
      [{ pemilihan_mulai: '6', pelaksanaan_mulai: '5' }, 'rup.schedule_order', /Jadwal tidak urut/],
      [{ kode_instansi: 'DINKES' }, 'rup.agency_invalid', /bukan instansi Anda/],
      [{ sumber_dana: 'Hibah' }, 'rup.funding_invalid', /Sumber dana harus/],
    ];
    for (const [over, reason, message] of cases) {
      const res = await pakpa.post('/perencanaan/rup', rupForm({ nama_paket: 'Talud bermasalah', ...over }));
      assert.equal(res.status, 400, `${reason}: ${snippet(res.text)}`);
      assert.equal(reasonFrom(res.text), reason);
      assert.match(res.text, message);
    }
    const after = await pakpa.get('/perencanaan/rup?q=talud+bermasalah');
    assert.match(after.text, /id="rup-empty"/, 'nothing was stored');
  });

  test('a published item is found on the public page by search and filters; a draft is not', async () => {
    const pakpa = new Client(server.baseUrl);
    await pakpa.login('pakpa.dpupr');
    const { code } = await publishedRup(pakpa, { nama_paket: 'Rehabilitasi Pasar Ujung Piring', jenis_pengadaan: 'konstruksi' });
    const draftId = await createRup(pakpa, { nama_paket: 'Draf Rahasia Gudang Garam' });
    assert.ok(draftId);

    const anon = new Client(server.baseUrl);
    const found = await anon.get('/rup?q=ujung+piring&tahun=2027&jenis=konstruksi&metode=tender&dana=APBD');
    assert.equal(found.status, 200);
    assert.match(found.text, new RegExp(`data-code="${code}"`));
    const wrongType = await anon.get('/rup?q=ujung+piring&jenis=barang');
    assert.doesNotMatch(wrongType.text, new RegExp(`data-code="${code}"`));
    const draft = await anon.get('/rup?q=gudang+garam');
    assert.match(draft.text, /id="rup-empty"/);
    const item = await anon.get(`/rup/${code}`);
    assert.equal(item.status, 200);
    assert.match(item.text, /Rp 750\.000\.000,00/);

    // The demo plan fills several pages; the filters narrow it.
    const all = await anon.get('/rup?tahun=2027');
    assert.match(all.text, /rel="next"/);
    const blud = await anon.get('/rup?dana=BLUD');
    assert.match(blud.text, /CT Scan/);
    assert.doesNotMatch(blud.text, /Jembatan Sungai Blega/);
  });

  test('CSV import is all or nothing: a bad row is reported by row and column and nothing is stored', async () => {
    const pakpa = new Client(server.baseUrl);
    await pakpa.login('pakpa.dpupr');
    const good = 'Pengaspalan Jalan Desa Kramat;DPUPR-BM;2027;1.100.000.000;APBD;konstruksi;tender;2;3;4;8;Kec. Bangkalan;"Aspal; hotmix"';
    const bad = 'Pengadaan Truk Sampah;DPUPR;2027;-5;APBD;barang;tender;2;3;4;8;Kec. Bangkalan;';
    const badMonth = 'Pengadaan Pompa Air;DPUPR;2027;50000000;APBD;barang;pengadaan_langsung;13;3;4;8;Kec. Socah;';
    const csv = `\uFEFF${HEADER}\r\n${good}\r\n${bad}\r\n${badMonth}\r\n`;
    const res = await pakpa.postMultipart('/perencanaan/impor-rup', { umumkan: '1' },
      { berkas: { name: 'rup.csv', type: 'text/csv', data: csv } });
    assert.equal(res.status, 400, snippet(res.text));
    assert.match(res.text, /id="import-report"/);
    assert.match(res.text, /<td>3<\/td><td>pagu<\/td><td>Pagu harus lebih dari nol/);
    assert.match(res.text, /<td>4<\/td><td>pemilihan_mulai<\/td><td>Bulan harus 1 sampai 12/);
    const none = await new Client(server.baseUrl).get('/rup?q=kramat');
    assert.match(none.text, /id="rup-empty"/, 'the valid row was not stored either');

    const ok = await pakpa.postMultipart('/perencanaan/impor-rup', { umumkan: '1' },
      { berkas: { name: 'rup.csv', type: 'text/csv', data: `${HEADER}\n${good}\n` } });
    assert.equal(ok.status, 303, snippet(ok.text));
    assert.match(ok.location, /ok=rup_imported/);
    const now = await new Client(server.baseUrl).get('/rup?q=kramat');
    assert.match(now.text, /Pengaspalan Jalan Desa Kramat/);

    const header = await pakpa.postMultipart('/perencanaan/impor-rup', {},
      { berkas: { name: 'rup.csv', type: 'text/csv', data: 'nama;harga\nx;1\n' } });
    assert.equal(header.status, 400);
    assert.equal(reasonFrom(header.text), 'rup_import.header');
    const latin1 = await pakpa.postMultipart('/perencanaan/impor-rup', {},
      { berkas: { name: 'rup.csv', type: 'text/csv', data: Buffer.from(`${HEADER}\nJalan Caf\xe9;DPUPR;2027;1;APBD;barang;tender;1;1;1;1;x;\n`, 'latin1') } });
    assert.equal(latin1.status, 400);
    assert.equal(reasonFrom(latin1.text), 'rup_import.encoding');
  });

  test('a package keeps its HPS within the pagu (PKT-01), versions documents, and reaches the Pokja', async () => {
    const pakpa = new Client(server.baseUrl);
    await pakpa.login('pakpa.dpupr');
    const { id: rupId, code } = await publishedRup(pakpa, { nama_paket: 'Pembangunan Gedung Serbaguna Socah', pagu: '100.000.000' });

    const ppk = new Client(server.baseUrl);
    await ppk.login('ppk.dpupr');
    const created = await ppk.post('/paket', { nama: 'Gedung Serbaguna Socah', rup: rupId, jenis_kontrak: 'lumsum', kualifikasi: 'kecil' });
    assert.equal(created.status, 303, snippet(created.text));
    const pkg = idFrom(created.location, '/paket');

    const line = await ppk.post(`/paket/${pkg}/hps`, { uraian: 'Pekerjaan struktur', volume: '2,5', satuan: 'LS', harga_satuan: '30.000.000' });
    assert.equal(line.status, 303, snippet(line.text));
    const over = await ppk.post(`/paket/${pkg}/hps`, { uraian: 'Atap baja ringan', volume: '1', satuan: 'LS', harga_satuan: '25.000.001' });
    assert.equal(over.status, 409, snippet(over.text));
    assert.equal(reasonFrom(over.text), 'paket.hps_above_pagu');
    const badQty = await ppk.post(`/paket/${pkg}/hps`, { uraian: 'Cat', volume: '1,255', satuan: 'kg', harga_satuan: '10' });
    assert.equal(badQty.status, 400);
    assert.equal(reasonFrom(badQty.text), 'hps.quantity_invalid');
    const page = await ppk.get(`/paket/${pkg}`);
    assert.match(page.text, /id="hps-total">Rp 75\.000\.000,00</);

    // Not yet: no KAK.
    const early = await ppk.post(`/paket/${pkg}/serahkan`, { pokja: '1' });
    assert.equal(reasonFrom(early.text), 'paket.kak_required');

    for (const salt of ['v1', 'v2']) {
      const up = await ppk.postMultipart(`/paket/${pkg}/dokumen`, { jenis: 'kak' }, { dokumen: pdfFile(`KAK-${salt}.pdf`, salt) });
      assert.equal(up.status, 303, snippet(up.text));
    }
    const notPdf = await ppk.postMultipart(`/paket/${pkg}/dokumen`, { jenis: 'kak' }, { dokumen: { name: 'kak.pdf', type: 'application/pdf', data: 'MZ not a pdf' } });
    assert.equal(reasonFrom(notPdf.text), 'document.type_invalid');
    const docs = await ppk.get(`/paket/${pkg}`);
    assert.match(docs.text, /KAK-v1\.pdf/);
    assert.match(docs.text, /KAK-v2\.pdf/);
    assert.match(docs.text, /versi lama/);

    // A Pejabat Pengadaan is the wrong assignee for a tender (PKT-03).
    const wrong = await ppk.post(`/paket/${pkg}/serahkan`, { pejabat: '12' });
    assert.equal(reasonFrom(wrong.text), 'paket.assignee_wrong_kind');
    const pokjaId = /<option value="(\d+)">Pokja Pemilihan 1 Tahun 2026/.exec(docs.text)?.[1];
    assert.ok(pokjaId, 'the demo Pokja is offered');
    const assigned = await ppk.post(`/paket/${pkg}/serahkan`, { pokja: pokjaId });
    assert.equal(assigned.status, 303, snippet(assigned.text));

    const pokja = new Client(server.baseUrl);
    await pokja.login('pokja2');
    const list = await pokja.get('/paket-tugas');
    assert.match(list.text, /Gedung Serbaguna Socah/);
    const seen = await pokja.get(`/paket-tugas/${pkg}`);
    assert.equal(seen.status, 200);
    assert.match(seen.text, new RegExp(code));
    const docId = /href="\/paket\/dokumen\/(\d+)">KAK-v2\.pdf/.exec(seen.text)?.[1];
    const file = await pokja.get(`/paket/dokumen/${docId}`);
    assert.equal(file.status, 200);
    assert.match(file.text, /^%PDF-/);

    // The Pejabat Pengadaan is not its assignee: the same 404 as a missing package.
    const pp = new Client(server.baseUrl);
    await pp.login('pp.dinkes');
    assert.equal((await pp.get(`/paket-tugas/${pkg}`)).status, 404);
    assert.equal((await pp.get(`/paket/dokumen/${docId}`)).status, 404);
    // Handed over: the PPK can no longer change it.
    const late = await ppk.post(`/paket/${pkg}/hps`, { uraian: 'x', volume: '1', satuan: 'LS', harga_satuan: '1' });
    assert.equal(reasonFrom(late.text), 'paket.not_draft');
  });

  test('ids swapped across agencies read like missing ones', async () => {
    const dinkes = new Client(server.baseUrl);
    await dinkes.login('pakpa.dinkes');
    const dinkesRup = await createRup(dinkes, { kode_instansi: 'DINKES', nama_paket: 'Renovasi Puskesmas Arosbaya' });

    const pakpa = new Client(server.baseUrl);
    await pakpa.login('pakpa.dpupr');
    assert.equal((await pakpa.get(`/perencanaan/rup/${dinkesRup}`)).status, 404);
    assert.equal((await pakpa.post(`/perencanaan/rup/${dinkesRup}/umumkan`, {})).status, 404);
    assert.equal((await pakpa.post(`/perencanaan/rup/${dinkesRup}`, rupForm())).status, 404);

    // The Dinkes PPK's packages are not the DPUPR PPK's to read or change.
    const ppkDinkes = new Client(server.baseUrl);
    await ppkDinkes.login('ppk.dinkes');
    const theirs = await ppkDinkes.get('/paket');
    const theirId = /href="\/paket\/(\d+)">PKT-/.exec(theirs.text)?.[1];
    assert.ok(theirId, snippet(theirs.text));
    const ppk = new Client(server.baseUrl);
    await ppk.login('ppk.dpupr');
    assert.equal((await ppk.get(`/paket/${theirId}`)).status, 404);
    assert.equal((await ppk.post(`/paket/${theirId}/hps`, { uraian: 'x', volume: '1', satuan: 'LS', harga_satuan: '1' })).status, 404);
    // Nor can the DPUPR PPK build a package from another agency's RUP item.
    await dinkes.post(`/perencanaan/rup/${dinkesRup}/umumkan`, {});
    const stolen = await ppk.post('/paket', { nama: 'Curian', rup: dinkesRup, jenis_kontrak: 'lumsum', kualifikasi: 'kecil' });
    assert.equal(stolen.status, 404);
    assert.equal(reasonFrom(stolen.text), 'rup.not_found');
  });
});
