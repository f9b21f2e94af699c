// The second factor in a real browser: a Pokja member's first sign-in goes
// to the enrolment page, which shows the QR code and the secret; the secret
// read from the page (as a person would type it into an app) confirms the
// enrolment; the recovery codes are shown once; the next sign-in asks for
// the code, refuses a wrong one with a clear message, and takes the right
// one. No console errors or CSP violations on the way.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { clickAndWait, whereIs } from '../lib/browser.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { launchBrowser, startServer } from '../lib/server.mjs';
import { stepAt, totp } from '../lib/totp.mjs';

describe('second factor in the browser', () => {
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

  test('enrol by reading the secret from the page, then sign in with a code', async () => {
    const problems = [];
    const context = await browser.newContext({ baseURL: server.baseUrl });
    context.setDefaultTimeout(10_000);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      // A wrong code answers 401 on purpose; the browser logs that document.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    const signInWithPassword = async () => {
      await page.goto('/masuk');
      await page.fill('#login-form input[name=username]', 'pokja1');
      await page.fill('#login-form input[name=password]', DEMO_PASSWORD);
      await clickAndWait(page, '#login-form button[type=submit]');
    };

    // First sign-in: straight to the enrolment, and back there from elsewhere.
    await signInWithPassword();
    assert.equal(whereIs(page), '/akun/2fa');
    await page.goto('/dasbor');
    assert.equal(whereIs(page), '/akun/2fa');
    assert.equal(await page.locator('[data-testid=totp-forced]').count(), 1);
    const qr = page.locator('.qr-box svg');
    assert.equal(await qr.count(), 1, 'the QR code is on the page');
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 150 && box.height >= 150, `the QR code is drawn large enough: ${JSON.stringify(box)}`);
    assert.equal(await qr.getAttribute('aria-label'), 'Kode QR untuk aplikasi autentikator');

    const secret = (await page.textContent('[data-testid=totp-secret]')).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const enrolStep = stepAt();
    await page.fill('#totp-enrol-form input[name=code]', totp(secret, { step: enrolStep }));
    await clickAndWait(page, '#totp-enrol-form button[type=submit]');
    const codes = await page.locator('[data-testid=recovery-codes] li code').allTextContents();
    assert.equal(codes.length, 10, 'ten recovery codes, shown once');
    assert.match(await page.textContent('main'), /Verifikasi dua langkah telah aktif/);
    await clickAndWait(page, 'a[href="/dasbor"].button');
    assert.equal(whereIs(page), '/dasbor');
    assert.equal(await page.locator('section[data-role="pokja"]').count(), 1);
    await clickAndWait(page, '#logout-form button[type=submit]');

    // The next sign-in asks for the code.
    await signInWithPassword();
    assert.equal(new URL(page.url()).pathname, '/masuk/otp');
    assert.equal(await page.getAttribute('#otp-form input[name=code]', 'autocomplete'), 'one-time-code');
    const right = totp(secret, { step: Math.max(enrolStep + 1, stepAt()) });
    await page.fill('#otp-form input[name=code]', right === '000000' ? '000001' : '000000');
    await clickAndWait(page, '#otp-form button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/masuk/otp', 'a wrong code stays on the code page');
    assert.equal(await page.getAttribute('.alert-error', 'data-reason'), 'auth.otp_invalid');
    assert.match(await page.textContent('.alert-error'), /Kode verifikasi salah/);

    await page.fill('#otp-form input[name=code]', right);
    await clickAndWait(page, '#otp-form button[type=submit]');
    assert.equal(whereIs(page), '/dasbor');
    assert.equal((await page.textContent('[data-testid=user-name]')).trim(), 'Nur Hidayah, S.E.');

    // The account page shows the factor as on, with its recovery codes.
    await page.goto('/akun/2fa');
    assert.equal((await page.textContent('[data-testid=recovery-codes-left]')).trim(), '10');
    assert.equal(await page.locator('#totp-disable-form').count(), 0, 'a Pokja member cannot switch it off');

    assert.deepEqual(problems, [], 'console errors / CSP violations');
    await context.close();
  });
});
