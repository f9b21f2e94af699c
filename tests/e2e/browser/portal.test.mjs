// The portal in a real browser (Chromium through playwright-core): sign-in
// for every role, language switch, announcements, agency and account
// administration, the audit trail, a phone-sized screen. Every page visited
// must load without console errors and without CSP violations.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { enrolInBrowser, signInInBrowser } from '../lib/browser.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { approveAccount, pdfFile } from '../lib/registration.mjs';
import { launchBrowser, startServer } from '../lib/server.mjs';

// One demo account per role, with the name its header shows.
const ACCOUNTS = [
  { username: 'admin', role: 'admin_sistem', name: 'Rudi Hartono, S.Kom.' },
  { username: 'helpdesk', role: 'helpdesk', name: 'Siti Aminah' },
  { username: 'verifikator', role: 'verifikator', name: 'Ahmad Fauzi' },
  { username: 'kepala', role: 'kepala_lpse', name: 'Drs. H. Moh. Hasan, M.Si.' },
  { username: 'auditor', role: 'auditor', name: 'Ir. Lilik Suryani (Inspektorat)' },
  { username: 'lkpp', role: 'pemantau_lkpp', name: 'Pemantau LKPP' },
  { username: 'pakpa.dpupr', role: 'pa_kpa', name: 'Ir. Abdul Rachman, M.T.' },
  { username: 'ppk.dpupr', role: 'ppk', name: 'Bambang Sutrisno, S.T.' },
  { username: 'pokja1', role: 'pokja', name: 'Nur Hidayah, S.E.' },
  { username: 'pp.dinkes', role: 'pejabat_pengadaan', name: 'dr. Yusuf Maulana' },
  { username: 'cv.madura', role: 'penyedia', name: 'CV Madura Jaya Konstruksi' },
];

const STEP_TIMEOUT = 10_000;

