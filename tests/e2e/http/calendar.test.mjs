// The LPSE's working calendar (Admin Sistem) and the public procedure
// catalogue with its "coba jadwal" tool (issue 4, item 3).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

const PROCEDURE = 'tender-pasca-satu-file';
// A Monday in a year the demo data has no holidays for: the announcement
// starts at 09:00, so Pemberian Penjelasan (JDW-P1-04: 3 calendar days
// later, JDW-P1-05: on a working day) lands on Thursday 2028-02-10.
const MONDAY = '2028-02-07T09:00';
const THURSDAY = '2028-02-10';

/** The proposed period of `stage` on a /prosedur page: {start, end} or null. */
function periodOf(html, stage) {
  const m = new RegExp(`<tr data-stage="${stage}" data-start="([^"]+)" data-end="([^"]+)"`).exec(html);
  return m ? { start: m[1], end: m[2] } : null;
}

async function propose(client, start = MONDAY, code = PROCEDURE) {
  return client.get(`/prosedur?kode=${encodeURIComponent(code)}&mulai=${encodeURIComponent(start)}`);
}

describe('working calendar and procedures', () => {
  const server = useServer();
  // One Admin Sistem session for the whole file: each sign-in spends a fresh
  // second-factor time step (up to 30 s of waiting).
  let admin;
  before(async () => {
    admin = new Client(server.baseUrl);
    await admin.login('admin');
  });

  test('anyone reads the procedures with their stages and rules', async () => {
    const visitor = new Client(server.baseUrl);
    const page = await visitor.get('/prosedur');
    assert.equal(page.status, 200);
    assert.match(page.text, /Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur/);
    assert.match(page.text, /<code>JDW-P1-04<\/code> Pemberian Penjelasan paling cepat 3 hari kalender sejak pengumuman\./);
    assert.match(page.text, /Pekerjaan Konstruksi/);
    assert.match(page.text, /Harga Terendah Sistem Gugur/);
    const home = await visitor.get('/');
    assert.match(home.text, /href="\/prosedur"/, 'the Beranda links the procedures');
  });

  test('the demo LPSE has the national holidays', async () => {
    const page = await admin.get('/admin/kalender');
    assert.equal(page.status, 200);
    assert.match(page.text, /data-date="2026-03-19"><td>2026-03-19<\/td><td>Kamis<\/td><td>Hari Suci Nyepi Tahun Baru Saka 1948/);
    assert.match(page.text, /data-date="2027-08-17"/);
  });

  test('a holiday Admin Sistem adds moves Pemberian Penjelasan off it', async () => {
    const visitor = new Client(server.baseUrl);
    const before = await propose(visitor);
    assert.equal(before.status, 200, snippet(before.text));
    assert.deepEqual(periodOf(before.text, 'penjelasan')?.start, `${THURSDAY}T09:00`);

    const added = await admin.post('/admin/kalender/libur', { date: THURSDAY, name: 'Libur daerah (uji)' });
    assert.equal(added.status, 303, snippet(added.text));
    assert.equal(added.location, '/admin/kalender?ok=holiday_added#libur');

    const after = await propose(visitor);
    assert.equal(after.status, 200);
    assert.equal(periodOf(after.text, 'penjelasan')?.start, '2028-02-11T08:00', 'the next working morning');
    assert.match(after.text, /11 Februari 2028 08:00 WIB/);

    const twice = await admin.post('/admin/kalender/libur', { date: THURSDAY, name: 'Lagi' });
    assert.equal(twice.status, 409);
    assert.equal(reasonFrom(twice.text), 'calendar.holiday_exists');
    const audit = await admin.get('/audit?aksi=calendar.holiday_add');
    assert.match(audit.text, /Libur daerah \(uji\)/);

    const removed = await admin.post(`/admin/kalender/libur/${THURSDAY}/hapus`, {});
    assert.equal(removed.status, 303, snippet(removed.text));
    const again = await propose(visitor);
    assert.equal(periodOf(again.text, 'penjelasan')?.start, `${THURSDAY}T09:00`);
  });

  test('a pasted list with bad lines is reported line by line and nothing is stored', async () => {
    const lines = [
      '2028-03-01 Libur uji satu',
      '2028-02-30 Tanggal yang tidak ada',
      '2026-03-19 Sudah ada (Nyepi)',
      '2028-03-02',
      '2028-03-01 Libur uji satu lagi',
    ].join('\n');
    const bad = await admin.post('/admin/kalender/libur/impor', { lines });
    assert.equal(bad.status, 400, snippet(bad.text));
    assert.equal(reasonFrom(bad.text), 'calendar.import_rejected');
    const rows = [...bad.text.matchAll(/<tr data-reason="([^"]+)"><td>(\d+)<\/td>/g)].map((m) => [Number(m[2]), m[1]]);
    assert.deepEqual(rows, [
      [2, 'calendar.holiday_invalid'],
      [3, 'calendar.holiday_exists'],
      [4, 'calendar.holiday_name_required'],
      [5, 'calendar.holiday_duplicate'],
    ]);
    assert.match(bad.text, /2028-03-01 Libur uji satu lagi<\/textarea>/, 'the text stays for correcting');
    const page = await admin.get('/admin/kalender');
    assert.doesNotMatch(page.text, /data-date="2028-03-01"/);

    const good = await admin.post('/admin/kalender/libur/impor', {
      lines: '# uji\n2028-03-01 Libur uji satu\n2028-03-02 Libur uji dua\n',
    });
    assert.equal(good.status, 303, snippet(good.text));
    const after = await admin.get('/admin/kalender');
    assert.match(after.text, /data-date="2028-03-01"/);
    assert.match(after.text, /data-date="2028-03-02"/);
  });

  test('working hours are checked before they are stored', async () => {
    const bad = await admin.post('/admin/kalender/jam-kerja', {
      weekdays: ['1', '2', '3', '4', '5'], day_start: '17:00', day_end: '08:00',
    });
    assert.equal(bad.status, 400);
    assert.equal(reasonFrom(bad.text), 'calendar.hours_invalid');
    const none = await admin.post('/admin/kalender/jam-kerja', { day_start: '08:00', day_end: '16:00' });
    assert.equal(none.status, 400);
    assert.equal(reasonFrom(none.text), 'calendar.no_working_day');
    const ok = await admin.post('/admin/kalender/jam-kerja', {
      weekdays: ['1', '2', '3', '4', '5'], day_start: '08:00', day_end: '16:00',
    });
    assert.equal(ok.status, 303, snippet(ok.text));
    const audit = await admin.get('/audit?aksi=calendar.week');
    assert.match(audit.text, /Sen,Sel,Rab,Kam,Jum 08:00-16:00 WIB/);
  });

  test('bad proposal input gets a clear message', async () => {
    const visitor = new Client(server.baseUrl);
    const unknown = await propose(visitor, MONDAY, 'tender-tidak-ada');
    assert.equal(unknown.status, 404);
    assert.equal(reasonFrom(unknown.text), 'procedure.not_found');
    assert.match(unknown.text, /tidak ada dalam katalog/);
    const malformed = await propose(visitor, '2028-02-31T09:00');
    assert.equal(malformed.status, 400);
    assert.equal(reasonFrom(malformed.text), 'schedule.start_invalid');
    assert.doesNotMatch(malformed.text, /id="schedule"/);
  });

  test('only Admin Sistem manages the calendar', async () => {
    const anonymous = new Client(server.baseUrl);
    const page = await anonymous.get('/admin/kalender');
    assert.equal(page.status, 303);
    assert.match(page.location, /^\/masuk/);
    for (const username of ['helpdesk', 'pokja1', 'cv.madura']) {
      const c = new Client(server.baseUrl);
      await c.login(username);
      assert.equal((await c.get('/admin/kalender')).status, 403, username);
      const post = await c.post('/admin/kalender/libur', { date: '2028-04-03', name: 'Tidak boleh' });
      assert.equal(post.status, 403, username);
      assert.equal(reasonFrom(post.text), 'auth.forbidden');
    }
    const list = await admin.get('/admin/kalender');
    assert.doesNotMatch(list.text, /data-date="2028-04-03"/);
  });
});
