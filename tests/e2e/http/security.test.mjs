// Security properties seen from the outside: headers, CSRF, session cookies,
// session lifecycle, sign-in throttling, account disabling, Pasal 14(3) and
// the change-password flow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { pdfFile } from '../lib/registration.mjs';
import { Client, csrfFrom, rawRequest, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

const SESSION = 'spse_session';

/** Asserts the headers every response must carry. `get(name)` reads a header. */
function assertSecurityHeaders(get, where) {
  const csp = get('content-security-policy');
  assert.ok(csp, `${where}: Content-Security-Policy missing`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${where}: CSP allows 'unsafe-inline'`);
  assert.match(csp, /frame-ancestors 'none'/, `${where}: CSP lacks frame-ancestors 'none'`);
  assert.match(csp, /default-src 'self'/, `${where}: CSP lacks default-src 'self'`);
  assert.match(csp, /object-src 'none'/, `${where}: CSP lacks object-src 'none'`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${where}: X-Content-Type-Options`);
  assert.ok(get('referrer-policy'), `${where}: Referrer-Policy missing`);
}

function sessionCookieOf(res) {
  return res.setCookies.find((c) => c.name === SESSION);
}

async function userIdOf(admin, username) {
  const res = await admin.get(`/admin/pengguna?q=${encodeURIComponent(username)}`);
  assert.equal(res.status, 200);
  const m = new RegExp(`href="/admin/pengguna/(\\d+)">${username.replace('.', '\\.')}<`).exec(res.text);
  assert.ok(m, `user ${username} is listed on /admin/pengguna`);
  return m[1];
}

describe('security', () => {
  const server = useServer();

  describe('security headers', () => {
    test('on the home page', async () => {
      const res = await fetch(`${server.baseUrl}/`);
      assert.equal(res.status, 200);
      assertSecurityHeaders((n) => res.headers.get(n), 'GET /');
      await res.arrayBuffer();
    });

    test('on a 404 page', async () => {
      const res = await fetch(`${server.baseUrl}/tidak-ada-halaman-ini`);
      assert.equal(res.status, 404);
      assertSecurityHeaders((n) => res.headers.get(n), '404');
      await res.arrayBuffer();
    });

    test('on a static file', async () => {
      const res = await fetch(`${server.baseUrl}/static/css/app.css`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/css/);
      assertSecurityHeaders((n) => res.headers.get(n), 'static');
      await res.arrayBuffer();
    });

    test('on a refused request (431 from the connection layer)', async () => {
      const res = await rawRequest(
        server.port,
        `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: big=${'x'.repeat(20 * 1024)}\r\n\r\n`,
      );
      assert.equal(res.status, 431);
      assertSecurityHeaders((n) => res.headers[n], '431');
    });

    test('on a redirect and on a 403', async () => {
      const redirect = await fetch(`${server.baseUrl}/dasbor`, { redirect: 'manual' });
      assert.equal(redirect.status, 303);
      assertSecurityHeaders((n) => redirect.headers.get(n), '303');
      const forbidden = await fetch(`${server.baseUrl}/masuk`, { method: 'POST', redirect: 'manual' });
      assert.equal(forbidden.status, 403);
      assertSecurityHeaders((n) => forbidden.headers.get(n), '403');
      await forbidden.arrayBuffer();
    });
  });

  describe('CSRF', () => {
    test('POST /masuk without a token -> 403 http.csrf', async () => {
      const c = new Client(server.baseUrl);
      await c.get('/masuk'); // has the pre-session cookie, but sends no token
      const res = await c.post('/masuk', { username: 'admin', password: 'bangkalan-demo-2026' }, { csrf: false });
      assert.equal(res.status, 403);
      assert.equal(reasonFrom(res.text), 'http.csrf');
      assert.equal(sessionCookieOf(res), undefined, 'no session is created');
    });

    test('POST /masuk with a token of another pre-session -> 403', async () => {
      const a = new Client(server.baseUrl);
      const b = new Client(server.baseUrl);
      const tokenA = await a.refreshCsrf('/masuk');
      await b.get('/masuk');
      const res = await b.post('/masuk', { _csrf: tokenA, username: 'admin', password: 'bangkalan-demo-2026' });
      assert.equal(res.status, 403);
      assert.equal(reasonFrom(res.text), 'http.csrf');
    });

    test('signed-in POST without a token, or with a wrong one -> 403; header token works', async () => {
      const c = new Client(server.baseUrl);
      await c.login('helpdesk');
      // new != confirm: were the token accepted, the answer would be 400.
      const form = { current: 'x', new: 'aaaaaaaaaaaaa1', confirm: 'bbbbbbbbbbbbb2' };
      const none = await c.post('/akun/kata-sandi', form, { csrf: false });
      assert.equal(none.status, 403, snippet(none.text));
      assert.equal(reasonFrom(none.text), 'http.csrf');
      const wrong = await c.post('/akun/kata-sandi', { ...form, _csrf: 'A'.repeat(43) });
      assert.equal(wrong.status, 403);
      assert.equal(reasonFrom(wrong.text), 'http.csrf');
      // Another session's token is no good either.
      const other = new Client(server.baseUrl);
      await other.login('helpdesk');
      const foreign = await c.post('/akun/kata-sandi', { ...form, _csrf: other.csrf });
      assert.equal(foreign.status, 403);
      // Nor is the pre-session token of the sign-in page.
      const pre = new Client(server.baseUrl);
      const preToken = await pre.refreshCsrf('/masuk');
      const preUsed = await c.post('/akun/kata-sandi', { ...form, _csrf: preToken });
      assert.equal(preUsed.status, 403);
      // Logout without a token does not end the session.
      const logout = await c.post('/keluar', {}, { csrf: false });
      assert.equal(logout.status, 403);
      assert.equal((await c.get('/dasbor')).status, 200, 'still signed in');
      // The X-CSRF-Token header is accepted in place of the field.
      const viaHeader = await c.post('/akun/kata-sandi', form, { csrf: false, headers: { 'x-csrf-token': c.csrf } });
      assert.equal(viaHeader.status, 400, snippet(viaHeader.text));
      assert.equal(reasonFrom(viaHeader.text), 'password.mismatch');
    });

    test('the multipart announcement form checks its token too', async () => {
      const c = new Client(server.baseUrl);
      await c.login('helpdesk');
      const page = await c.get('/kelola/pengumuman');
      const multipart = /<form[^>]*id="announcement-form"[^>]*enctype="multipart\/form-data"/.test(page.text);
      const send = (fields, opts) => (multipart
        ? c.postMultipart('/kelola/pengumuman', fields, {}, opts)
        : c.post('/kelola/pengumuman', fields, opts));
      const form = { kind: 'berita', title: 'Uji CSRF', body: 'tidak boleh terbit' };
      const none = await send(form, { csrf: false });
      assert.equal(none.status, 403, snippet(none.text));
      assert.equal(reasonFrom(none.text), 'http.csrf');
      const wrong = await send({ _csrf: 'B'.repeat(43), ...form });
      assert.equal(wrong.status, 403, snippet(wrong.text));
      assert.equal(reasonFrom(wrong.text), 'http.csrf');
      // Nothing was published.
      const list = await c.get('/kelola/pengumuman');
      assert.doesNotMatch(list.text, />Uji CSRF</);
      // With the token the form is read (an empty title: 400, not 403).
      const right = await send({ kind: 'berita', title: '', body: '' });
      assert.equal(right.status, 400, snippet(right.text));
    });
  });

  describe('session cookies', () => {
    test('attributes: HttpOnly, SameSite, Path=/, no Secure on plain http', async () => {
      const c = new Client(server.baseUrl);
      const res = await c.login('verifikator');
      const cookie = sessionCookieOf(res);
      assert.ok(cookie, 'POST /masuk sets spse_session');
      assert.ok(cookie.value.length >= 16, 'the session token is long enough');
      assert.equal(cookie.attrs.httponly, true, 'HttpOnly');
      assert.match(String(cookie.attrs.samesite), /^(Lax|Strict)$/i, 'SameSite');
      assert.equal(cookie.attrs.path, '/');
      assert.equal(cookie.attrs.secure, undefined, 'no Secure on plain http');
      assert.equal(cookie.attrs['max-age'], undefined, 'a browser-session cookie');
      const device = res.setCookies.find((x) => x.name === 'spse_device');
      assert.ok(device, 'spse_device is set');
      assert.equal(device.attrs.httponly, true);
      // The pre-session cookie used for the sign-in form is dropped.
      const pre = res.setCookies.find((x) => x.name === 'spse_pre');
      assert.ok(pre && Number(pre.attrs['max-age']) === 0, 'spse_pre is cleared');
    });

    test('the session id rotates at each sign-in and dies at sign-out', async () => {
      const c = new Client(server.baseUrl);
      const first = sessionCookieOf(await c.login('kepala')).value;
      const d = new Client(server.baseUrl);
      const second = sessionCookieOf(await d.login('kepala')).value;
      assert.notEqual(first, second, 'two sign-ins give two tokens');

      // A token chosen before sign-in (fixation) is replaced.
      const fixed = new Client(server.baseUrl);
      fixed.setCookie(SESSION, 'attacker-chosen-session-token');
      const third = sessionCookieOf(await fixed.login('kepala')).value;
      assert.notEqual(third, 'attacker-chosen-session-token');

      const logout = await c.logout();
      assert.equal(logout.status, 303);
      assert.equal(logout.location, '/masuk?ok=signed_out');
      const cleared = sessionCookieOf(logout);
      assert.ok(cleared && cleared.value === '' && Number(cleared.attrs['max-age']) === 0,
        'sign-out clears the cookie');
      // Replaying the old token after sign-out: signed out.
      const replay = new Client(server.baseUrl);
      replay.setCookie(SESSION, first);
      const res = await replay.get('/dasbor');
      assert.equal(res.status, 303);
      assert.match(res.location, /^\/masuk\?next=/);
      // The other session of the same account is untouched.
      assert.equal((await d.get('/dasbor')).status, 200);
    });

    test('an unknown session cookie is treated as signed-out and cleared', async () => {
      const c = new Client(server.baseUrl);
      c.setCookie(SESSION, 'Zm9yZ2VkLXNlc3Npb24tdG9rZW4');
      const res = await c.get('/dasbor');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/masuk?next=/dasbor');
      const cleared = sessionCookieOf(res);
      assert.ok(cleared, 'the cookie is cleared');
      assert.equal(cleared.value, '');
      assert.equal(Number(cleared.attrs['max-age']), 0);
      // On a public page too (the header shows no user).
      const d = new Client(server.baseUrl);
      d.setCookie(SESSION, 'Zm9yZ2VkLXNlc3Npb24tdG9rZW4');
      const home = await d.get('/');
      assert.equal(home.status, 200);
      assert.doesNotMatch(home.text, /data-testid="user-name"/);
      assert.ok(sessionCookieOf(home), 'cleared on a public page as well');
      // An absurdly long one is no different.
      const e = new Client(server.baseUrl);
      e.setCookie(SESSION, 'x'.repeat(500));
      const long = await e.get('/dasbor');
      assert.equal(long.status, 303);
      assert.match(long.location, /^\/masuk/);
    });

    test('a signed-out POST to a protected route -> 401 page', async () => {
      const c = new Client(server.baseUrl);
      await c.refreshCsrf('/masuk');
      for (const [path, form] of [
        ['/kelola/pengumuman', { kind: 'berita', title: 'x', body: 'y' }],
        ['/admin/instansi', { kind: 'skpd', code: 'X', name: 'Y' }],
        ['/keluar', {}],
      ]) {
        const res = await c.post(path, form);
        assert.equal(res.status, 401, `POST ${path}: ${snippet(res.text)}`);
        assert.equal(reasonFrom(res.text), 'auth.required', `POST ${path}`);
        assert.match(res.text, /href="\/masuk"/, 'the page offers the sign-in');
      }
    });
  });

  describe('redirects stay on the site', () => {
    test('POST /masuk with next=//evil.example goes to /dasbor', async () => {
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const c = new Client(server.baseUrl);
        const res = await c.login('auditor', undefined, { next });
        assert.equal(res.location, '/dasbor', `next=${next}`);
      }
      const c = new Client(server.baseUrl);
      const res = await c.login('auditor', undefined, { next: '/audit?aksi=auth.' });
      assert.equal(res.location, '/audit?aksi=auth.');
    });

    test('GET /bahasa/en?next=//evil.example goes home', async () => {
      const res = await fetch(`${server.baseUrl}/bahasa/en?next=${encodeURIComponent('//evil.example/')}`, { redirect: 'manual' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/');
    });
  });

  describe('sign-in', () => {
    test('a wrong password -> 401 with auth.bad_credentials, no session', async () => {
      const c = new Client(server.baseUrl);
      const res = await c.login('lkpp', 'salah-kata-sandi', { expectOk: false });
      assert.equal(res.status, 401);
      assert.equal(reasonFrom(res.text), 'auth.bad_credentials');
      assert.match(res.text, /class="alert alert-error"[^>]*data-reason="auth\.bad_credentials"/);
      assert.equal(sessionCookieOf(res), undefined);
      assert.match(res.text, /value="lkpp"/, 'the form keeps the User ID');
      // An unknown account gives the very same answer.
      const unknown = await c.login('tidak.ada', 'salah-kata-sandi', { expectOk: false });
      assert.equal(unknown.status, 401);
      assert.equal(reasonFrom(unknown.text), 'auth.bad_credentials');
    });

    test('throttling: 429 with Retry-After after 5 failures; the device-cookie holder is exempt', async () => {
      // The account owner signs in once, which leaves the spse_device cookie.
      const owner = new Client(server.baseUrl);
      await owner.login('pokja3');
      const device = owner.cookie('spse_device');
      assert.ok(device, 'the owner has a device cookie');

      // An attacker without it floods the account with wrong passwords.
      const attacker = new Client(server.baseUrl);
      await attacker.get('/masuk');
      const statuses = [];
      let throttled = null;
      for (let i = 0; i < 7 && !throttled; i++) {
        const res = await attacker.post('/masuk', { username: 'pokja3', password: `salah-${i}` });
        statuses.push(res.status);
        if (res.status === 429) throttled = res;
      }
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], `first five: ${statuses}`);
      assert.ok(throttled, `no 429 within 7 tries: ${statuses}`);
      assert.ok(statuses.length <= 7);
      const retry = Number(throttled.headers.get('retry-after'));
      assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After: ${retry}`);
      assert.equal(reasonFrom(throttled.text), 'auth.throttled');

      // While throttled, even the right password is refused without a device cookie.
      const right = await attacker.post('/masuk', { username: 'pokja3', password: 'bangkalan-demo-2026' });
      assert.equal(right.status, 429, `cookie-less client with the right password: ${right.status}`);
      assert.ok(Number(right.headers.get('retry-after')) >= 1);

      // The owner, presenting the device cookie, signs in at once.
      const again = new Client(server.baseUrl);
      again.setCookie('spse_device', device);
      const res = await again.login('pokja3', undefined, { expectOk: false });
      assert.equal(res.status, 303, `device-cookie holder: ${res.status} ${snippet(res.text)}`);
      assert.equal(res.location, '/dasbor');
      assert.equal((await again.get('/dasbor')).status, 200);

      // A device cookie of another account gives no exemption.
      const other = new Client(server.baseUrl);
      await other.login('pokja1');
      const stranger = new Client(server.baseUrl);
      stranger.setCookie('spse_device', other.cookie('spse_device'));
      await stranger.get('/masuk');
      const seen = [];
      for (let i = 0; i < 7; i++) {
        seen.push((await stranger.post('/masuk', { username: 'lkpp', password: `salah-${i}` })).status);
      }
      assert.equal(seen.at(-1), 429, `pokja1's device cookie must not exempt lkpp: ${seen}`);
    });
  });

  describe('accounts', () => {
    test('a disabled user\'s open session dies at once', async () => {
      const admin = new Client(server.baseUrl);
      await admin.login('admin');
      const id = await userIdOf(admin, 'pokja2');

      const victim = new Client(server.baseUrl);
      await victim.login('pokja2');
      assert.equal((await victim.get('/dasbor')).status, 200);

      await admin.refreshCsrf(`/admin/pengguna/${id}`);
      const off = await admin.post(`/admin/pengguna/${id}/status`, { active: '0' });
      assert.equal(off.status, 303, snippet(off.text));
      assert.equal(off.location, `/admin/pengguna/${id}?ok=user_disabled`);

      const res = await victim.get('/dasbor');
      assert.equal(res.status, 303, 'the open session is gone');
      assert.match(res.location, /^\/masuk\?next=/);
      // And pokja2 cannot sign in again.
      const retry = await new Client(server.baseUrl).login('pokja2', undefined, { expectOk: false });
      assert.equal(retry.status, 403);
      assert.equal(reasonFrom(retry.text), 'auth.account_disabled');

      // Enabling restores sign-in.
      const on = await admin.post(`/admin/pengguna/${id}/status`, { active: '1' });
      assert.equal(on.status, 303);
      await new Client(server.baseUrl).login('pokja2');
    });

    test('an admin cannot disable their own account', async () => {
      const admin = new Client(server.baseUrl);
      await admin.login('admin');
      const id = await userIdOf(admin, 'admin');
      const res = await admin.post(`/admin/pengguna/${id}/status`, { active: '0' });
      assert.equal(res.status, 409, snippet(res.text));
      assert.equal((await admin.get('/dasbor')).status, 200);
    });

    test('Pasal 14(3): admin_sistem + ppk is refused with 400', async () => {
      const admin = new Client(server.baseUrl);
      await admin.login('admin');
      await admin.refreshCsrf('/admin/pengguna');
      const res = await admin.postMultipart('/admin/pengguna', {
        username: 'rangkap.jabatan',
        full_name: 'Pegawai Rangkap',
        email: 'rangkap@example.test',
        agency_id: '',
        roles: ['admin_sistem', 'ppk'],
      }, { surat_tugas: pdfFile('surat-tugas.pdf', 'rangkap') });
      assert.equal(res.status, 400, snippet(res.text));
      assert.match(res.text, /data-reason="role\.lpse_procurement_conflict"/);
      assert.match(res.text, /Pasal 14 ayat 3/);
      // Nothing was created.
      const list = await admin.get('/admin/pengguna?q=rangkap.jabatan');
      assert.doesNotMatch(list.text, /href="\/admin\/pengguna\/\d+">rangkap\.jabatan</);
      // Nor can an existing procurement account be given an LPSE role.
      const ppk = await userIdOf(admin, 'ppk.dpupr');
      const roles = await admin.post(`/admin/pengguna/${ppk}/peran`, { agency_id: '', roles: ['ppk', 'helpdesk'] });
      assert.equal(roles.status, 400, snippet(roles.text));
      assert.match(roles.text, /data-reason="role\.lpse_procurement_conflict"/);
    });

    test('changing the password: old fails, new works, other sessions end', async () => {
      const username = 'pp.dinkes';
      const newPassword = 'Sapi-Madura-Berlari-2026';
      const a = new Client(server.baseUrl);
      await a.login(username);
      const b = new Client(server.baseUrl);
      await b.login(username);
      assert.equal((await b.get('/dasbor')).status, 200);

      const page = await a.get('/akun/kata-sandi');
      assert.equal(page.status, 200);
      assert.match(page.text, /id="password-form"/);
      // A wrong current password is refused.
      const bad = await a.post('/akun/kata-sandi', { current: 'bukan-ini-sandinya', new: newPassword, confirm: newPassword });
      assert.equal(bad.status, 400);
      assert.equal(reasonFrom(bad.text), 'password.current_wrong');
      // A too short one too.
      const short = await a.post('/akun/kata-sandi', { current: 'bangkalan-demo-2026', new: 'pendek', confirm: 'pendek' });
      assert.equal(short.status, 400);
      assert.equal(reasonFrom(short.text), 'password.too_short');

      const ok = await a.post('/akun/kata-sandi', { current: 'bangkalan-demo-2026', new: newPassword, confirm: newPassword });
      assert.equal(ok.status, 303, snippet(ok.text));
      assert.equal(ok.location, '/dasbor?ok=password_changed');

      // This session lives on, the other one is over.
      assert.equal((await a.get('/dasbor')).status, 200);
      const other = await b.get('/dasbor');
      assert.equal(other.status, 303);
      assert.match(other.location, /^\/masuk/);

      const old = await new Client(server.baseUrl).login(username, 'bangkalan-demo-2026', { expectOk: false });
      assert.equal(old.status, 401);
      const fresh = await new Client(server.baseUrl).login(username, newPassword, { expectOk: false });
      assert.equal(fresh.status, 303);
      assert.equal(fresh.location, '/dasbor');
    });
  });

  test('the CSRF token of a page is the session\'s', async () => {
    const c = new Client(server.baseUrl);
    await c.login('auditor');
    const a = csrfFrom((await c.get('/dasbor')).text);
    const b = csrfFrom((await c.get('/audit')).text);
    assert.ok(a);
    assert.equal(a, b, 'the same token on every page of a session');
  });
});
