// The authorization matrix: every route of `spse routes` × (anonymous + one
// demo account per role), checked against a table written by hand from
// DESIGN.md §1. A route without a rule here fails the run, so a new route
// cannot ship without its authorization being decided and tested.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, csrfFrom, snippet } from '../lib/client.mjs';
import { createUser, MINIMAL_PDF } from '../lib/registration.mjs';
import { runSpse, startServer } from '../lib/server.mjs';

// One demo account per role (DESIGN.md §1), all with the demo password.
const ACCOUNTS = {
  admin_sistem: 'admin',
  helpdesk: 'helpdesk',
  verifikator: 'verifikator',
  kepala_lpse: 'kepala',
  auditor: 'auditor',
  pemantau_lkpp: 'lkpp',
  pa_kpa: 'pakpa.dpupr',
  ppk: 'ppk.dpupr',
  pokja: 'pokja1',
  pejabat_pengadaan: 'pp.dinkes',
  penyedia: 'cv.madura',
};
const ROLES = Object.keys(ACCOUNTS);
const ANON = 'anonymous';
const PRINCIPALS = [ANON, ...ROLES];

const PUBLIC = 'public';
const SIGNED_IN = 'signed_in';
const ANNOUNCERS = ['helpdesk', 'admin_sistem'];      // Pasal 10, 22c, 25(4)
const ADMIN = ['admin_sistem'];                       // Pasal 8, 21(1)b
const AUDIT = ['admin_sistem', 'auditor'];            // Pasal 2(2)b,d
const VENDOR = ['penyedia'];
const WITNESSES = ['helpdesk', 'admin_sistem', 'kepala_lpse']; // Pasal 23(2)
const SELECTION = ['pokja', 'pejabat_pengadaan'];   // Pasal 4(1)b-c                          // own data penyedia
const VENDOR_DATA_READERS = ['verifikator', 'auditor']; // Pasal 9(2-3), 2(2)d

