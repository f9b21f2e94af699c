// Signing in through the form in a real browser (a playwright Page whose
// context has the server as baseURL), the second factor included, as its
// owner would: an account sent to /akun/2fa enrols an authenticator (the
// secret read from the page), an account asked for a code at /masuk/otp
// types the remembered secret's code. Shares what it remembers with
// Client.login (lib/totp.mjs), so either may enrol an account the other
// then signs in.
//
//   import { signInInBrowser } from '../lib/browser.mjs';
//   const where = await signInInBrowser(page, 'admin');   // '/dasbor'
import { DEMO_PASSWORD } from './client.mjs';
import {
  enrolmentOf, freshCode, markStepUsed, recoveryCodesFrom, rememberEnrolment, stepAt, totp,
} from './totp.mjs';

/** Path and query of the page's URL. */
export function whereIs(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

function originOf(page) {
  return new URL(page.url()).origin;
}

/** Clicks `selector` and waits for the page it leads to. */
export async function clickAndWait(page, selector) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() })
      .then(() => page.waitForLoadState('load')),
    page.click(selector),
  ]);
}

/**
 * On /akun/2fa: reads the secret shown for manual entry, confirms it with
 * the current code, and remembers it. Stays on the page that lists the
 * recovery codes; resolves {secret, step, recoveryCodes}.
 */
export async function enrolInBrowser(page, username) {
  const secret = (await page.textContent('[data-testid=totp-secret]')).replace(/\s+/g, '');
  const step = stepAt();
  await page.fill('#totp-enrol-form input[name=code]', totp(secret, { step }));
  await clickAndWait(page, '#totp-enrol-form button[type=submit]');
  const list = await page.locator('[data-testid=recovery-codes]').count();
  if (list !== 1) {
    const alert = await page.locator('.alert-error').first().getAttribute('data-reason').catch(() => '');
    throw new Error(`${username}: enrolling in the browser did not show the recovery codes [${alert}]`);
  }
  const recoveryCodes = recoveryCodesFrom(await page.content());
  rememberEnrolment(originOf(page), username, { secret, step, recoveryCodes });
  return { secret, step, recoveryCodes };
}

/** On /masuk/otp: types a fresh code of the remembered secret and submits it. */
export async function answerInBrowser(page, username) {
  const origin = originOf(page);
  if (!enrolmentOf(origin, username)) {
    throw new Error(`${username} asks for a second factor this test run did not set up`);
  }
  const { code, step } = await freshCode(origin, username);
  await page.fill('#otp-form input[name=code]', code);
  await clickAndWait(page, '#otp-form button[type=submit]');
  if (new URL(page.url()).pathname !== '/masuk/otp') markStepUsed(origin, username, step);
}

/**
 * Signs in through /masuk and through the second factor. An enrolment on
 * the way ends with the "continue" link of the recovery-codes page.
 * Resolves with where the browser ends up (path + query).
 */
export async function signInInBrowser(page, username, password = DEMO_PASSWORD) {
  await page.goto('/masuk');
  await page.fill('#login-form input[name=username]', username);
  await page.fill('#login-form input[name=password]', password);
  await clickAndWait(page, '#login-form button[type=submit]');
  const path = new URL(page.url()).pathname;
  if (path === '/masuk/otp') {
    await answerInBrowser(page, username);
  } else if (path === '/akun/2fa') {
    await enrolInBrowser(page, username);
    await clickAndWait(page, 'a[href="/dasbor"].button');
  }
  return whereIs(page);
}
