// Setting a tender up and publishing it (issue 4, items 4, 5, 8): a Pokja
// member drafts a tender from a package handed to the committee with a
// proposed schedule; a schedule that breaks a rule is refused naming it;
// nobody outside sees the draft; only the chair publishes; the announcement
// and the schedule are public; a schedule change needs a reason and is shown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { MINIMAL_PDF } from '../lib/registration.mjs';
import { useServer } from '../lib/server.mjs';

function scheduleForm(html) {
  const form = {};
  for (const m of html.matchAll(/name="((?:start|end)_\d+)" value="([^"]*)"/g)) form[m[1]] = m[2];
  return form;
}

describe('tender setup and publication', () => {
  const server = useServer();

  test('draft, refused schedule, chair publishes, public pages, change with reason', async () => {
    const member = new Client(server.baseUrl);
    await member.login('pokja2');
    const list = await member.get('/paket-tugas');
    assert.equal(list.status, 200);
    // A demo package without a tender yet (the demo tenders have theirs).
    const packageId = /href="\/paket-tugas\/(\d+)">[^<]+<\/a><\/td><td>Pembangunan Jembatan Sungai Blega/.exec(list.text)?.[1];
    assert.ok(packageId, snippet(list.text));

    const page = await member.get(`/paket-tugas/${packageId}/tender`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /value="tender-pasca-satu-file\|harga_terendah_gugur">Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur</);
    assert.doesNotMatch(page.text, /seleksi-pra-dua-file/, 'a construction tender is not a Seleksi');

    const created = await member.post(`/paket-tugas/${packageId}/tender`, { procedure: 'tender-pasca-satu-file|harga_terendah_gugur' });
    assert.equal(created.status, 303, snippet(created.text));
    const tenderId = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
    assert.ok(tenderId);

    // The draft is the committee's alone, and Cari Paket does not list it.
    const anon = new Client(server.baseUrl);
    assert.equal((await anon.get(`/tender/${tenderId}`)).status, 404);
    const code = /data-testid="tender-code">(TDR-\d+)</.exec((await member.get(`/pokja/tender/${tenderId}`)).text)?.[1];
    assert.ok(code);
    const hidden = await anon.get(`/cari-paket?q=${code}`);
    assert.doesNotMatch(hidden.text, new RegExp(`href="/tender/${tenderId}"`));
    assert.match(hidden.text, /data-testid="found">0 tender ditemukan/);
    const other = new Client(server.baseUrl);
    await other.login('pp.dinkes');
    assert.equal((await other.get(`/pokja/tender/${tenderId}`)).status, 404);

    const manage = await member.get(`/pokja/tender/${tenderId}`);
    assert.equal(manage.status, 200);
    const form = scheduleForm(manage.text);
    assert.equal(Object.keys(form).length, 24, 'twelve stages, a start and an end each');

    // A three-day announcement breaks JDW-P1-01: refused, named, nothing stored.
    const start = new Date(`${form.start_0}:00Z`);
    const short = new Date(start.getTime() + 3 * 86400_000).toISOString().slice(0, 16);
    const refused = await member.post(`/pokja/tender/${tenderId}/jadwal`, { ...form, end_0: short });
    assert.equal(refused.status, 400);
    assert.equal(reasonFrom(refused.text), 'schedule.rules_broken');
    assert.match(refused.text, /JDW-P1-01: Pengumuman paling singkat 5 hari kalender\./);
    assert.deepEqual(scheduleForm((await member.get(`/pokja/tender/${tenderId}`)).text), form);

    // The Dokumen Pemilihan is uploaded first (DOC-01).
    const upload = await member.postMultipart(`/pokja/tender/${tenderId}/dokumen`, { jenis: 'dokumen_pemilihan' },
      { dokumen: { name: 'dokumen-pemilihan.pdf', type: 'application/pdf', data: MINIMAL_PDF } });
    assert.equal(upload.status, 303, snippet(upload.text));
    await member.get(`/pokja/tender/${tenderId}`);

    // A member who is not the chair cannot publish; the chair can.
    const notChair = await member.post(`/pokja/tender/${tenderId}/umumkan`, {});
    assert.equal(notChair.status, 403);
    assert.equal(reasonFrom(notChair.text), 'tender.chair_required');
    const chair = new Client(server.baseUrl);
    await chair.login('pokja1');
    const published = await chair.post(`/pokja/tender/${tenderId}/umumkan`, {});
    assert.equal(published.status, 303, snippet(published.text));
    assert.equal(published.location, `/tender/${tenderId}?ok=tender_published`);

    const announcement = await anon.get(`/tender/${tenderId}`);
    assert.equal(announcement.status, 200);
    assert.match(announcement.text, /data-testid="method-text">Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur</);
    assert.match(announcement.text, /data-status="berjalan"/);
    assert.match(announcement.text, /data-testid="hps">Rp [\d.]+,\d\d</);
    assert.match(announcement.text, /href="\/rup\/RUP-/);
    // Cari Paket finds it by code or by a word of its name, any case, and by category.
    const byCode = await anon.get(`/cari-paket?q=${code.toLowerCase()}`);
    assert.equal(byCode.status, 200);
    assert.match(byCode.text, new RegExp(`href="/tender/${tenderId}">${code}<`));
    assert.match(byCode.text, /Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur/);
    assert.match((await anon.get('/cari-paket?kategori=konstruksi')).text, new RegExp(`href="/tender/${tenderId}"`));
    assert.doesNotMatch((await anon.get('/cari-paket?kategori=barang')).text, new RegExp(`href="/tender/${tenderId}"`));
    assert.match((await anon.get('/')).text, /href="\/cari-paket"/, 'the Beranda links Cari Paket');
    const schedule = await anon.get(`/tender/${tenderId}/jadwal`);
    assert.equal(schedule.status, 200);
    assert.equal((schedule.text.match(/<tr(?: class="current" aria-current="step")?><td>\d+<\/td>/g) ?? []).length, 12);
    assert.match(schedule.text, /Belum ada perubahan jadwal/);

    // A published schedule changes only with a reason; the change is public.
    const running = scheduleForm((await member.get(`/pokja/tender/${tenderId}`)).text);
    const later = new Date(new Date(`${running.end_11}:00Z`).getTime() + 86400_000).toISOString().slice(0, 16);
    const noReason = await member.post(`/pokja/tender/${tenderId}/jadwal`, { ...running, end_11: later, reason: '' });
    assert.equal(noReason.status, 400);
    assert.equal(reasonFrom(noReason.text), 'schedule.reason_required');
    const changed = await member.post(`/pokja/tender/${tenderId}/jadwal`, { ...running, end_11: later, reason: 'Penyesuaian jadwal penandatanganan kontrak' });
    assert.equal(changed.status, 303, snippet(changed.text));
    const after = await anon.get(`/tender/${tenderId}/jadwal`);
    assert.match(after.text, /Penandatanganan Kontrak<\/td><td data-stage-start=\"kontrak\"><time datetime=\"[^\"]+\">[^<]+<\/time><\/td><td data-stage-end=\"kontrak\"><time datetime=\"[^\"]+\">[^<]+<\/time><\/td><td>1<\/td>/);
    assert.match(after.text, /alasan: Penyesuaian jadwal penandatanganan kontrak/);
    assert.match((await anon.get(`/tender/${tenderId}`)).text, />1<\/a><\/dd>/, 'the announcement counts the change');
  });

  test('the Jadwal page shows when each stage began by the server clock', async () => {
    const anon = new Client(server.baseUrl);
    const found = await anon.get(`/cari-paket?q=${encodeURIComponent('Puskesmas Modung')}`);
    const tenderId = /href="\/tender\/(\d+)"/.exec(found.text)?.[1];
    assert.ok(tenderId, snippet(found.text));
    // The scheduler ticks as the server starts: the demo tender's announcement
    // began before that, so it is caught up and marked as recorded late.
    let page;
    for (let i = 0; i < 50; i++) {
      page = await anon.get(`/tender/${tenderId}/jadwal`);
      if (/data-testid="stage-events"/.test(page.text)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(page.status, 200);
    assert.match(page.text, /Riwayat tahapan/);
    assert.match(page.text, /<li data-kind="start"><time>[^<]+<\/time> · Pengumuman Pascakualifikasi dimulai \(tercatat [^)]+\)<\/li>/);

    // The demo drafts are nobody's business but their Pokja's.
    const draft = await anon.get(`/cari-paket?q=${encodeURIComponent('Lampu Penerangan')}`);
    assert.match(draft.text, /data-testid="found">0 tender ditemukan/);
  });
});