// Who may use each route: 'public', 'signed_in' (every role), or the roles allowed.
const EXPECTED = {
  'GET /': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /static/{path*}': PUBLIC,
  'GET /bahasa/{lang}': PUBLIC,
  'GET /pengumuman/{id}': PUBLIC,
  'GET /pengumuman/{id}/lampiran': PUBLIC,
  'GET /masuk': PUBLIC,
  'POST /masuk': PUBLIC,
  'GET /masuk/otp': PUBLIC,
  'POST /masuk/otp': PUBLIC,
  'GET /akun/lupa-sandi': PUBLIC,
  'POST /akun/lupa-sandi': PUBLIC,
  'GET /akun/reset': PUBLIC,
  'POST /akun/reset': PUBLIC,
  'POST /keluar': SIGNED_IN,
  'GET /dasbor': SIGNED_IN,
  'GET /akun/kata-sandi': SIGNED_IN,
  'POST /akun/kata-sandi': SIGNED_IN,
  'GET /akun/2fa': SIGNED_IN,
  'POST /akun/2fa': SIGNED_IN,
  'POST /akun/2fa/kode-cadangan': SIGNED_IN,
  'POST /akun/2fa/nonaktif': SIGNED_IN,
  'GET /akun/log-akses': SIGNED_IN,
  'GET /admin/pokja': ADMIN,
  'POST /admin/pokja': ADMIN,
  'GET /admin/pokja/{id}': ADMIN,
  'POST /admin/pokja/{id}': ADMIN,
  'GET /verifikasi/akun': ['verifikator'],
  'GET /verifikasi/akun/{id}': ['verifikator'],
  'POST /verifikasi/akun/{id}/nonaktif': ['verifikator'],
  'POST /verifikasi/akun/{id}/aktif': ['verifikator'],
  'POST /verifikasi/akun/{id}/daftar-hitam': ['verifikator'],
  'GET /daftar-hitam': PUBLIC,
  'GET /daftar-penyedia': PUBLIC,
  'GET /kotak-masuk': SIGNED_IN,
  'GET /kotak-masuk/{id}': SIGNED_IN,
  'POST /kotak-masuk/preferensi': SIGNED_IN,
  'GET /kelola/pengumuman': ANNOUNCERS,
  'POST /kelola/pengumuman': ANNOUNCERS,
  'POST /kelola/pengumuman/{id}/akhiri': ANNOUNCERS,
  'GET /admin/instansi': ADMIN,
  'POST /admin/instansi': ADMIN,
  'GET /admin/instansi/{id}': ADMIN,
  'POST /admin/instansi/{id}': ADMIN,
  'GET /admin/pengguna': ADMIN,
  'POST /admin/pengguna': ADMIN,
  'GET /admin/pengguna/{id}': ADMIN,
  'POST /admin/pengguna/{id}/peran': ADMIN,
  'POST /admin/pengguna/{id}/status': ADMIN,
  'POST /admin/pengguna/{id}/reset-sandi': ADMIN,
  'POST /admin/pengguna/{id}/reset-2fa': ADMIN,
  'GET /audit': AUDIT,
  // Tenders (issue 4): set up and run by the package's Pokja or Pejabat Pengadaan.
  'GET /paket-tugas/{id}/tender': SELECTION,
  'POST /paket-tugas/{id}/tender': SELECTION,
  'GET /pokja/tender/{id}': SELECTION,
  'POST /pokja/tender/{id}/jadwal': SELECTION,
  'POST /pokja/tender/{id}/umumkan': SELECTION,
  'POST /pokja/tender/{id}/batal': SELECTION,
  'POST /pokja/tender/{id}/persyaratan': SELECTION,
  'POST /pokja/tender/{id}/dokumen': SELECTION,
  'GET /tender/{id}/dokumen/{no}': SIGNED_IN,
  'GET /tender/{id}': PUBLIC,
  'GET /cari-paket': PUBLIC,
  'GET /tender/{id}/jadwal': PUBLIC,
  'GET /tender/{id}/ikut': VENDOR,
  'POST /tender/{id}/ikut': VENDOR,
  'GET /penyedia/tender': VENDOR,
  'GET /tender/{id}/penjelasan': PUBLIC,
  'POST /tender/{id}/penjelasan': VENDOR,
  'POST /pokja/tender/{id}/jawab': SELECTION,
  'POST /pokja/tender/{id}/ba-penjelasan': SELECTION,
  'GET /tender/{id}/ba/{no}': PUBLIC,
  'GET /tender/{id}/pembukaan': SIGNED_IN,
  'POST /tender/{id}/pembukaan/bagian-kunci': SELECTION,
  'POST /tender/{id}/pembukaan/hasil-teknis': SELECTION,
  'POST /tender/{id}/pembukaan/kesaksian': WITNESSES,
  'GET /tender/{id}/pembukaan/ba/{kind}/{no}': SIGNED_IN,
  'GET /tender/{id}/evaluasi': SIGNED_IN,
  'POST /tender/{id}/evaluasi/nilai': SELECTION,
  'POST /tender/{id}/evaluasi/undangan': SELECTION,
  'POST /tender/{id}/evaluasi/pembuktian': SELECTION,
  'POST /tender/{id}/evaluasi/penetapan': SELECTION,
  'POST /tender/{id}/evaluasi/pengumuman': SELECTION,
  'POST /tender/{id}/evaluasi/negosiasi': SELECTION,
  'GET /tender/{id}/evaluasi/ba-negosiasi/{no}': SIGNED_IN,
  'GET /tender/{id}/lelang': SIGNED_IN,
  'GET /tender/{id}/lelang/aliran': SIGNED_IN,
  'POST /tender/{id}/lelang': VENDOR,
  'POST /tender/{id}/lelang/undangan': SELECTION,
  'POST /tender/{id}/lelang/penetapan': SELECTION,
  'POST /api/v1/tenders/{id}/lelang': VENDOR,
  'GET /tender/{id}/undangan-penyedia': SELECTION,
  'POST /tender/{id}/undangan-penyedia': SELECTION,
  'GET /tender/{id}/hasil': PUBLIC,
  'GET /tender/{id}/hasil/ba/{no}': PUBLIC,
  // The SPPBJ and the contract (issue 6, item 5): the package's PPK issues and
  // records; the use case lets the PPK, the Pokja, auditors and the winner read.
  'GET /tender/{id}/kontrak': SIGNED_IN,
  'POST /tender/{id}/kontrak/sppbj': ['ppk'],
  'POST /tender/{id}/kontrak': ['ppk'],
  'POST /tender/{id}/kontrak/koreksi': ['ppk'],
  'GET /tender/{id}/kontrak/sppbj.pdf': SIGNED_IN,
  'GET /tender/{id}/kontrak/{file}': SIGNED_IN,
  // Objections: the page (the answers) is public; bidders file and appeal,
  // the chair answers, the PA/KPA answers appeals; the attachments are read
  // by the objector and the tender's insiders (the use case decides).
  'GET /tender/{id}/sanggah': PUBLIC,
  'POST /tender/{id}/sanggah': VENDOR,
  'POST /tender/{id}/sanggah/{no}/jawab': SELECTION,
  'POST /tender/{id}/sanggah/{no}/banding': VENDOR,
  'POST /tender/{id}/sanggah/{no}/banding/jawab': ['pa_kpa'],
  'GET /tender/{id}/sanggah/{no}/lampiran/{file}': SIGNED_IN,
  // Issue 5: sealed bids. Receipts: the use case decides (the vendor's own,
  // or any bid of a tender the member runs).
  'GET /akun/kunci-pembukaan': SELECTION,
  'POST /akun/kunci-pembukaan': SELECTION,
  'GET /tender/{id}/kunci': SELECTION,
  'POST /tender/{id}/kunci': SELECTION,
  'GET /tender/{id}/penawaran': VENDOR,
  'POST /tender/{id}/penawaran/{bid}/tarik': VENDOR,
  'GET /tender/{id}/penawaran-masuk': SELECTION,
  'GET /penawaran/{id}/tanda-terima': SIGNED_IN,
  'GET /penawaran/{id}/tanda-terima.json': SIGNED_IN,
  'GET /penawaran/{id}/tanda-terima.pdf': SIGNED_IN,
  'POST /api/v1/tenders/{id}/bids': VENDOR,
  'GET /api/v1/receipt-key': PUBLIC,
  'GET /penyedia/data': VENDOR,
  'GET /penyedia/riwayat-data': VENDOR,
  'GET /penyedia/data/{section}': VENDOR,
  'POST /penyedia/data/{section}': VENDOR,
  'GET /penyedia/data/{section}/{no}': VENDOR,
  'POST /penyedia/data/{section}/{no}': VENDOR,
  'POST /penyedia/data/{section}/{no}/hapus': VENDOR,
  'GET /data-penyedia/{id}': VENDOR_DATA_READERS,
  'GET /data-penyedia/{id}/riwayat': VENDOR_DATA_READERS,
  // Registration (Pasal 21) and its verification (Pasal 9(2-3)).
  'GET /daftar': PUBLIC,
  'POST /daftar': PUBLIC,
  'GET /daftar/formulir': PUBLIC,
  'POST /daftar/formulir': PUBLIC,
  'GET /pendaftaran': ['penyedia'],
  'POST /pendaftaran/data': ['penyedia'],
  'POST /pendaftaran/dokumen': ['penyedia'],
  'POST /pendaftaran/kirim': ['penyedia'],
  'GET /pendaftaran/formulir/{jenis}': ['penyedia'],
  'GET /dokumen/{id}': SIGNED_IN,
  'GET /verifikasi': ['verifikator'],
  'GET /verifikasi/pendaftaran/{id}': ['verifikator'],
  'POST /verifikasi/pendaftaran/{id}/setujui': ['verifikator'],
  'POST /verifikasi/pendaftaran/{id}/tolak': ['verifikator'],
  'POST /admin/pengguna/{id}/surat-tugas': ADMIN,
  // The LPSE's working calendar and the public procedure catalogue (issue 4, item 3).
  'GET /admin/kalender': ADMIN,
  'POST /admin/kalender/jam-kerja': ADMIN,
  'POST /admin/kalender/libur': ADMIN,
  'POST /admin/kalender/libur/impor': ADMIN,
  'POST /admin/kalender/libur/{tanggal}/hapus': ADMIN,
  'GET /prosedur': PUBLIC,
  // Planning (Pasal 4(1)a-b): the public RUP, the PA/KPA's RUP, the PPK's
  // packages, and the packages handed to a Pokja or a Pejabat Pengadaan.
  'GET /rup': PUBLIC,
  'GET /rup/{code}': PUBLIC,
  'GET /perencanaan/rup': ['pa_kpa'],
  'POST /perencanaan/rup': ['pa_kpa'],
  'GET /perencanaan/rup/{id}': ['pa_kpa'],
  'POST /perencanaan/rup/{id}': ['pa_kpa'],
  'POST /perencanaan/rup/{id}/umumkan': ['pa_kpa'],
  'POST /perencanaan/rup/{id}/batal': ['pa_kpa'],
  'POST /perencanaan/impor-rup': ['pa_kpa'],
  'GET /paket': ['ppk'],
  'POST /paket': ['ppk'],
  'GET /paket/{id}': ['ppk'],
  'POST /paket/{id}': ['ppk'],
  'POST /paket/{id}/hps': ['ppk'],
  'POST /paket/{id}/hps/{no}/hapus': ['ppk'],
  'POST /paket/{id}/dokumen': ['ppk'],
  'POST /paket/{id}/serahkan': ['ppk'],
  'GET /paket/dokumen/{id}': SIGNED_IN,
  'GET /paket-tugas': ['pokja', 'pejabat_pengadaan'],
  'GET /paket-tugas/{id}': ['pokja', 'pejabat_pengadaan'],
  // Resumable uploads (tus): any signed-in account reaches them; the owner of
  // the uploads (the bid use case) decides which upload each may write.
  'OPTIONS /api/v1/uploads': PUBLIC,
  'POST /api/v1/uploads': SIGNED_IN,
  'OPTIONS /api/v1/uploads/{id}': PUBLIC,
  'HEAD /api/v1/uploads/{id}': SIGNED_IN,
  'PATCH /api/v1/uploads/{id}': SIGNED_IN,
  'DELETE /api/v1/uploads/{id}': SIGNED_IN,
};

