// Cari Paket and the Beranda's tender lists (issue 4, item 5): every word a
// visitor types matches the start of a word of the tender (code, package,
// agency, satker, location, description) in any case; agency, category,
// method, stage and year narrow the list; nothing typed breaks the page; the
// Beranda shows the newest running tenders per category, or says there are none.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, decodeEntities, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';
import { freePackage, uploadDokumenPemilihan } from '../lib/tender.mjs';

const KATEGORI = ['barang', 'konstruksi', 'konsultansi', 'konsultansi_perorangan', 'jasa_lainnya'];

function shelf(html, type) {
  const m = new RegExp(`<section class="shelf"[^>]*data-testid="shelf-${type}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(m, `shelf ${type}: ${snippet(html)}`);
  return m[1];
}

function options(html, select) {
  const m = new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(m, `select ${select}`);
  const out = {};
  for (const o of m[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)) out[decodeEntities(o[2])] = o[1];
  return out;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Cari Paket and the Beranda lists', () => {
  const server = useServer();

  test('a category with no running tender says so, and every category links to its full list', async () => {
    const home = await new Client(server.baseUrl).get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /<h2 id="tenders-heading">Paket Tender Terbaru<\/h2>/);
    for (const type of KATEGORI) {
      const s = shelf(home.text, type);
      // The demo runs tenders of every category but individual consultancy.
      if (type === 'konsultansi_perorangan') {
        assert.match(s, /Belum ada tender berjalan untuk kategori ini\./);
      } else {
        assert.match(s, /<a href="\/tender\/\d+">TDR-\d+<\/a>/, `${type}: ${s}`);
      }
      assert.match(s, new RegExp(`href="/cari-paket\\?kategori=${type}"`));
    }
    const en = new Client(server.baseUrl);
    await en.get('/bahasa/en?next=/');
    assert.match((await en.get('/')).text, /Latest tenders/);
  });

  test('a published tender is found by word prefixes and every filter, and listed on the Beranda', async () => {
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    // A Bina Marga (DPUPR's satker) package: the agency filters below name both.
    const packageId = await freePackage(member, 'Pembangunan Jembatan Sungai Blega');
    const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
    assert.equal(created.status, 303, snippet(created.text));
    const tenderId = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    const chair = new Client(server.baseUrl);
    await chair.login('pokja1');
    await uploadDokumenPemilihan(member, tenderId);
    assert.equal((await chair.post(`/pokja/tender/${tenderId}/umumkan`, {})).status, 303);

    const anon = new Client(server.baseUrl);
    const link = new RegExp(`href="/tender/${tenderId}"`);
    const all = await anon.get('/cari-paket');
    assert.equal(all.status, 200);
    const row = new RegExp(`<tr><td><a href="/tender/${tenderId}">(TDR-\\d+)</a></td><td><a href="/tender/${tenderId}">([^<]+)</a></td><td>[^<]+ (\\d{4})</td>`).exec(all.text);
    assert.ok(row, snippet(all.text));
    const [, code, name, year] = row;
    const words = decodeEntities(name).split(/\s+/).filter((w) => w.length >= 4);
    const found = async (query) => {
      const page = await anon.get(`/cari-paket?${query}`);
      assert.equal(page.status, 200, `${query}: ${snippet(page.text)}`);
      return link.test(page.text);
    };
    const q = (text) => `q=${encodeURIComponent(text)}`;

    // Word prefixes, any case, every word; the code too.
    assert.ok(await found(q(`${words[0].slice(0, 4).toUpperCase()} ${words[1].slice(0, 3).toLowerCase()}`)));
    assert.ok(await found(q(code.toLowerCase())));
    assert.ok(await found(q(`"${words[1]}"*`)), 'quotes and stars are only separators');
    assert.ok(!(await found(q(`${words[0]} zzzqqq`))), 'every word must match');
    assert.ok(!(await found(q(words[0].slice(1)))), 'a word is matched from its start');
    for (const hostile of [`' OR 1=1 --`, '"', '%', '_', '\\', 'NEAR(a b)', '*', '-', 'OR', '😀', "'; DROP TABLE tenders; --"]) {
      const page = await anon.get(`/cari-paket?${q(hostile)}`);
      assert.equal(page.status, 200, hostile);
      assert.match(page.text, /data-testid="found">\d+ tender ditemukan/, hostile);
    }
    assert.ok(await found(q(code)), 'the search still works after all that');

    // Agency: the package's SKPD (its RUP item's satker is Bina Marga).
    const agencies = options(all.text, 'instansi');
    assert.ok(await found(`${q(code)}&instansi=${agencies['Dinas Pekerjaan Umum dan Penataan Ruang']}`));
    assert.ok(await found(`${q(code)}&instansi=${agencies['Bidang Bina Marga']}`));
    assert.ok(!(await found(`${q(code)}&instansi=${agencies['Dinas Kesehatan']}`)));
    // Category, method, year.
    assert.ok(await found(`${q(code)}&kategori=konstruksi`));
    assert.ok(!(await found(`${q(code)}&kategori=barang`)));
    const methods = options(all.text, 'metode');
    assert.equal(methods['Tender - Pascakualifikasi Satu File'], 'tender-pasca-satu-file');
    assert.ok(await found(`${q(code)}&metode=tender-pasca-satu-file`));
    assert.ok(!(await found(`${q(code)}&metode=pengadaan-langsung`)));
    assert.ok(await found(`${q(code)}&tahun=${year}`));
    assert.ok(!(await found(`${q(code)}&tahun=2001`)));
    // Stage now: its announcement starts on the next working morning, so it
    // is in no stage yet; the chosen stage stays selected.
    assert.match(all.text, /<option value="pengumuman">Pengumuman Pascakualifikasi \/ Pengumuman Prakualifikasi</);
    const byStage = await anon.get(`/cari-paket?${q(code)}&tahap=pengumuman`);
    assert.doesNotMatch(byStage.text, link);
    assert.match(byStage.text, /<option value="pengumuman" selected>/);
    assert.match(byStage.text, /data-testid="found">0 tender ditemukan/);

    // The Beranda lists it under its category (its data is kept a second).
    await sleep(1100);
    const home = (await anon.get('/')).text;
    const konstruksi = shelf(home, 'konstruksi');
    assert.match(konstruksi, new RegExp(`<a href="/tender/${tenderId}">${code}</a>`));
    assert.match(konstruksi, /<td class="num">Rp [\d.]+,\d\d<\/td>/);
    assert.doesNotMatch(konstruksi, /Belum ada tender berjalan/);
    const signedIn = (await member.get('/')).text;
    assert.match(shelf(signedIn, 'konstruksi'), link);
  });
});
