// Registration and verification in a real browser (Pasal 9(2-3), 21): a new
// vendor registers through the emailed link, uploads its documents and
// sends them; the Verifikator returns the application with a reason; the
// vendor reads it, replaces a document and sends again; the Verifikator
// approves and the vendor, told by mail, signs in as a verified vendor. Then
// a non-vendor account: Admin Sistem creates it with its assignment letter,
// the Verifikator approves, the user signs in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { enrolInBrowser, signInInBrowser } from '../lib/browser.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { MINIMAL_PDF, TINY_PNG } from '../lib/registration.mjs';
import { freePort, launchBrowser, startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

const EMAIL = 'kantor@sumberwaras.test';
const PASSWORD = 'perahu-layar-selat-madura';
const REASON = 'Akta pendirian yang diunggah bukan akta perusahaan ini.';

describe('registration in the browser', () => {
  let sink;
  let server;
  let browser;
  const errors = [];

  before(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    server = await startServer({
      port,
      env: { SPSE_SMTP_URL: sink.url, SPSE_PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.stop();
  });

  async function newPage() {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  async function submit(page, selector, expected) {
    await Promise.all([page.waitForURL(expected), page.click(selector)]);
  }

  async function signIn(page, username, password = DEMO_PASSWORD, expected = /\/dasbor$/) {
    await page.goto('/masuk');
    await page.fill('#username', username);
    await page.fill('#password', password);
    await submit(page, '#login-form button[type=submit]', expected);
  }

  const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`${MINIMAL_PDF}% ${name}\n`) });

  async function uploadDocument(page, kind, file, licence = '') {
    await page.selectOption('#kind', kind);
    if (licence) await page.selectOption('#licence_type', licence);
    await page.setInputFiles('#dokumen', file);
    await submit(page, '#upload-form button[type=submit]', /ok=document_uploaded/);
  }

  test('a vendor registers, is returned once, corrects, and is verified', async () => {
    // Registration, from the Beranda.
    const vendor = await newPage();
    await vendor.goto('/');
    await submit(vendor, 'main a[href="/daftar"]', /\/daftar$/);
    await vendor.fill('#email', EMAIL);
    await vendor.click('#register-form button[type=submit]');
    await vendor.waitForSelector('[data-testid=register-sent]');
    const mail = await sink.waitFor((m) => m.to === EMAIL);
    const link = /http:\/\/[^\s]+\/daftar\/formulir\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);

    await vendor.goto(link);
    assert.equal(await vendor.inputValue('#account_email'), EMAIL);
    await vendor.fill('#company_name', 'CV Sumber Waras Sejahtera');
    await vendor.selectOption('#business_form', 'CV');
    await vendor.fill('#npwp', '07.654.321.0-608.000');
    await vendor.fill('#address', 'Jl. KH. Moh. Kholil No. 9');
    await vendor.fill('#regency', 'Kabupaten Bangkalan');
    await vendor.fill('#province', 'Jawa Timur');
    await vendor.fill('#phone', '031-3091234');
    await vendor.fill('#responsible_name', 'Moh. Syaiful');
    await vendor.fill('#responsible_position', 'Direktur');
    await vendor.fill('#responsible_nik', '3526011708830003');
    await vendor.fill('#username', 'cv.sumberwaras');
    await vendor.fill('#password', PASSWORD);
    await vendor.fill('#confirm', PASSWORD);
    await submit(vendor, '#registration-form button[type=submit]', /\/pendaftaran\?ok=registered$/);
    assert.equal(await vendor.getAttribute('[data-testid=application-status]', 'data-status'), 'draft');

    await uploadDocument(vendor, 'ktp', { name: 'ktp.png', mimeType: 'image/png', buffer: TINY_PNG });
    await uploadDocument(vendor, 'akta_pendirian', pdf('akta-salah.pdf'));
    await uploadDocument(vendor, 'npwp', pdf('npwp.pdf'));
    await uploadDocument(vendor, 'izin_usaha', pdf('nib.pdf'), 'NIB');
    assert.equal(await vendor.locator('[data-testid=missing-documents]').count(), 0);
    await submit(vendor, '#submit-form button[type=submit]', /ok=application_submitted/);
    assert.equal(await vendor.getAttribute('[data-testid=application-status]', 'data-status'), 'submitted');

    // The Verifikator returns it with a reason.
    const verifier = await newPage();
    assert.equal(await signInInBrowser(verifier, 'verifikator'), '/dasbor');
    await submit(verifier, 'nav a[href="/verifikasi"]', /\/verifikasi$/);
    await submit(verifier, 'a:text("CV Sumber Waras Sejahtera")', /\/verifikasi\/pendaftaran\/\d+$/);
    const reviewUrl = verifier.url();
    assert.match(await verifier.textContent('main'), /07\.654\.321\.0-608\.000/);
    await verifier.fill('#reason', REASON);
    await submit(verifier, '#reject-form button[type=submit]', /ok=application_rejected/);

    // The vendor signs in, reads why, replaces the document and sends again.
    const again = await newPage();
    await signIn(again, 'cv.sumberwaras', PASSWORD);
    assert.equal(await again.locator('[data-testid=unverified]').count(), 1);
    await submit(again, '[data-testid=unverified] a[href="/pendaftaran"]', /\/pendaftaran$/);
    assert.match(await again.textContent('[data-testid=rejection-note]'), new RegExp(REASON));
    await uploadDocument(again, 'akta_pendirian', pdf('akta-pendirian-benar.pdf'));
    assert.match(await again.textContent('main'), /akta-pendirian-benar\.pdf/);
    await submit(again, '#submit-form button[type=submit]', /ok=application_submitted/);

    // The Verifikator ticks the originals seen and approves.
    await verifier.goto(reviewUrl);
    assert.match(await verifier.textContent('main'), /akta-pendirian-benar\.pdf/);
    for (const box of await verifier.locator('#approve-form input[name=seen]').all()) await box.check();
    await submit(verifier, '#approve-form button[type=submit]', /ok=application_approved/);

    const approved = await sink.waitFor((m) => m.to === EMAIL && /diverifikasi/.test(m.subject));
    assert.match(approved.text, /User ID cv\.sumberwaras/);
    const verified = await newPage();
    await signIn(verified, 'cv.sumberwaras', PASSWORD);
    assert.equal(await verified.locator('[data-testid=unverified]').count(), 0);
    assert.equal(await verified.locator('section[data-role="penyedia"]').count(), 1);
    await verified.goto('/pendaftaran');
    assert.equal(await verified.getAttribute('[data-testid=application-status]', 'data-status'), 'verified');
    assert.deepEqual(errors, []);
  });

  test('a non-vendor account waits for its letter to be verified, then works', async () => {
    const admin = await newPage();
    assert.equal(await signInInBrowser(admin, 'admin'), '/dasbor');
    await admin.goto('/admin/pengguna');
    await admin.fill('#user-form input[name=username]', 'pokja.baru');
    await admin.fill('#user-form input[name=full_name]', 'Rahmat Hidayat, S.E.');
    await admin.fill('#user-form input[name=email]', 'pokja.baru@example.test');
    await admin.selectOption('#user-form select[name=agency_id]', { label: 'Bagian Pengadaan Barang/Jasa' });
    await admin.check('#user-form input[name=roles][value=pokja]');
    await admin.setInputFiles('#user-form input[name=surat_tugas]', pdf('sk-pokja.pdf'));
    await admin.click('#user-form button[type=submit]');
    await admin.waitForSelector('[data-testid=temporary-password]');
    const temp = (await admin.textContent('[data-testid=temporary-password]')).trim();
    assert.equal(await admin.getAttribute('[data-testid=verification-status]', 'data-status'), 'submitted');

    // Before verification it signs in to nothing but its own pages.
    const user = await newPage();
    await signIn(user, 'pokja.baru', temp, /\/akun\/kata-sandi$/);
    await user.fill('#password-form input[name=current]', temp);
    await user.fill('#password-form input[name=new]', 'jembatan-suramadu-pokja');
    await user.fill('#password-form input[name=confirm]', 'jembatan-suramadu-pokja');
    // A Pokja member needs a second factor: setting it up comes next.
    await submit(user, '#password-form button[type=submit]', /\/akun\/2fa\?ok=password_changed$/);
    await enrolInBrowser(user, 'pokja.baru');
    await submit(user, 'a[href="/dasbor"].button', /\/dasbor$/);
    assert.equal(await user.locator('[data-testid=unverified]').count(), 1);
    assert.equal(await user.locator('section[data-role="pokja"]').count(), 0);

    const verifier = await newPage();
    assert.equal(await signInInBrowser(verifier, 'verifikator'), '/dasbor');
    await verifier.goto('/verifikasi');
    await submit(verifier, 'a:text("Rahmat Hidayat, S.E.")', /\/verifikasi\/pendaftaran\/\d+$/);
    assert.match(await verifier.textContent('main'), /sk-pokja\.pdf/);
    for (const box of await verifier.locator('#approve-form input[name=seen]').all()) await box.check();
    await submit(verifier, '#approve-form button[type=submit]', /ok=application_approved/);

    await user.goto('/dasbor');
    assert.equal(await user.locator('[data-testid=unverified]').count(), 0);
    assert.equal(await user.locator('section[data-role="pokja"]').count(), 1);
    assert.deepEqual(errors, []);
  });
});