describe('portal in the browser', () => {
  let server;
  let browser;
  // Problems seen by any page of the current test: console errors, page
  // errors, CSP violations, failed or 4xx/5xx sub-resource loads.
  let problems = [];
  const contexts = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  /** A fresh browser context (own cookies) whose pages report problems. */
  async function newPage(options = {}) {
    const context = await browser.newContext({ baseURL: server.baseUrl, ...options });
    contexts.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT);
    // CSP violations are also logged as console errors by Chromium; this
    // catches the ones that are not (e.g. report-only).
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    // Documents that answered 4xx on purpose (error pages under test): the
    // browser logs "Failed to load resource" for them, which is no fault.
    const errorDocuments = new Set();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) &&
          errorDocuments.has(msg.location()?.url)) return;
      problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      // ERR_ABORTED: a load cut short by the next navigation (e.g. signing out).
      if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (type === 'document') {
        if (res.status() >= 400) errorDocuments.add(res.url());
      } else if (res.status() >= 400) {
        problems.push(`${type} ${res.url()} answered ${res.status()}`);
      }
    });
    return page;
  }

  function assertNoProblems() {
    const seen = problems;
    problems = [];
    assert.deepEqual(seen, [], 'console errors / CSP violations / failed loads');
  }

  /**
   * Clicks `selector` (a submit button or link) and waits for the page that
   * follows; fails with what the page says when its URL is not `expected`
   * (a RegExp on the path + query).
   */
  async function submit(page, selector, expected) {
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() })
        .then(() => page.waitForLoadState('load')),
      page.click(selector),
    ]);
    const url = new URL(page.url());
    const where = url.pathname + url.search;
    if (expected && !expected.test(where)) {
      const alert = await page.locator('.alert-error').first().textContent({ timeout: 1_000 }).catch(() => '');
      const reason = await page.locator('.alert-error').first().getAttribute('data-reason', { timeout: 1_000 }).catch(() => '');
      const main = (await page.textContent('main').catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
      const status = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? null).catch(() => null);
      assert.fail(`after clicking ${selector}: at ${where} (status ${status}), expected ${expected}; ` +
        `alert [${reason}] ${alert}; main: ${main}`);
    }
    return where;
  }

  // Through the second factor too: a first sign-in of an account whose role
  // requires one enrols it (lib/browser.mjs).
  async function signIn(page, username, password = DEMO_PASSWORD, expected = /^\/(dasbor|akun\/kata-sandi)$/) {
    const where = await signInInBrowser(page, username, password);
    if (expected && !expected.test(where)) {
      const reason = await page.locator('.alert-error').first().getAttribute('data-reason', { timeout: 1_000 }).catch(() => '');
      assert.fail(`signing in ${username}: at ${where}, expected ${expected} [${reason}]`);
    }
    return where;
  }

  async function signOut(page) {
    await submit(page, '#logout-form button[type=submit]', /^\/masuk\?ok=signed_out$/);
    assert.equal(await page.locator('[data-testid=user-name]').count(), 0);
  }

  test('every role signs in, sees its dashboard panel and name, and signs out', async () => {
    const page = await newPage();
    for (const account of ACCOUNTS) {
      await signIn(page, account.username);
      assert.equal(new URL(page.url()).pathname, '/dasbor', `${account.username} lands on the dashboard`);
      const panel = page.locator(`section[data-role="${account.role}"]`);
      assert.equal(await panel.count(), 1, `${account.username}: section[data-role=${account.role}]`);
      assert.ok(await panel.isVisible());
      // Only the panels of the roles the account holds.
      assert.equal(await page.locator('section[data-role]').count(), 1, `${account.username} holds one role`);
      assert.equal((await page.textContent('[data-testid=user-name]')).trim(), account.name);
      await signOut(page);
    }
    assertNoProblems();
  });

  test('Beranda in Indonesian, English via the EN link, and back', async () => {
    const page = await newPage();
    await page.goto('/');
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    assert.match(await page.textContent('main'), /Pengumuman LPSE/);

    await submit(page, '.lang-switch a[hreflang=en]', /^\/$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('main'), /LPSE announcements/);
    assert.doesNotMatch(await page.textContent('main'), /Pengumuman LPSE/);
    // It sticks: the sign-in page is English too.
    await page.goto('/masuk');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('h1'), /Sign in/i);

    await submit(page, '.lang-switch a[hreflang=id]', /^\/masuk$/); // back to the same page
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    await page.goto('/');
    assert.match(await page.textContent('main'), /Pengumuman LPSE/);
    assertNoProblems();
  });

  test('helpdesk posts a maintenance notice; anonymous visitors see the banner', async () => {
    const title = `Pemeliharaan basis data ${Date.now()}`;
    const page = await newPage();
    await signIn(page, 'helpdesk');
    await page.click('a[href="/kelola/pengumuman"]');
    await page.waitForURL('**/kelola/pengumuman');
    await page.selectOption('#announcement-form select[name=kind]', 'pemeliharaan');
    await page.fill('#announcement-form input[name=title]', title);
    await page.fill('#announcement-form textarea[name=body]',
      'Layanan SPSE tidak dapat diakses sementara selama pemeliharaan basis data.');
    await submit(page, '#announcement-form button[type=submit]', /^\/kelola\/pengumuman\?ok=announcement_posted$/);
    assert.match(await page.textContent('main'), new RegExp(title));

    const visitor = await newPage();
    await visitor.goto('/');
    const banner = visitor.locator('.site-banner', { hasText: title });
    assert.equal(await banner.count(), 1, 'the new banner is on the Beranda');
    assert.ok(await banner.isVisible());
    assert.match(await banner.textContent(), /Pemeliharaan/);
    // The banner is on every page, and links to the notice.
    await visitor.goto('/masuk');
    assert.equal(await visitor.locator('.site-banner', { hasText: title }).count(), 1);
    await submit(visitor, `.site-banner:has-text("${title}") a`, /^\/pengumuman\/\d+$/);
    assert.match(await visitor.textContent('main'), /pemeliharaan basis data/);
    assertNoProblems();
  });

  test('admin creates a satker and a PPK; the PPK signs in and must change the password', async () => {
    const code = `DPUPR-UJI${Date.now() % 100000}`;
    const agencyName = 'Bidang Uji Jalan dan Jembatan';
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto('/admin/instansi');
    await page.selectOption('#agency-form select[name=kind]', 'satker');
    await page.fill('#agency-form input[name=code]', code);
    await page.fill('#agency-form input[name=name]', agencyName);
    await page.selectOption('#agency-form select[name=parent_id]', { label: 'Dinas Pekerjaan Umum dan Penataan Ruang' });
    await page.fill('#agency-form input[name=address]', 'Jl. Halim Perdana Kusuma No. 5, Bangkalan');
    await submit(page, '#agency-form button[type=submit]', /^\/admin\/instansi\?ok=agency_created$/);
    const row = page.locator('tr', { hasText: code });
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /Dinas Pekerjaan Umum dan Penataan Ruang/, 'under its SKPD');

    const username = `ppk.uji${Date.now() % 100000}`;
    await page.goto('/admin/pengguna');
    await page.fill('#user-form input[name=username]', username);
    await page.fill('#user-form input[name=full_name]', 'Hendra Wijaya, S.T.');
    await page.fill('#user-form input[name=email]', `${username}@example.test`);
    await page.selectOption('#user-form select[name=agency_id]', { label: agencyName });
    await page.check('#user-form input[name=roles][value=ppk]');
    // Pasal 21(1)b: the account comes with its assignment letter.
    await page.setInputFiles('#user-form input[name=surat_tugas]',
      { name: 'surat-tugas-ppk.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfFile().data) });
    await submit(page, '#user-form button[type=submit]', /^\/admin\/pengguna$/);
    const temp = (await page.textContent('[data-testid=temporary-password]')).trim();
    assert.ok(temp.length >= 12, `temporary password shown: ${temp}`);
    assert.match(await page.textContent('main'), new RegExp(agencyName));
    assert.equal(await page.getAttribute('[data-testid=verification-status]', 'data-status'), 'submitted');
    const userId = /\/admin\/pengguna\/(\d+)\/peran/.exec(await page.content())?.[1];
    await signOut(page);
    // The Verifikator checks the letter against its original and approves.
    await approveAccount(server.baseUrl, userId);

    // The new PPK signs in with it and is sent to change it first.
    const ppk = await newPage();
    await signIn(ppk, username, temp);
    assert.equal(new URL(ppk.url()).pathname, '/akun/kata-sandi');
    // Other pages send them back until they do.
    await ppk.goto('/dasbor');
    assert.equal(new URL(ppk.url()).pathname, '/akun/kata-sandi');
    const newPassword = 'Jembatan-Suramadu-2026';
    await ppk.fill('#password-form input[name=current]', temp);
    await ppk.fill('#password-form input[name=new]', newPassword);
    await ppk.fill('#password-form input[name=confirm]', newPassword);
    // A PPK needs a second factor: setting it up comes next, then the dashboard.
    await submit(ppk, '#password-form button[type=submit]', /^\/akun\/2fa\?ok=password_changed$/);
    await enrolInBrowser(ppk, username);
    await submit(ppk, 'a[href="/dasbor"].button', /^\/dasbor$/);
    assert.equal(await ppk.locator('section[data-role="ppk"]').count(), 1);
    assert.equal((await ppk.textContent('[data-testid=user-name]')).trim(), 'Hendra Wijaya, S.T.');
    assert.match(await ppk.textContent('main'), new RegExp(agencyName));
    await signOut(ppk);
    // The new password works from now on.
    await signIn(ppk, username, newPassword);
    assert.equal(new URL(ppk.url()).pathname, '/dasbor');
    assertNoProblems();
  });

  test('auditor filters the audit trail by auth.login', async () => {
    const page = await newPage();
    await signIn(page, 'auditor');
    await page.goto('/audit');
    const all = Number((await page.textContent('[data-testid=audit-total]')).trim());
    await page.fill('input[name=aksi]', 'auth.login');
    await submit(page, 'form[role=search] button[type=submit]', /^\/audit\?.*\baksi=auth\.login(&|$)/);
    const total = Number((await page.textContent('[data-testid=audit-total]')).trim());
    assert.ok(total > 0, 'sign-ins are in the trail');
    assert.ok(total <= all);
    const actions = await page.locator('table.audit tbody tr td:nth-child(4)').allTextContents();
    assert.ok(actions.length > 0, 'rows are shown');
    for (const a of actions) assert.match(a.trim(), /^auth\.login/);
    // The auditor's own sign-in is among them.
    const actors = await page.locator('table.audit tbody tr td:nth-child(2)').allTextContents();
    assert.ok(actors.map((a) => a.trim()).includes('auditor'), `actors: ${actors}`);
    assertNoProblems();
  });

  test('a phone-sized screen shows the Beranda without horizontal scrolling', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const path of ['/', '/masuk']) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path}: scrollWidth ${width} > 390`);
    }
    await signIn(page, 'admin');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `/dasbor: scrollWidth ${width} > 390`);
    assertNoProblems();
  });

  test('error pages render cleanly too', async () => {
    const page = await newPage();
    const res = await page.goto('/tidak-ada');
    assert.equal(res.status(), 404);
    assert.match(await page.textContent('main'), /Halaman tidak ditemukan/);
    await signIn(page, 'cv.madura');
    const forbidden = await page.goto('/audit');
    assert.equal(forbidden.status(), 403);
    assert.equal(await page.locator('[data-reason="auth.forbidden"]').count(), 1);
    assertNoProblems();
  });
});
