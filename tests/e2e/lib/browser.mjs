// The browser tests' common ground: a suite's server, Chromium and pages
// (useBrowserSuite), and signing in through the form in a real browser (a
// playwright Page whose context has the server as baseURL), the second
// factor included, as its owner would: an account sent to /akun/2fa enrols
// an authenticator (the secret read from the page), an account asked for a
// code at /masuk/otp types the remembered secret's code. Shares what it
// remembers with Client.login (lib/totp.mjs), so either may enrol an
// account the other then signs in.
//
//   import { signInInBrowser, useBrowserSuite } from '../lib/browser.mjs';
//   describe('...', () => {
//     const suite = useBrowserSuite({ clock: true });
//     test('...', async () => {
//       const page = await suite.newPage();
//       const where = await signInInBrowser(page, 'admin');   // '/dasbor'
//       assert.deepEqual(suite.errors, []);
//     });
//   });
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { DEMO_PASSWORD } from './client.mjs';
import { newTestClock } from './clock.mjs';
import { launchBrowser, startServer } from './server.mjs';
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

/**
 * Registers before()/after() hooks in the calling suite: a demo server
 * (moved through time by a test clock when `clock` is true), Chromium, and
 * a temporary directory when `tmp` names its prefix; all are stopped or
 * removed after the suite. The handle's fields are set once the suite's
 * tests run:
 *
 *   server, browser, clock (or undefined), tmp (a path, or undefined),
 *   errors: console errors and uncaught page errors of every page opened
 *           with newPage(), as "url: message" (a test asserts it is empty),
 *   newPage(): a page in a fresh context (its own cookies) with the server
 *           as baseURL and `timeoutMs` as the default timeout.
 *
 * Options: `serverOptions` are passed to startServer() (the clock's env is
 * added); console errors matching `ignoreConsole` (a RegExp) are not
 * collected; `consoleErrors: false` collects page errors only.
 */
export function useBrowserSuite({
  clock: withClock = false, tmp: tmpPrefix, serverOptions = {}, timeoutMs = 10_000,
  consoleErrors = true, ignoreConsole,
} = {}) {
  const suite = {
    server: undefined,
    browser: undefined,
    clock: undefined,
    tmp: undefined,
    errors: [],
    async newPage() {
      const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl });
      context.setDefaultTimeout(timeoutMs);
      const page = await context.newPage();
      if (consoleErrors) {
        page.on('console', (m) => {
          if (m.type() === 'error' && !ignoreConsole?.test(m.text())) suite.errors.push(`${page.url()}: ${m.text()}`);
        });
      }
      page.on('pageerror', (e) => suite.errors.push(`${page.url()}: ${e.message}`));
      return page;
    },
  };
  before(async () => {
    if (withClock) suite.clock = newTestClock();
    if (tmpPrefix) suite.tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    const env = { ...serverOptions.env, ...suite.clock?.env };
    suite.server = await startServer({ ...serverOptions, env });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    suite.clock?.remove();
    if (suite.tmp) rmSync(suite.tmp, { recursive: true, force: true });
  });
  return suite;
}

/**
 * As the signed-in Pokja member on `member`: drafts a tender of package
 * `packageId` with `procedure` (a value of the form's select) and uploads
 * its Dokumen Pemilihan (`document`: {name, buffer}). Leaves the page on the
 * draft's manage page (/pokja/tender/{id}); resolves the tender's id.
 */
export async function draftTenderInBrowser(member, packageId, { procedure, document }) {
  await member.goto(`/paket-tugas/${packageId}`);
  await clickAndWait(member, '#tender-link');
  await member.selectOption('#procedure', procedure);
  await clickAndWait(member, '#tender-new-form button[type=submit]');
  const created = /^\/pokja\/tender\/(\d+)\?ok=tender_created$/.exec(whereIs(member));
  if (!created) throw new Error(`drafting a tender of package ${packageId} ended on ${whereIs(member)}`);
  await member.selectOption('#tender-document-form #jenis', 'dokumen_pemilihan');
  await member.setInputFiles('#tender-document-form #dokumen', { ...document, mimeType: 'application/pdf' });
  await clickAndWait(member, '#tender-document-form button[type=submit]');
  return created[1];
}

/** As the signed-in Pokja chair on `chair`: publishes draft `id`; resolves its tender code. */
export async function publishTenderInBrowser(chair, id) {
  await chair.goto(`/pokja/tender/${id}`);
  await clickAndWait(chair, '#publish-form button[type=submit]');
  if (whereIs(chair) !== `/tender/${id}?ok=tender_published`) {
    throw new Error(`publishing tender ${id} ended on ${whereIs(chair)}`);
  }
  return (await chair.textContent('[data-testid=tender-code]')).trim();
}
