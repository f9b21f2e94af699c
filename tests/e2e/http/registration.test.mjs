// Vendor registration (Pasal 21(1)a) and its verification (Pasal 9(2-3),
// 21(2)) over HTTP, with the confirmation links read from a real SMTP sink:
// every kind of bad input is refused with its reason and leaves nothing
// behind; documents stay private; the PDF forms carry what was entered.
//
// The tests of this file run in order and share one server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { approveAccount, MINIMAL_PDF, pdfFile, TINY_PNG } from '../lib/registration.mjs';
import { freePort, startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

const CONFIRM_SUBJECT = 'Konfirmasi pendaftaran penyedia SPSE / Confirm your SPSE vendor registration';
const EXISTS_SUBJECT = 'Pendaftaran SPSE: alamat email sudah terdaftar / SPSE registration: address already registered';
const PASSWORD = 'garam-madura-tanjung-bumi';
const DEMO_VENDOR_NPWP = '01.234.567.8-608.000'; // cv.madura's, from the demo data

describe('vendor registration over HTTP', () => {
  let sink;
  let server;
  let publicUrl;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-reg-'));

  before(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startServer({
      port,
      env: { SPSE_SMTP_URL: sink.url, SPSE_MAIL_FROM: 'lpse@bangkalan.test', SPSE_PUBLIC_URL: publicUrl },
    });
  });

  after(async () => {
    await server?.stop();
    await sink?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  // Every blob file the server keeps.
  function blobCount() {
    const root = path.join(server.dataDir, 'blobs');
    let n = 0;
    for (const dir of readdirSync(root)) {
      if (dir === 'tmp') continue;
      n += readdirSync(path.join(root, dir)).length;
    }
    return n;
  }

  async function askForLink(email, client = new Client(server.baseUrl)) {
    await client.get('/daftar');
    const res = await client.post('/daftar', { email });
    assert.equal(res.status, 200, snippet(res.text));
    assert.match(res.text, /data-testid="register-sent"/);
    return res;
  }

  // The path of the newest confirmation link mailed to `email`, after `count` earlier ones.
  async function linkFor(email, count = 0) {
    const pattern = /\/daftar\/formulir\?token=[A-Za-z0-9_-]+/;
    const mails = async () => sink.messages().filter((m) => m.to === email && m.subject === CONFIRM_SUBJECT);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = await mails();
      if (found.length > count) return pattern.exec(found[found.length - 1].text)[0];
      if (Date.now() > deadline) throw new Error(`no confirmation mail for ${email}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function form(overrides = {}) {
    return {
      company_name: 'CV Bintang Timur Sejahtera',
      business_form: 'CV',
      npwp: '01.987.654.3-608.000',
      address: 'Jl. Raya Kamal No. 7',
      regency: 'Kabupaten Bangkalan',
      province: 'Jawa Timur',
      phone: '031-3095777',
      company_email: 'kantor@bintang.test',
      responsible_name: 'Siti Nur Azizah',
      responsible_position: 'Direktur',
      responsible_nik: '3526034107900002',
      username: 'cv.bintang',
      password: PASSWORD,
      confirm: PASSWORD,
      ...overrides,
    };
  }

  // Opens `link` and posts the form; resolves {client, res}.
  async function submitForm(link, fields) {
    const client = new Client(server.baseUrl);
    const page = await client.get(link);
    assert.equal(page.status, 200, snippet(page.text));
    const token = new URL(link, publicUrl).searchParams.get('token');
    const res = await client.post('/daftar/formulir', { token, ...fields });
    return { client, res };
  }

  async function registered(username, npwp, email) {
    await askForLink(email);
    const { client, res } = await submitForm(await linkFor(email), form({ username, npwp, company_email: email }));
    assert.equal(res.status, 303, snippet(res.text));
    await client.refreshCsrf('/pendaftaran');
    return client;
  }

  const upload = (client, kind, file, extra = {}) =>
    client.postMultipart('/pendaftaran/dokumen', { kind, ...extra }, { dokumen: file });

  let vendor;       // cv.bintang's signed-in client
  let vendorId = '';

  test('the same answer for a new and a registered address; only the new one gets a link', async () => {
    const fresh = await askForLink('baru@bintang.test');
    const known = await askForLink('cv.madura@demo.lpse.bangkalankab.go.id');
    const notice = (html) => /data-testid="register-sent"[^>]*>([^<]*)</.exec(html)?.[1];
    assert.equal(notice(fresh.text), notice(known.text));
    const link = await linkFor('baru@bintang.test');
    assert.ok(link.length > 50, link);
    const exists = await sink.waitFor((m) => m.to === 'cv.madura@demo.lpse.bangkalankab.go.id');
    assert.equal(exists.subject, EXISTS_SUBJECT);
    assert.doesNotMatch(exists.text, /token=/);
  });

  test('bad input: each with its reason, nothing stored, the link still good', async () => {
    const link = await linkFor('baru@bintang.test');
    const cases = [
      [{ npwp: '01-987-654-3.608.000' }, 400, 'vendor.npwp_format'],
      [{ npwp: '01.987.654.3-608.00' }, 400, 'vendor.npwp_length'],
      [{ npwp: '019876543' }, 400, 'vendor.npwp_length'],
      [{ npwp: DEMO_VENDOR_NPWP }, 409, 'vendor.npwp_taken'],
      [{ username: 'cv.madura' }, 409, 'user.username_taken'],
      [{ username: 'CV Bintang' }, 400, 'user.username_invalid'],
      [{ confirm: `${PASSWORD}x` }, 400, 'password.mismatch'],
      [{ password: 'pendek', confirm: 'pendek' }, 400, 'password.too_short'],
      [{ responsible_nik: '12345' }, 400, 'vendor.nik_invalid'],
    ];
    for (const [change, status, reason] of cases) {
      const { res } = await submitForm(link, form(change));
      assert.equal(res.status, status, `${JSON.stringify(change)}: ${snippet(res.text)}`);
      assert.equal(reasonFrom(res.text), reason, JSON.stringify(change));
      assert.match(res.text, /id="registration-form"/, 'the form comes back');
      assert.match(res.text, /value="CV Bintang Timur Sejahtera"/, 'with what was typed');
    }
    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    const list = await admin.get('/admin/pengguna?q=cv.bintang');
    assert.doesNotMatch(list.text, /href="\/admin\/pengguna\/\d+">cv\.bintang</, 'no account was made');
    assert.equal((await new Client(server.baseUrl).get(link)).status, 200, 'the link still works');
  });

  test('the link makes a draft vendor, signed in, that can do nothing else yet', async () => {
    const link = await linkFor('baru@bintang.test');
    const { client, res } = await submitForm(link, form({ company_email: 'baru@bintang.test' }));
    assert.equal(res.status, 303, snippet(res.text));
    assert.equal(res.location, '/pendaftaran?ok=registered');
    vendor = client;
    const page = await vendor.get('/pendaftaran');
    assert.equal(page.status, 200);
    assert.match(page.text, /data-status="draft"/);
    assert.match(page.text, /baru@bintang\.test/);
    await vendor.refreshCsrf('/pendaftaran');
    const dash = await vendor.get('/dasbor');
    assert.match(dash.text, /data-testid="unverified"/);

    const used = await new Client(server.baseUrl).get(link);
    assert.equal(used.status, 400);
    assert.equal(reasonFrom(used.text), 'registration.link_invalid');
    const forged = await new Client(server.baseUrl).get('/daftar/formulir?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(forged.status, 400);
    assert.equal(reasonFrom(forged.text), 'registration.link_invalid');
    // Reposting the used link's form is refused too.
    const token = new URL(link, publicUrl).searchParams.get('token');
    const again = await new Client(server.baseUrl);
    await again.refreshCsrf('/daftar');
    const replay = await again.post('/daftar/formulir', { token, ...form({ username: 'cv.lain', npwp: '02.987.654.3-608.000' }) });
    assert.equal(replay.status, 400);
    assert.equal(reasonFrom(replay.text), 'registration.link_invalid');
  });

  test('a second link to a registered address finds it taken', async () => {
    await askForLink('dua@bintang.test');
    const first = await linkFor('dua@bintang.test');
    await askForLink('dua@bintang.test');
    const second = await linkFor('dua@bintang.test', 1);
    const ok = await submitForm(first, form({ username: 'cv.dua', npwp: '02.111.222.3-608.000' }));
    assert.equal(ok.res.status, 303, snippet(ok.res.text));
    const taken = await submitForm(second, form({ username: 'cv.tiga', npwp: '03.111.222.3-608.000' }));
    assert.equal(taken.res.status, 409, snippet(taken.res.text));
    assert.equal(reasonFrom(taken.res.text), 'registration.email_taken');
  });

  test('uploads: too large, not what they claim, or oddly named', async () => {
    const blobs = blobCount();
    const huge = Buffer.alloc((5 << 20) + 200 * 1024, 0x41);
    huge.write('%PDF-1.4\n');
    const tooBig = await upload(vendor, 'ktp', { name: 'besar.pdf', type: 'application/pdf', data: huge });
    assert.equal(tooBig.status, 413, snippet(tooBig.text));
    const justOver = Buffer.alloc((5 << 20) + 1, 0x41);
    justOver.write('%PDF-1.4\n');
    const over = await upload(vendor, 'ktp', { name: 'besar.pdf', type: 'application/pdf', data: justOver });
    assert.equal(over.status, 400, snippet(over.text));
    assert.equal(reasonFrom(over.text), 'document.too_large');
    const fake = await upload(vendor, 'npwp', { name: 'npwp.pdf', type: 'application/pdf', data: 'Ini bukan PDF, hanya teks.\n' });
    assert.equal(fake.status, 400, snippet(fake.text));
    assert.equal(reasonFrom(fake.text), 'document.type_invalid');
    const noLicence = await upload(vendor, 'izin_usaha', pdfFile('izin.pdf', 'x'));
    assert.equal(noLicence.status, 400);
    assert.equal(reasonFrom(noLicence.text), 'document.licence_type_invalid');
    assert.equal(blobCount(), blobs, 'no refused file stays in the blob store');
    const page = await vendor.get('/pendaftaran');
    assert.doesNotMatch(page.text, /href="\/dokumen\/\d+"/, 'no document was recorded');

    const odd = await upload(vendor, 'ktp', { name: '../../etc/ktp\u0007direktur.png', type: 'image/png', data: TINY_PNG });
    assert.equal(odd.status, 303, snippet(odd.text));
    const after = await vendor.get('/pendaftaran');
    const m = /<a href="\/dokumen\/(\d+)">([^<]*)<\/a>/.exec(after.text);
    assert.ok(m, 'the document is listed');
    assert.equal(m[2], 'ktp_direktur.png', 'path parts and control characters are gone');
    const file = await vendor.get(`/dokumen/${m[1]}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(file.headers.get('content-disposition'), 'inline; filename="ktp_direktur.png"');
  });

  test('a vendor can never read another vendor\'s document by its id', async () => {
    const page = await vendor.get('/pendaftaran');
    const mine = [...page.text.matchAll(/href="\/dokumen\/(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(mine.length > 0);
    const other = new Client(server.baseUrl);
    await other.login('cv.sumber');
    const demoVendor = await other.get('/pendaftaran');
    const theirs = [...demoVendor.text.matchAll(/href="\/dokumen\/(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(theirs.length >= 4, 'the demo vendor has its documents');
    const top = Math.max(...mine, ...theirs) + 3;
    for (let id = 1; id <= top; id++) {
      const res = await vendor.get(`/dokumen/${id}`);
      if (mine.includes(id)) {
        assert.equal(res.status, 200, `own document ${id}`);
      } else {
        assert.equal(res.status, 404, `document ${id} of someone else: ${res.status}`);
        assert.equal(reasonFrom(res.text) || /data-reason="([^"]*)"/.exec(res.text)?.[1], 'document.not_found');
      }
    }
    assert.equal((await other.get(`/dokumen/${mine[0]}`)).status, 404);
    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    assert.equal((await admin.get(`/dokumen/${mine[0]}`)).status, 404, 'Admin Sistem reads letters only');
    const verifikator = new Client(server.baseUrl);
    await verifikator.login('verifikator');
    assert.equal((await verifikator.get(`/dokumen/${mine[0]}`)).status, 200);
    const anonymous = await new Client(server.baseUrl).get(`/dokumen/${mine[0]}`);
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location, /^\/masuk/);
  });

  test('the PDF forms carry the company name and NPWP entered (Pasal 21(4))', async () => {
    const changed = await vendor.post('/pendaftaran/data', form({ company_name: 'CV Bintang Timur Sejahtera – Kamal' }));
    assert.equal(changed.status, 303, snippet(changed.text));
    for (const [which, expected] of [
      ['pendaftaran', [/FORMULIR PENDAFTARAN PENYEDIA/, /CV Bintang Timur Sejahtera – Kamal/, /01\.987\.654\.3-608\.000/, /cv\.bintang/]],
      ['keikutsertaan', [/FORMULIR KEIKUTSERTAAN/, /CV Bintang Timur Sejahtera – Kamal/, /01\.987\.654\.3-608\.000/, /Siti Nur Azizah/]],
    ]) {
      const res = await fetch(`${server.baseUrl}/pendaftaran/formulir/${which}`, { headers: { cookie: vendor.cookieHeader() } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const file = path.join(tmp, `${which}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      for (const re of expected) assert.match(text, re, `${which}: ${re}\n${text}`);
    }
  });

  test('submitting, rejection with a reason, correction, approval', async () => {
    const early = await vendor.post('/pendaftaran/kirim', {});
    assert.equal(early.status, 409);
    assert.equal(reasonFrom(early.text), 'registration.documents_missing');
    for (const [kind, extra] of [['akta_pendirian', {}], ['npwp', {}], ['izin_usaha', { licence_type: 'NIB' }]]) {
      const res = await upload(vendor, kind, pdfFile(`${kind}.pdf`, kind), extra);
      assert.equal(res.status, 303, `${kind}: ${snippet(res.text)}`);
    }
    const sent = await vendor.post('/pendaftaran/kirim', {});
    assert.equal(sent.status, 303, snippet(sent.text));
    const locked = await upload(vendor, 'ktp', pdfFile('ktp.pdf', 'late'));
    assert.equal(locked.status, 409);
    assert.equal(reasonFrom(locked.text), 'registration.locked');

    const v = new Client(server.baseUrl);
    await v.login('verifikator');
    const queue = await v.get('/verifikasi');
    vendorId = /href="\/verifikasi\/pendaftaran\/(\d+)">CV Bintang Timur Sejahtera/.exec(queue.text)?.[1];
    assert.ok(vendorId, 'the application is in the queue');
    const review = await v.get(`/verifikasi/pendaftaran/${vendorId}`);
    assert.match(review.text, /data-testid="npwp">01\.987\.654\.3-608\.000</);
    const noReason = await v.post(`/verifikasi/pendaftaran/${vendorId}/tolak`, { reason: '' });
    assert.equal(noReason.status, 400);
    assert.equal(reasonFrom(noReason.text), 'registration.reason_required');
    const rejected = await v.post(`/verifikasi/pendaftaran/${vendorId}/tolak`, { reason: 'KTP terlalu kecil untuk dibaca.' });
    assert.equal(rejected.status, 303, snippet(rejected.text));
    const unticked = await v.post(`/verifikasi/pendaftaran/${vendorId}/setujui`, {});
    assert.equal(unticked.status, 409, 'a rejected application cannot be approved');

    const back = await vendor.get('/pendaftaran');
    assert.match(back.text, /data-status="rejected"/);
    assert.match(back.text, /KTP terlalu kecil untuk dibaca\./);
    const inbox = await vendor.get('/kotak-masuk');
    assert.match(inbox.text, /Pendaftaran SPSE perlu diperbaiki/);
    const replaced = await upload(vendor, 'ktp', pdfFile('ktp-jelas.pdf', 'clear'));
    assert.equal(replaced.status, 303);
    assert.equal((await vendor.post('/pendaftaran/kirim', {})).status, 303);

    const none = await v.post(`/verifikasi/pendaftaran/${vendorId}/setujui`, {});
    assert.equal(none.status, 409);
    assert.equal(reasonFrom(none.text), 'registration.originals_unchecked');
    await approveAccount(server.baseUrl, vendorId, { client: v });
    const verified = await vendor.get('/pendaftaran');
    assert.match(verified.text, /data-status="verified"/);
    const list = await new Client(server.baseUrl).get('/daftar-penyedia?q=Bintang');
    assert.match(list.text, /CV Bintang Timur Sejahtera – Kamal<\/td><td>01\.\*\*\*\.\*\*\*\.\*-\*\*\*\.000<\/td><td>Kabupaten Bangkalan/);
    const approvedMail = await sink.waitFor((m) => m.to === 'baru@bintang.test' && /diverifikasi/.test(m.subject));
    assert.match(approvedMail.text, /User ID cv\.bintang/);
  });
});