function allowedRoles(rule) {
  if (rule === PUBLIC || rule === SIGNED_IN) return new Set(ROLES);
  return new Set(rule);
}

function isAllowed(rule, principal) {
  if (rule === PUBLIC) return true;
  if (principal === ANON) return false;
  return allowedRoles(rule).has(principal);
}

const key = (r) => `${r.method} ${r.pattern}`;


describe('authorization matrix', () => {
  let server;
  let routes = [];
  const sessions = new Map();   // principal -> Client
  const fixtures = {};          // ids and forms of the objects the cells touch

  before(async () => {
    routes = JSON.parse(await runSpse(['routes']));
    server = await startServer();

    // Anonymous: a pre-session cookie and its CSRF token, so that a refused
    // POST is refused for authorization, not for a missing token.
    const anon = new Client(server.baseUrl);
    await anon.refreshCsrf('/masuk');
    sessions.set(ANON, anon);
    for (const role of ROLES) {
      const c = new Client(server.baseUrl);
      await c.login(ACCOUNTS[role]);
      sessions.set(role, c);
    }

    const admin = sessions.get('admin_sistem');
    // A throwaway user for the status / roles / reset-password cells.
    // A throwaway user (with its assignment letter, Pasal 21(1)b) for the
    // status / roles / reset-password / letter cells.
    const { id: userId } = await createUser(admin, {
      username: 'authz.throwaway',
      full_name: 'Akun Uji Matriks',
      email: 'authz.throwaway@example.test',
      agency_id: '',
      roles: ['verifikator'],
    });
    fixtures.userId = userId;
    await admin.refreshCsrf('/dasbor');

    // The announcement form is sent as the page says: urlencoded or multipart.
    const helpdesk = sessions.get('helpdesk');
    const form = await helpdesk.get('/kelola/pengumuman');
    fixtures.announcementMultipart = /<form[^>]*id="announcement-form"[^>]*enctype="multipart\/form-data"/.test(form.text);
    await helpdesk.refreshCsrf('/dasbor');
    const postAnnouncement = (fields, files = {}) => (fixtures.announcementMultipart
      ? helpdesk.postMultipart('/kelola/pengumuman', fields, files)
      : helpdesk.post('/kelola/pengumuman', fields));

    // A throwaway announcement for the "end" cells.
    const posted = await postAnnouncement({
      kind: 'berita',
      title: 'Pengumuman uji matriks otorisasi',
      body: 'Dipakai oleh uji otomatis; boleh diakhiri.',
    });
    assert.equal(posted.status, 303, `posting the throwaway announcement: ${snippet(posted.text)}`);
    const list = await helpdesk.get('/kelola/pengumuman');
    const annId = /href="\/pengumuman\/(\d+)">Pengumuman uji matriks otorisasi</.exec(list.text)?.[1];
    assert.ok(annId, 'the throwaway announcement is listed');
    fixtures.announcementId = annId;

    // An announcement with an attachment, for the download route.
    if (routes.some((r) => r.name === 'announcement.file')) {
      const withFile = await postAnnouncement({
        kind: 'berita',
        title: 'Pengumuman uji lampiran',
        body: 'Lampiran untuk uji matriks otorisasi.',
      }, { lampiran: { name: 'jadwal.pdf', type: 'application/pdf', data: MINIMAL_PDF } });
      assert.equal(withFile.status, 303, `posting an announcement with an attachment: ${snippet(withFile.text)}`);
      const again = await helpdesk.get('/kelola/pengumuman');
      fixtures.attachmentAnnouncementId = /href="\/pengumuman\/(\d+)">Pengumuman uji lampiran</.exec(again.text)?.[1];
      assert.ok(fixtures.attachmentAnnouncementId, 'the announcement with an attachment is listed');
    }

    // Agency 1 with its current values, so that an allowed update changes nothing.
    const agency = await admin.get('/admin/instansi/1');
    assert.equal(agency.status, 200);
    const value = (name) => {
      const m = new RegExp(`<input id="${name}" name="${name}" value="([^"]*)"`).exec(agency.text);
      return m ? m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'") : '';
    };
    const selected = (name) =>
      new RegExp(`<select id="${name}" name="${name}">.*?</select>`, 's')
        .exec(agency.text)?.[0].match(/<option value="([^"]*)" selected>/)?.[1] ?? '';
    fixtures.agencyForm = {
      kind: selected('kind'),
      code: value('code'),
      name: value('name'),
      parent_id: selected('parent_id'),
      address: value('address'),
      active: selected('active') || '1',
    };
    assert.equal(fixtures.agencyForm.code, 'SETDA', 'agency 1 is the demo SETDA');

    // The demo vendor's account id, for the vendor-data reader routes.
    const found = await sessions.get('verifikator').get(`/verifikasi/akun?q=${ACCOUNTS.penyedia}`);
    fixtures.vendorId = /href="\/verifikasi\/akun\/(\d+)"/.exec(found.text)?.[1];
    // A demo package handed to the demo Pokja, for the tender setup cells.
    const assigned = await sessions.get('pokja').get('/paket-tugas');
    fixtures.assignedPackageId = /href="\/paket-tugas\/(\d+)"/.exec(assigned.text)?.[1];
    assert.ok(fixtures.assignedPackageId, 'the demo Pokja has a package');
    assert.ok(fixtures.vendorId, 'the Verifikator finds the demo vendor');
  });

  after(async () => {
    await server?.stop();
  });

  // How each route is exercised: its path params and a harmless form body.
  // `ok` lists the statuses an allowed principal may get.
  function cellFor(route) {
    const f = fixtures;
    const byName = {
      home: { ok: [200] },
      healthz: { ok: [200] },
      static: { params: { path: 'css/app.css' }, ok: [200] },
      language: { params: { lang: 'id' }, ok: [303] },
      announcement: { params: { id: '1' }, ok: [200] },
      'announcement.file': { params: { id: f.attachmentAnnouncementId }, ok: [200] },
      login: { ok: [200, 303] }, // a signed-in user is sent on to the dashboard
      'login.submit': { form: { username: '', password: '' }, ok: [400] },
      // No sign-in waits for a code: the sign-in form says it ran out (409);
      // a signed-in user is sent on to the dashboard.
      'login.otp': { ok: [303, 409] },
      // No code: refused before any challenge is looked up or counted.
      'login.otp.submit': { form: { code: '' }, ok: [400] },
      forgot: { ok: [200] },
      // No User ID: refused before anything is looked up, mailed or counted
      // against the reset throttle (a real one would send mail each time).
      'forgot.submit': { form: { username: '' }, ok: [400] },
      reset: { ok: [400] }, // no token: "reset.invalid"
      'reset.submit': { form: { token: 'x', new: 'a', confirm: 'b' }, ok: [400] },
      // Signing out legitimately lands on the sign-in page.
      logout: { form: {}, ok: [303], location: '/masuk?ok=signed_out' },
      dashboard: { ok: [200] },
      password: { ok: [200] },
      totp: { ok: [200] },
      // No code: refused before anything is checked, counted or changed.
      'totp.enrol': { form: { enrolment: '', code: '' }, ok: [400] },
      'totp.recovery_codes': { form: { code: '' }, ok: [400] },
      // The roles that require a second factor cannot switch it off (409);
      // the others are refused for the missing code (400).
      'totp.disable': { form: { code: '' }, ok: [400, 409] },
      access_log: { ok: [200] },
      inbox: { ok: [200] },
      verify: { ok: [200] },
      'verify.account': { params: { id: '1' }, ok: [200] },
      // Refused by validation (no reason / no SK), after the permission check passed.
      'verify.deactivate': { params: { id: '1' }, form: { source: 'pelanggaran', reason: '' }, ok: [400] },
      'verify.reactivate': { params: { id: '1' }, form: { reason: '' }, ok: [400] },
      'verify.blacklist': { params: { id: '1' }, form: { sk_number: '', violation: '' }, ok: [400] },
      blacklist: { ok: [200] },
      vendors: { ok: [200] },
      pokja: { ok: [200] },
      // Refused by validation (no name), after the permission check passed.
      'pokja.create': { form: { name: '' }, ok: [400] },
      'pokja.show': { params: { id: '1' }, ok: [200] },
      'pokja.update': { params: { id: '1' }, form: { name: '' }, ok: [400] },
      // Nobody owns message 999999: reachable, and "not found" for everyone.
      'inbox.message': { params: { id: '999999' }, ok: [404] },
      'inbox.preference': { form: { email: '1' }, ok: [303] },
      // new != confirm: refused before anything is checked or changed.
      'password.submit': { form: { current: 'x', new: 'aaaaaaaaaaaaa1', confirm: 'bbbbbbbbbbbbb2' }, ok: [400] },
      announcements: { ok: [200] },
      'announcements.post': { form: { kind: 'berita', title: '', body: '' }, multipart: f.announcementMultipart, ok: [400] },
      // The first allowed caller ends it, the next ones find it already ended.
      'announcements.end': { params: { id: f.announcementId }, form: {}, ok: [303, 409] },
      agencies: { ok: [200] },
      'agencies.create': { form: { kind: 'skpd', code: '', name: '' }, ok: [400] },
      agency: { params: { id: '1' }, ok: [200] },
      'agency.update': { params: { id: '1' }, form: f.agencyForm, ok: [303] },
      users: { ok: [200] },
      // No assignment letter: refused before anything is stored.
      'users.create': { form: { username: '', full_name: '', email: '' }, multipart: true, ok: [400] },
      'user.letter': { params: { id: f.userId }, form: {}, multipart: true, ok: [400] },
      // A signed-in visitor is sent on to the dashboard.
      register: { ok: [200, 303] },
      // No address: refused before anything is mailed or counted.
      'register.start': { form: { email: '' }, ok: [400] },
      'register.form': { ok: [400] }, // no token: "registration.link_invalid"
      'register.submit': { form: { token: 'x' }, ok: [400] },
      // The demo vendor is verified: its application shows, and no longer changes.
      application: { ok: [200] },
      'application.data': { form: { company_name: '' }, ok: [400] },
      'application.upload': { form: { kind: 'ktp' }, multipart: true, ok: [400] },
      'application.submit': { form: {}, ok: [409] },
      'application.form': { params: { jenis: 'pendaftaran' }, ok: [200] },
      // Nobody's document 999999: reachable, and "not found" for everyone.
      document: { params: { id: '999999' }, ok: [404] },
      'verify.queue': { ok: [200] },
      'verify.application': { params: { id: '1' }, ok: [200] },
      // Account 1 is verified already: neither decision applies any more.
      'verify.approve': { params: { id: '1' }, form: {}, ok: [409] },
      'verify.reject': { params: { id: '1' }, form: { reason: '' }, ok: [400] },
      user: { params: { id: f.userId }, ok: [200] },
      'user.roles': { params: { id: f.userId }, form: { agency_id: '', roles: ['verifikator'] }, ok: [303] },
      'user.status': { params: { id: f.userId }, form: { active: '1' }, ok: [303] },
      'user.reset_password': { params: { id: f.userId }, form: {}, ok: [200] },
      // The throwaway user has no second factor to reset.
      'user.reset_totp': { params: { id: f.userId }, form: {}, ok: [409] },
      audit: { ok: [200] },
      vendor_data: { ok: [200] },
      'vendor_data.history': { ok: [200] },
      'vendor_data.new': { params: { section: 'izin_usaha' }, ok: [200] },
      // Version 0 is stale (the demo vendor has data): refused as a conflict
      // after the permission check, before anything is validated or stored.
      'vendor_data.add': { params: { section: 'izin_usaha' }, form: { version: '0' }, ok: [409] },
      'vendor_data.row': { params: { section: 'izin_usaha', no: '999' }, ok: [404] },
      'vendor_data.save': { params: { section: 'izin_usaha', no: '999' }, form: { version: '0' }, ok: [409] },
      'vendor_data.remove': { params: { section: 'izin_usaha', no: '999' }, form: { version: '0' }, ok: [409] },
      'vendor_data.of': { params: { id: f.vendorId }, ok: [200] },
      'vendor_data.of_history': { params: { id: f.vendorId }, ok: [200] },
      calendar: { ok: [200] },
      // Refused by validation (no hours, no date, no lines), after the permission check passed.
      'calendar.week': { form: { day_start: '', day_end: '' }, ok: [400] },
      'calendar.holiday_add': { form: { date: '', name: '' }, ok: [400] },
      'calendar.holiday_import': { form: { lines: '' }, ok: [400] },
      // No holiday on that date: reachable, and "not found" for those allowed.
      'calendar.holiday_remove': { params: { tanggal: '1900-01-01' }, ok: [404] },
      procedures: { ok: [200] },
      rup: { ok: [200] },
      'rup.item': { params: { code: 'RUP-2027-000001' }, ok: [200] },
      plan: { ok: [200] },
      // Refused by validation (no name), after the permission check passed.
      'plan.create': { form: { nama_paket: '' }, ok: [400] },
      // Nobody's item 999999: reachable, and "not found" for everyone.
      'plan.item': { params: { id: '999999' }, ok: [404] },
      'plan.update': { params: { id: '999999' }, form: { nama_paket: '' }, ok: [404] },
      'plan.publish': { params: { id: '999999' }, form: {}, ok: [404] },
      'plan.cancel': { params: { id: '999999' }, form: { alasan: '' }, ok: [404] },
      // No file: refused before anything is read or stored.
      'plan.import': { form: {}, multipart: true, ok: [400] },
      package: { ok: [200] },
      'package.create': { form: { nama: '' }, ok: [400] },
      'package.show': { params: { id: '999999' }, ok: [404] },
      'package.update': { params: { id: '999999' }, form: { nama: '' }, ok: [404] },
      'package.hps_add': { params: { id: '999999' }, form: { uraian: '' }, ok: [404] },
      'package.hps_remove': { params: { id: '999999', no: '1' }, form: {}, ok: [404] },
      'package.upload': { params: { id: '999999' }, form: { jenis: 'kak' }, multipart: true, ok: [400, 404] },
      'package.assign': { params: { id: '999999' }, form: {}, ok: [404] },
      'package.document': { params: { id: '999999' }, ok: [404] },
      assigned: { ok: [200] },
      'assigned.show': { params: { id: '999999' }, ok: [404] },
      // The Pokja member sees the package's tender page; the Pejabat
      // Pengadaan, who does not run it, finds nothing.
      'tender.new': { params: { id: f.assignedPackageId }, ok: [200, 404] },
      // An unknown procedure is refused before anything is stored (404 for
      // the Pejabat Pengadaan, whose form page does not exist).
      'tender.create': { params: { id: f.assignedPackageId }, form: { procedure: 'tidak-ada|x' }, ok: [400, 404] },
      'tender.manage': { params: { id: '999999' }, ok: [404] },
      'tender.schedule': { params: { id: '999999' }, form: {}, ok: [404] },
      'tender.publish': { params: { id: '999999' }, form: {}, ok: [404] },
      'tender.cancel': { params: { id: '999999' }, form: { reason: 'x' }, ok: [404] },
      'tender.requirements': { params: { id: '999999' }, form: { kind_0: 'izin_usaha', text_0: 'NIB' }, ok: [404] },
      // No file: refused before anything is read or stored (or the tender is unknown).
      'tender.upload': { params: { id: '999999' }, form: { jenis: 'dokumen_pemilihan' }, multipart: true, ok: [400, 404] },
      'tender.document': { params: { id: '999999', no: '1' }, ok: [404] },
      'tender.announcement': { params: { id: '999999' }, ok: [404] },
      'tender.schedule_page': { params: { id: '999999' }, ok: [404] },
      'tender.search': { ok: [200] },
      // Nobody's tender 999999: reachable, and "not found" for those allowed.
      'tender.join_form': { params: { id: '999999' }, ok: [404] },
      'tender.join': { params: { id: '999999' }, form: { pakta: 'setuju' }, ok: [404] },
      'tender.joined': { ok: [200] },
      'tender.explanation': { params: { id: '999999' }, ok: [404] },
      'tender.ask': { params: { id: '999999' }, form: { text: 'Pertanyaan uji' }, ok: [404] },
      'tender.answer': { params: { id: '999999' }, form: { question: '1', text: 'Jawaban uji' }, ok: [404] },
      'tender.minutes_issue': { params: { id: '999999' }, form: { stage: 'penjelasan' }, ok: [404] },
      'tender.minutes': { params: { id: '999999', no: '1' }, ok: [404] },
      // Nobody's tender 999999: reachable, and "not found" for those allowed.
      opening: { params: { id: '999999' }, ok: [404] },
      'opening.share': { params: { id: '999999' }, form: { envelope: 'tunggal', share: 'AAAA' }, ok: [404] },
      'opening.technical': { params: { id: '999999' }, form: { bid: '1', result: 'lulus' }, ok: [404] },
      'opening.witness': { params: { id: '999999' }, form: { file: '1', note: '' }, ok: [404] },
      'opening.minutes': { params: { id: '999999', kind: 'pembukaan', no: 'tunggal' }, ok: [404] },
      // Nobody's tender 999999: reachable, and "not found" for those allowed
      // (the evaluation page reads only for the tender's Pokja and auditors).
      evaluation: { params: { id: '999999' }, ok: [404] },
      'evaluation.judge': { params: { id: '999999' }, form: { vendor: '1', scope: 'anggota' }, ok: [404] },
      'evaluation.invite': { params: { id: '999999' }, form: { vendor: '1', at: '2026-12-01T10:00', place: 'x' }, ok: [404] },
      'evaluation.proof': { params: { id: '999999' }, form: { vendor: '1', result: 'lulus' }, ok: [404] },
      'evaluation.decide': { params: { id: '999999' }, form: {}, ok: [404] },
      'evaluation.announce': { params: { id: '999999' }, form: {}, ok: [404] },
      'evaluation.negotiate': { params: { id: '999999' }, form: { harga: '1000', catatan: 'x' }, ok: [404] },
      'evaluation.negotiation_minutes': { params: { id: '999999', no: '1' }, ok: [404] },
      // The auction reads only for invited vendors, the tender's Pokja and auditors.
      auction: { params: { id: '999999' }, ok: [404] },
      'auction.stream': { params: { id: '999999' }, ok: [404] },
      'auction.bid': { params: { id: '999999' }, form: { price: '1000' }, ok: [404] },
      'auction.invite': { params: { id: '999999' }, form: { vendor: '1' }, ok: [404] },
      'auction.decide': { params: { id: '999999' }, form: {}, ok: [404] },
      // A form body is not the JSON price: refused before anything is read.
      'auction.bid.api': { params: { id: '999999' }, form: {}, ok: [400, 404] },
      // Invitations read and are sent only by those who run the tender.
      invitation: { params: { id: '999999' }, ok: [404] },
      'invitation.send': { params: { id: '999999' }, form: { vendor: '1' }, ok: [404] },
      results: { params: { id: '999999' }, ok: [404] },
      'results.minutes': { params: { id: '999999', no: '1' }, ok: [404] },
      // Nobody's tender 999999: reachable, and "not found" for those allowed.
      contract: { params: { id: '999999' }, ok: [404] },
      'contract.sppbj': { params: { id: '999999' }, form: { number: '' }, ok: [404] },
      'contract.record': { params: { id: '999999' }, form: { number: 'x', value: '1', days: '1' }, ok: [404] },
      'contract.correct': { params: { id: '999999' }, form: { number: 'x', value: '1', days: '1', reason: 'x' }, ok: [404] },
      'contract.sppbj_pdf': { params: { id: '999999' }, ok: [404] },
      'contract.pdf': { params: { id: '999999', file: '1.pdf' }, ok: [404] },
      // Nobody's tender 999999: reachable, and "not found" for everyone.
      objection: { params: { id: '999999' }, ok: [404] },
      'objection.file': { params: { id: '999999' }, form: { alasan: 'x' }, multipart: true, ok: [404] },
      'objection.answer': { params: { id: '999999', no: '1' }, form: { hasil: 'ditolak', jawaban: 'x' }, ok: [404] },
      'objection.appeal': { params: { id: '999999', no: '1' }, form: { alasan: 'x', penerbit: 'x', nomor: '1', nilai: '1', berlaku: '2099-01-01' }, ok: [404] },
      'objection.appeal_answer': { params: { id: '999999', no: '1' }, form: { hasil: 'ditolak', jawaban: 'x' }, ok: [404] },
      'objection.attachment': { params: { id: '999999', no: '1', file: '1' }, ok: [404] },
      // No public key: refused before anything is stored.
      member_key: { ok: [200] },
      'member_key.set': { form: { public_key: '', wrapped: '' }, ok: [400] },
      // Nobody's tender 999999: reachable, and "not found" for those allowed
      // (an empty bundle is refused before the tender is looked up).
      'tender.key': { params: { id: '999999' }, ok: [404] },
      'tender.key_set': { params: { id: '999999' }, form: { bundles: '' }, ok: [400, 404] },
      bid: { params: { id: '999999' }, ok: [404] },
      'bid.withdraw': { params: { id: '999999', bid: '999999' }, form: {}, ok: [404] },
      'bid.incoming': { params: { id: '999999' }, ok: [404] },
      receipt: { params: { id: '999999' }, ok: [404] },
      'receipt.file': { params: { id: '999999' }, ok: [404] },
      'receipt.pdf': { params: { id: '999999' }, ok: [404] },
      // A form body is not the JSON declaration: refused before anything is stored.
      'bid.declare': { params: { id: '999999' }, form: {}, ok: [400, 404] },
      'receipt.key': { ok: [200] },
      // tus requests as tus-js-client sends them (CSRF token in X-CSRF-Token).
      // Until an owner of uploads is wired in, every upload route answers
      // 404 "upload.not_found"; with one, OPTIONS answers 204, a creation
      // without Upload-Length 400, and upload "nothing" does not exist.
      'uploads.options': { tus: {}, ok: [204, 404] },
      'uploads.create': { tus: {}, ok: [400, 404] },
      'upload.options': { params: { id: 'nothing' }, tus: {}, ok: [204, 404] },
      'upload.offset': { params: { id: 'nothing' }, tus: {}, ok: [404] },
      'upload.append': {
        params: { id: 'nothing' },
        tus: { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        body: 'x',
        ok: [404],
      },
      'upload.terminate': { params: { id: 'nothing' }, tus: {}, ok: [404] },
    };
    const cell = byName[route.name];
    if (!cell) return null;
    const path = route.pattern.replace(/\{(\w+)\*?\}/g, (_, name) => {
      const v = cell.params?.[name];
      if (v === undefined) throw new Error(`no value for {${name}} of route ${route.name}`);
      return encodeURI(v);
    });
    return { ...cell, path };
  }

  async function send(principal, route, cell) {
    const c = sessions.get(principal);
    if (route.method === 'GET') return c.get(cell.path);
    if (cell.tus) {
      const headers = { 'tus-resumable': '1.0.0', 'x-csrf-token': c.csrf, ...cell.tus };
      return c.request(route.method, cell.path, { headers, body: cell.body });
    }
    if (cell.multipart) return c.postMultipart(cell.path, cell.form ?? {});
    return c.post(cell.path, cell.form ?? {});
  }

  function judge(principal, rule, res, cell) {
    const toLogin = res.status === 303 && /^\/masuk(\?|$)/.test(res.location ?? '');
    if (isAllowed(rule, principal)) {
      if (cell.location) {
        if (res.status === 303 && res.location === cell.location) return null;
        return `expected allowed (303 -> ${cell.location}), got ${res.status}${res.location ? ` -> ${res.location}` : ''}: ${snippet(res.text, 160)}`;
      }
      if (res.status === 401 || res.status === 403 || toLogin) {
        return `expected allowed, got ${res.status}${res.location ? ` -> ${res.location}` : ''}: ${snippet(res.text, 160)}`;
      }
      if (!cell.ok.includes(res.status)) {
        return `allowed, but got ${res.status} (expected one of ${cell.ok.join('/')}): ${snippet(res.text, 160)}`;
      }
      return null;
    }
    if (principal === ANON) {
      if (toLogin || res.status === 401) return null;
      return `expected sign-in required (303 -> /masuk or 401), got ${res.status}${res.location ? ` -> ${res.location}` : ''}: ${snippet(res.text, 160)}`;
    }
    if (res.status !== 403) {
      return `expected 403, got ${res.status}${res.location ? ` -> ${res.location}` : ''}: ${snippet(res.text, 160)}`;
    }
    if (!/data-reason="auth\.forbidden"|"reason":"auth\.forbidden"/.test(res.text)) {
      return `403 without data-reason="auth.forbidden": ${snippet(res.text, 160)}`;
    }
    return null;
  }

  test('every route has an authorization rule and every rule a route', () => {
    assert.ok(routes.length > 0, 'spse routes printed no routes');
    const problems = [];
    const seen = new Set();
    for (const r of routes) {
      seen.add(key(r));
      if (!(key(r) in EXPECTED)) problems.push(`route ${key(r)} has no authorization rule in the matrix`);
    }
    for (const k of Object.keys(EXPECTED)) {
      if (!seen.has(k)) problems.push(`the matrix names route ${k}, which no longer exists`);
    }
    assert.deepEqual(problems, []);
  });

  test('the route table agrees with the matrix on permissions', () => {
    // The permission each route declares must grant the roles the matrix
    // expects (what each permission means, from DESIGN.md §1, written out
    // separately from EXPECTED so that the two check each other).
    const grants = {
      public: PUBLIC,
      signed_in: SIGNED_IN,
      manage_announcements: ['admin_sistem', 'helpdesk'],
      manage_agencies: ['admin_sistem'],
      manage_users: ['admin_sistem'],
      view_audit: ['admin_sistem', 'auditor'],
      verify_accounts: ['verifikator'],
      manage_own_vendor_data: ['penyedia'],
      view_vendor_data: ['verifikator', 'auditor'],
      view_activity: ['admin_sistem', 'kepala_lpse'],
      own_registration: ['penyedia'],
      manage_calendar: ['admin_sistem'],
      manage_plans: ['pa_kpa'],
      manage_packages: ['ppk'],
      view_assigned_packages: ['pokja', 'pejabat_pengadaan'],
      run_selections: ['pokja', 'pejabat_pengadaan'],
      join_tenders: ['penyedia'],
      witness_openings: ['admin_sistem', 'helpdesk', 'kepala_lpse'],
    };
    const problems = [];
    for (const r of routes) {
      const rule = EXPECTED[key(r)];
      if (rule === undefined) continue;
      const declared = grants[r.permission];
      if (declared === undefined) {
        problems.push(`route ${key(r)} uses permission ${r.permission}, unknown to the matrix`);
        continue;
      }
      const a = [...allowedRoles(declared)].sort().join(',') + (declared === PUBLIC ? '+anon' : '');
      const b = [...allowedRoles(rule)].sort().join(',') + (rule === PUBLIC ? '+anon' : '');
      if (a !== b) problems.push(`route ${key(r)}: table grants ${r.permission} [${a}], matrix expects [${b}]`);
      if (r.method === 'POST' && !r.csrf) problems.push(`route ${key(r)} is a POST without CSRF protection`);
    }
    assert.deepEqual(problems, []);
  });

  test('matrix: every route × (anonymous + 11 roles)', async (t) => {
    // Logout ends the session it is sent with, so it goes last.
    const ordered = [...routes].sort((a, b) => (a.name === 'logout') - (b.name === 'logout'));
    const failures = [];
    let cells = 0;
    for (const route of ordered) {
      const rule = EXPECTED[key(route)];
      if (rule === undefined) {
        failures.push(`route ${key(route)} has no authorization rule in the matrix`);
        continue;
      }
      const cell = cellFor(route);
      if (!cell) {
        failures.push(`route ${key(route)} (${route.name}) has no request recipe in the matrix test`);
        continue;
      }
      for (const principal of PRINCIPALS) {
        const token = sessions.get(principal).cookie('spse_session');
        const res = await send(principal, route, cell);
        cells += 1;
        let why = judge(principal, rule, res, cell);
        if (!why && route.name === 'logout' && principal !== ANON) {
          // The session is gone server-side: replaying its token asks for a sign-in.
          const replay = new Client(server.baseUrl);
          replay.setCookie('spse_session', token);
          const again = await replay.get('/dasbor');
          if (again.status !== 303 || !/^\/masuk/.test(again.location ?? '')) {
            why = `after signing out, GET /dasbor answered ${again.status} ${again.location ?? ''}`;
          }
        }
        if (why) failures.push(`${key(route)} [${route.method} ${cell.path}] as ${principal}: ${why}`);
      }
    }
    t.diagnostic(`matrix size: ${routes.length} routes × ${PRINCIPALS.length} principals = ${cells} cells`);
    assert.equal(cells, routes.length * PRINCIPALS.length);
    assert.deepEqual(failures, [], `${failures.length} of ${cells} cells wrong`);
  });

  test('the matrix cells did their work on the throwaway objects only', async () => {
    // The allowed "end" ended the throwaway announcement; agency 1 is unchanged.
    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    const page = await admin.get('/admin/instansi/1');
    assert.equal(page.status, 200);
    assert.match(page.text, /value="SETDA"/);
    const anns = await admin.get('/kelola/pengumuman');
    const row = new RegExp(`<tr><td><a href="/pengumuman/${fixtures.announcementId}">[^<]*</a>(.*?)</tr>`, 's').exec(anns.text);
    assert.ok(row, 'the throwaway announcement is still listed');
    assert.doesNotMatch(row[1], /tag-on/, 'the throwaway announcement is no longer active');
    assert.ok(csrfFrom(anns.text));
  });
});
