// Pasal 9(4): the Verifikator deactivates User IDs with a reason and keeps
// the Daftar Hitam; the vendor is refused and told why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

async function vendorId(verifikator) {
  const list = await verifikator.get('/verifikasi/akun?q=cv.madura');
  const id = /href="\/verifikasi\/akun\/(\d+)">cv\.madura</.exec(list.text)?.[1];
  assert.ok(id, snippet(list.text));
  return id;
}

describe('verifikasi akun dan daftar hitam', () => {
  const server = useServer();

  test('the public Daftar Penyedia lists active, verified vendors with a masked NPWP and their regency, searchable', async () => {
    const anon = new Client(server.baseUrl);
    const all = await anon.get('/daftar-penyedia');
    assert.equal(all.status, 200);
    for (const name of ['CV Madura Jaya Konstruksi', 'CV Sumber Rejeki Abadi', 'CV Arosbaya Teknik']) {
      assert.match(all.text, new RegExp(name), name);
    }
    assert.doesNotMatch(all.text, /PT Bangkalan Karya Mandiri/, 'a deactivated vendor is not listed');
    assert.doesNotMatch(all.text, /cv\.madura|cv\.sumber/, 'User IDs are not published');
    // Pasal 21(2): applications not (yet) verified are not registered vendors.
    assert.doesNotMatch(all.text, /CV Kamal Sejahtera|UD Tanjung Bumi/);
    assert.match(all.text, /CV Madura Jaya Konstruksi<\/td><td>01\.\*\*\*\.\*\*\*\.\*-\*\*\*\.000<\/td><td>Kabupaten Bangkalan</);
    assert.doesNotMatch(all.text, /01\.234\.567\.8-608\.000/, 'the whole NPWP is not published');
    assert.match(all.text, /CV Arosbaya Teknik<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td><a class="tag tag-off" href="\/daftar-hitam">Daftar Hitam</);
    const some = await anon.get('/daftar-penyedia?q=sumber');
    assert.match(some.text, /CV Sumber Rejeki Abadi/);
    assert.doesNotMatch(some.text, /CV Madura Jaya Konstruksi/);
    const home = await anon.get('/');
    assert.match(home.text, /href="\/daftar-penyedia"/);
    assert.match(home.text, /href="\/daftar-hitam"/);
  });

  test('the demo vendor deactivated by the Verifikator is told why at sign-in', async () => {
    const refused = await new Client(server.baseUrl).login('pt.karya', undefined, { expectOk: false });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /data-testid="refusal-reason">Alasan: Pelanggaran ketentuan penggunaan SPSE/);
  });

  test('a deactivated vendor is refused with the reason; reactivation lets it back in', async () => {
    const vendor = new Client(server.baseUrl);
    await vendor.login('cv.madura');
    const v = new Client(server.baseUrl);
    await v.login('verifikator');
    const id = await vendorId(v);

    const noLetter = await v.post(`/verifikasi/akun/${id}/nonaktif`, {
      source: 'permintaan_daftar_hitam', reason: 'Permintaan PPK', letter: '',
    });
    assert.equal(noLetter.status, 400);
    assert.equal(reasonFrom(noLetter.text), 'deactivation.letter_required');

    const done = await v.post(`/verifikasi/akun/${id}/nonaktif`, {
      source: 'permintaan_daftar_hitam', reason: 'Permintaan PPK Dinas PUPR', letter: '027/88/2026',
    });
    assert.equal(done.status, 303, snippet(done.text));
    const gone = await vendor.get('/dasbor');
    assert.equal(gone.status, 303, 'the vendor\'s open session ended');

    const refused = await new Client(server.baseUrl).login('cv.madura', undefined, { expectOk: false });
    assert.equal(refused.status, 403);
    assert.equal(reasonFrom(refused.text), 'auth.account_disabled');
    assert.match(refused.text, /data-testid="refusal-reason">Alasan: Permintaan PPK Dinas PUPR \(027\/88\/2026\)</);

    const back = await v.post(`/verifikasi/akun/${id}/aktif`, { reason: 'Surat permintaan dicabut' });
    assert.equal(back.status, 303);
    const again = await new Client(server.baseUrl).login('cv.madura', undefined, { expectOk: false });
    assert.equal(again.status, 303);
    const audit = await (async () => { const a = new Client(server.baseUrl); await a.login('auditor'); return a.get('/audit?aksi=user.'); })();
    assert.match(audit.text, /deactivated [^ ]*cv\.madura[^ ]* \(permintaan_daftar_hitam, letter 027\/88\/2026\)/);
  });

  test('a blacklisted vendor appears on the public Daftar Hitam and cannot sign in', async () => {
    const v = new Client(server.baseUrl);
    await v.login('verifikator');
    const id = await vendorId(v);
    const empty = await new Client(server.baseUrl).get('/daftar-hitam');
    assert.equal(empty.status, 200);
    assert.doesNotMatch(empty.text, /CV Madura Jaya Konstruksi/);

    const added = await v.post(`/verifikasi/akun/${id}/daftar-hitam`, {
      sk_number: '188/12/KEP/433.013/2026', violation: 'Menyampaikan dokumen penawaran palsu',
      starts_on: '', ends_on: '2030-12-31',
    });
    assert.equal(added.status, 303, snippet(added.text));

    const list = await new Client(server.baseUrl).get('/daftar-hitam');
    assert.match(list.text, /CV Madura Jaya Konstruksi/);
    assert.match(list.text, /188\/12\/KEP\/433\.013\/2026/);
    assert.match(list.text, /31 Desember 2030/);

    const refused = await new Client(server.baseUrl).login('cv.madura', undefined, { expectOk: false });
    assert.equal(refused.status, 403);
    assert.equal(reasonFrom(refused.text), 'auth.blacklisted');
    assert.match(refused.text, /SK 188\/12\/KEP\/433\.013\/2026\. Menyampaikan dokumen penawaran palsu Berlaku sampai 31 Desember 2030\./);
  });
});
