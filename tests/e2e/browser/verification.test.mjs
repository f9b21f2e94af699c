// Pasal 9(4) in a real browser: the Verifikator puts a vendor on the Daftar
// Hitam through the form; the public list shows it; the vendor signing in
// is refused and sees the decree and the violation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { signInInBrowser } from '../lib/browser.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { launchBrowser, startServer } from '../lib/server.mjs';

describe('daftar hitam in the browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page, username) {
    await page.goto('/masuk');
    await page.fill('#username', username);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#login-form button[type=submit]');
  }

  test('a blacklisted vendor is refused with the reason shown', async () => {
    const errors = [];
    const context = await browser.newContext({ baseURL: server.baseUrl });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    // Through the second factor (set up on the way at a first sign-in).
    await signInInBrowser(page, 'verifikator');
    await page.waitForURL('**/dasbor');
    await page.click('a[href="/verifikasi/akun"] >> nth=0');
    await page.fill('#q', 'cv.madura');
    await page.click('form[role=search] button[type=submit]');
    await page.click('a:text("cv.madura")');
    await page.fill('#sk_number', '188/99/KEP/433.013/2026');
    await page.fill('#ends_on', '2031-06-30');
    await page.fill('#violation', 'Persekongkolan dalam penawaran');
    await page.click('#blacklist-form button[type=submit]');
    await page.waitForURL(/ok=blacklist_added/);
    assert.match(await page.textContent('main'), /188\/99\/KEP\/433\.013\/2026/);

    const visitor = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
    await visitor.goto('/');
    await visitor.click('a[href="/daftar-hitam"]');
    assert.match(await visitor.textContent('main'), /CV Madura Jaya Konstruksi[\s\S]*188\/99\/KEP\/433\.013\/2026/);

    await signIn(visitor, 'cv.madura');
    await visitor.waitForSelector('[data-testid=refusal-reason]');
    const shown = await visitor.textContent('main');
    assert.match(shown, /Penyedia ini sedang dalam Daftar Hitam/);
    assert.match(shown, /SK 188\/99\/KEP\/433\.013\/2026\. Persekongkolan dalam penawaran Berlaku sampai 30 Juni 2031\./);
    assert.equal(new URL(visitor.url()).pathname, '/masuk');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
