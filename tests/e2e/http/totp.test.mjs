// The second factor over HTTP against a real server: enrolment of an
// account whose role requires it, sign-in with a right and a wrong code,
// replay, recovery codes, throttling, switching off, and Admin Sistem's
// reset for a lost phone. Codes are computed here as an authenticator app
// does (lib/totp.mjs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, DEMO_PASSWORD, reasonFrom, snippet } from '../lib/client.mjs';
import { runSpse, useServer } from '../lib/server.mjs';
import {
  enrolmentOf, forgetEnrolment, freshCode, markStepUsed, recoveryCodesFrom, rememberEnrolment,
  secretFrom, stepAt, totp,
} from '../lib/totp.mjs';

/** A code of `secret` that is none of the codes of the window around now. */
function wrongCode(secret) {
  const now = stepAt();
  const taken = new Set([now - 1, now, now + 1, now + 2].map((step) => totp(secret, { step })));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}

/** POST /masuk with the password only; the response (303 to /masuk/otp for an enrolled account). */
async function passwordStep(c, username, { next } = {}) {
  await c.refreshCsrf('/masuk');
  const form = { username, password: DEMO_PASSWORD };
  if (next) form.next = next;
  return c.post('/masuk', form);
}

describe('second factor (TOTP)', () => {
  const server = useServer();

  async function userIdOf(admin, username) {
    const list = await admin.get(`/admin/pengguna?q=${encodeURIComponent(username)}`);
    const id = new RegExp(`href="/admin/pengguna/(\\d+)">${username.replace('.', '\\.')}<`).exec(list.text)?.[1];
    assert.ok(id, `${username} is listed`);
    return id;
  }

  test('a PPK\'s first sign-in leads to enrolment, and nowhere else until it is done', async () => {
    const c = new Client(server.baseUrl);
    await c.refreshCsrf('/masuk');
    const res = await c.post('/masuk', { username: 'ppk.dpupr', password: DEMO_PASSWORD });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/akun/2fa', 'sent to set up the second factor');
    assert.ok(c.cookie('spse_session'), 'a session, restricted to the enrolment');

    for (const path of ['/dasbor', '/akun/kata-sandi', '/akun/log-akses']) {
      const other = await c.get(path);
      assert.equal(other.status, 303, path);
      assert.equal(other.location, '/akun/2fa', `${path} sends back to the enrolment`);
    }

    const page = await c.get('/akun/2fa');
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="totp-forced"/, 'tells why');
    assert.match(page.text, /<svg[^>]*class="qr"[^>]*role="img"/, 'the QR code, inline');
    assert.match(page.text, /<path fill="#000" d="M\d/, 'with modules drawn');
    const secret = secretFrom(page.text);
    assert.match(secret, /^[A-Z2-7]{32}$/, '160-bit base32 secret for typing by hand');
    const enrolment = /name="enrolment" value="([^"]*)"/.exec(page.text)?.[1];
    assert.ok(enrolment);
    assert.ok(!enrolment.includes(secret), 'the form carries the secret sealed, not in clear');

    // A wrong code: refused, and the same secret is offered again.
    const wrong = await c.post('/akun/2fa', { enrolment, code: wrongCode(secret) });
    assert.equal(wrong.status, 400, snippet(wrong.text));
    assert.equal(reasonFrom(wrong.text), 'auth.otp_invalid');
    assert.match(wrong.text, /Kode verifikasi salah/);
    assert.equal(secretFrom(wrong.text), secret, 'the QR code the app scanned stays valid');
    assert.equal((await c.get('/dasbor')).location, '/akun/2fa', 'still not enrolled');

    // The right code: on, and ten recovery codes shown once.
    const step = stepAt();
    const ok = await c.post('/akun/2fa', { enrolment, code: totp(secret, { step }) });
    assert.equal(ok.status, 200, snippet(ok.text));
    const codes = recoveryCodesFrom(ok.text);
    assert.equal(codes.length, 10);
    for (const code of codes) assert.match(code, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    assert.equal((await c.get('/dasbor')).status, 200, 'the session is free now');
    const after = await c.get('/akun/2fa');
    assert.match(after.text, /data-testid="recovery-codes-left">10</);
    assert.equal(secretFrom(after.text), '', 'the secret is never shown again');
    assert.doesNotMatch(after.text, new RegExp(codes[0]), 'nor the recovery codes');
    // Let Client.login sign this account in from now on.
    rememberEnrolment(server.baseUrl, 'ppk.dpupr', { secret, step, recoveryCodes: codes });
  });

  test('sign-in: the password opens no session; a wrong code is refused clearly; the right one signs in', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pokja1'); // enrols
    const { secret } = enrolmentOf(server.baseUrl, 'pokja1');

    const d = new Client(server.baseUrl);
    const first = await passwordStep(d, 'pokja1', { next: '/akun/log-akses' });
    assert.equal(first.status, 303, snippet(first.text));
    const otpUrl = new URL(first.location, server.baseUrl);
    assert.equal(otpUrl.pathname, '/masuk/otp');
    assert.equal(otpUrl.searchParams.get('next'), '/akun/log-akses', 'where to go after the code');
    assert.equal(d.cookie('spse_session'), undefined, 'no session for the password alone');
    assert.equal(d.cookie('spse_device'), undefined, 'nor a known-device cookie');
    const challenge = first.setCookies.find((x) => x.name === 'spse_otp');
    assert.ok(challenge, 'the pending sign-in lives in a cookie');
    assert.equal(challenge.attrs.httponly, true);
    assert.equal(Number(challenge.attrs['max-age']), 300, 'five minutes');
    const gated = await d.get('/dasbor');
    assert.equal(gated.status, 303);
    assert.match(gated.location, /^\/masuk\?next=/, 'not signed in yet');

    const form = await d.get(first.location);
    assert.equal(form.status, 200);
    assert.match(form.text, /id="otp-form"/);
    assert.match(form.text, /autocomplete="one-time-code"/);

    // Wrong: 401, Indonesian first...
    const bad = await d.post('/masuk/otp', { code: wrongCode(secret), next: '/akun/log-akses' });
    assert.equal(bad.status, 401, snippet(bad.text));
    assert.equal(reasonFrom(bad.text), 'auth.otp_invalid');
    assert.match(bad.text, /Kode verifikasi salah\. Periksa kode terbaru di aplikasi autentikator Anda\./);
    assert.equal(d.cookie('spse_session'), undefined);
    // ...and English through the language switch.
    d.setCookie('spse_lang', 'en');
    const badEn = await d.post('/masuk/otp', { code: 'abc', next: '/akun/log-akses' });
    assert.equal(badEn.status, 401);
    assert.match(badEn.text, /Wrong verification code\. Check the latest code in your authenticator app\./);
    d.deleteCookie('spse_lang');

    // Right: the session, the device cookie, on to `next`.
    const { code, step } = await freshCode(server.baseUrl, 'pokja1');
    const good = await d.post('/masuk/otp', { code, next: '/akun/log-akses' });
    assert.equal(good.status, 303, snippet(good.text));
    markStepUsed(server.baseUrl, 'pokja1', step);
    assert.equal(good.location, '/akun/log-akses');
    assert.ok(d.cookie('spse_session'));
    assert.ok(d.cookie('spse_device'));
    assert.equal(d.cookie('spse_otp'), undefined, 'the challenge cookie is dropped');
    const log = await d.get('/akun/log-akses');
    assert.equal(log.status, 200);
    assert.match(log.text, /Percobaan masuk gagal \(kode verifikasi salah\)/, 'the wrong code is in the access log');
    assert.match(log.text, /Kata sandi benar, menunggu kode verifikasi/);

    // The same code again, through a fresh sign-in: already used.
    const e = new Client(server.baseUrl);
    await passwordStep(e, 'pokja1');
    await e.get('/masuk/otp');
    const replay = await e.post('/masuk/otp', { code });
    assert.equal(replay.status, 401);
    assert.equal(reasonFrom(replay.text), 'auth.otp_reused');
    assert.match(replay.text, /Kode ini sudah dipakai/);
  });

  test('without a pending sign-in the code page says to start again', async () => {
    const c = new Client(server.baseUrl);
    const page = await c.get('/masuk/otp');
    assert.equal(page.status, 409);
    assert.equal(reasonFrom(page.text), 'auth.second_factor_expired');
    assert.match(page.text, /id="login-form"/, 'with the sign-in form');
    await c.refreshCsrf('/masuk');
    c.setCookie('spse_otp', 'not-a-real-challenge-token');
    const post = await c.post('/masuk/otp', { code: '123456' });
    assert.equal(post.status, 409);
    assert.equal(reasonFrom(post.text), 'auth.second_factor_expired');
    assert.equal(c.cookie('spse_otp'), undefined, 'the dead challenge cookie is cleared');
  });

  test('a recovery code signs in once', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pokja2');
    const { recoveryCodes } = enrolmentOf(server.baseUrl, 'pokja2');
    assert.equal(recoveryCodes.length, 10);
    const use = async (code) => {
      const d = new Client(server.baseUrl);
      await passwordStep(d, 'pokja2');
      await d.get('/masuk/otp');
      return d.post('/masuk/otp', { code });
    };
    const once = await use(recoveryCodes[0].toLowerCase());
    assert.equal(once.status, 303, snippet(once.text));
    assert.equal(once.location, '/dasbor');
    const twice = await use(recoveryCodes[0]);
    assert.equal(twice.status, 401);
    assert.equal(reasonFrom(twice.text), 'auth.otp_invalid');
    const page = await c.get('/akun/2fa');
    assert.match(page.text, /data-testid="recovery-codes-left">9</);
  });

  test('wrong codes count toward the login throttle: 429 with Retry-After', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pokja3');
    const { secret } = enrolmentOf(server.baseUrl, 'pokja3');
    const d = new Client(server.baseUrl);
    await passwordStep(d, 'pokja3');
    await d.get('/masuk/otp');
    const statuses = [];
    let throttled = null;
    for (let i = 0; i < 7 && !throttled; i++) {
      const res = await d.post('/masuk/otp', { code: wrongCode(secret) });
      statuses.push(res.status);
      if (res.status === 429) throttled = res;
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], `first five: ${statuses}`);
    assert.ok(throttled, `no 429 within 7 wrong codes: ${statuses}`);
    assert.equal(reasonFrom(throttled.text), 'auth.throttled');
    const retry = Number(throttled.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After: ${retry}`);
    // The password step of the same account is held back too.
    const again = await passwordStep(new Client(server.baseUrl), 'pokja3');
    assert.equal(again.status, 429);
  });

  test('an optional second factor can be switched off; a required one cannot', async () => {
    // Auditor: not required, but may enrol.
    const a = new Client(server.baseUrl);
    await a.login('auditor');
    const page = await a.get('/akun/2fa');
    assert.doesNotMatch(page.text, /data-testid="totp-forced"/);
    const { secret, step } = await a.enrolSecondFactor('auditor');
    assert.ok(secret);
    const on = await a.get('/akun/2fa');
    assert.match(on.text, /id="totp-disable-form"/);
    const off = await a.post('/akun/2fa/nonaktif', { code: totp(secret, { step: step + 1 }) });
    assert.equal(off.status, 303, snippet(off.text));
    assert.equal(off.location, '/akun/2fa?ok=totp_disabled');
    forgetEnrolment(server.baseUrl, 'auditor');
    const plain = await passwordStep(new Client(server.baseUrl), 'auditor');
    assert.equal(plain.location, '/dasbor', 'the password alone again');

    // PPK (enrolled above): required.
    const p = new Client(server.baseUrl);
    await p.login('ppk.dpupr');
    const ppkPage = await p.get('/akun/2fa');
    assert.doesNotMatch(ppkPage.text, /id="totp-disable-form"/);
    const refused = await p.post('/akun/2fa/nonaktif', { code: '123456' });
    assert.equal(refused.status, 409);
    assert.equal(reasonFrom(refused.text), 'totp.required');
  });

  test('new recovery codes need a current code and retire the old ones', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pp.dinkes');
    const { secret, recoveryCodes: old } = enrolmentOf(server.baseUrl, 'pp.dinkes');
    const bad = await c.post('/akun/2fa/kode-cadangan', { code: wrongCode(secret) });
    assert.equal(bad.status, 400);
    assert.equal(reasonFrom(bad.text), 'auth.otp_invalid');
    const { code, step } = await freshCode(server.baseUrl, 'pp.dinkes');
    const renewed = await c.post('/akun/2fa/kode-cadangan', { code });
    assert.equal(renewed.status, 200, snippet(renewed.text));
    markStepUsed(server.baseUrl, 'pp.dinkes', step);
    const fresh = recoveryCodesFrom(renewed.text);
    assert.equal(fresh.length, 10);
    assert.ok(!fresh.includes(old[0]));
    const d = new Client(server.baseUrl);
    await passwordStep(d, 'pp.dinkes');
    await d.get('/masuk/otp');
    const stale = await d.post('/masuk/otp', { code: old[0] });
    assert.equal(reasonFrom(stale.text), 'auth.otp_invalid', 'an old recovery code no longer works');
    enrolmentOf(server.baseUrl, 'pp.dinkes').recoveryCodes = fresh;
  });

  test('Admin Sistem resets a lost second factor: sessions end, the next sign-in enrols again, audited', async () => {
    const victim = new Client(server.baseUrl);
    await victim.login('verifikator');
    assert.equal((await victim.get('/dasbor')).status, 200);

    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    const id = await userIdOf(admin, 'verifikator');
    const user = await admin.get(`/admin/pengguna/${id}`);
    assert.match(user.text, /id="totp-reset-form"/);
    const reset = await admin.post(`/admin/pengguna/${id}/reset-2fa`, {});
    assert.equal(reset.status, 303, snippet(reset.text));
    assert.equal(reset.location, `/admin/pengguna/${id}?ok=totp_reset`);
    const shown = await admin.get(reset.location);
    assert.match(shown.text, /Verifikasi dua langkah pengguna telah diatur ulang/);
    assert.doesNotMatch(shown.text, /id="totp-reset-form"/, 'nothing left to reset');
    const again = await admin.post(`/admin/pengguna/${id}/reset-2fa`, {});
    assert.equal(again.status, 409);
    assert.equal(reasonFrom(again.text), 'totp.not_enabled');

    const gone = await victim.get('/dasbor');
    assert.equal(gone.status, 303);
    assert.match(gone.location, /^\/masuk/, 'the open session ended');
    forgetEnrolment(server.baseUrl, 'verifikator');
    const next = await passwordStep(new Client(server.baseUrl), 'verifikator');
    assert.equal(next.location, '/akun/2fa', 'enrols a new phone at the next sign-in');

    // An admin cannot reset their own.
    const self = await userIdOf(admin, 'admin');
    const own = await admin.post(`/admin/pengguna/${self}/reset-2fa`, {});
    assert.equal(own.status, 409);
    assert.equal(reasonFrom(own.text), 'totp.reset_self');

    const audit = await admin.get('/audit?aksi=totp.');
    assert.match(audit.text, /totp\.reset/);
    assert.match(audit.text, /second factor of (&apos;|&#39;|')verifikator(&apos;|&#39;|') removed/);
    assert.match(audit.text, /totp\.enabled/);
    assert.doesNotMatch(audit.text, /[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/, 'no recovery code in the trail');
  });

  test('spse user reset-2fa does the same from the command line', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pokja2');
    const out = await runSpse(['user', 'reset-2fa', '--data-dir', server.server.dataDir, 'pokja2']);
    assert.match(out, /Removed the second factor of 'pokja2'/);
    assert.equal((await c.get('/dasbor')).status, 303, 'its sessions ended');
    forgetEnrolment(server.baseUrl, 'pokja2');
    const next = await passwordStep(new Client(server.baseUrl), 'pokja2');
    assert.equal(next.location, '/akun/2fa');
  });
});
