// Mail over real SMTP: 'Lupa kata sandi' sends a single-use link, the link
// sets a new password, and the owner is told by mail. The server delivers to
// an aiosmtpd sink (lib/smtp.mjs), as it would to the LPSE's mail relay.
//
// The tests of this file run in order and share the server, the sink and the
// link; the throttle test goes last, as it uses up this client address's
// reset requests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { Client, DEMO_PASSWORD, reasonFrom, snippet } from '../lib/client.mjs';
import { freePort, startServer } from '../lib/server.mjs';
import { startSmtpSink } from '../lib/smtp.mjs';

const MAIL_FROM = 'lpse@bangkalan.test';
const AUDITOR_MAIL = 'auditor@demo.lpse.bangkalankab.go.id';
const RESET_SUBJECT = 'Atur ulang kata sandi SPSE / Reset your SPSE password';
const CHANGED_SUBJECT = 'Kata sandi SPSE Anda telah diganti / Your SPSE password was changed';
const NEW_PASSWORD = 'kunci-baru-yang-panjang-2026';
// The reset requests one address may make before it must wait (app/password_reset.cc).
const FREE_RESET_REQUESTS = 5;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A mail queued now is delivered within the worker's next poll (every second).
const DELIVERY_SETTLE_MS = 3_000;

describe('password reset by mail (real SMTP)', () => {
  let sink;
  let server;
  let publicUrl;
  let resetRequests = 0;  // POST /akun/lupa-sandi from this address so far
  let resetLink = '';     // from the mail of the first test
  let staleTab = null;    // a client that opened the link's form before it was used

  before(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    server = await startServer({
      port,
      env: {
        SPSE_SMTP_URL: sink.url,
        SPSE_MAIL_FROM: MAIL_FROM,
        SPSE_PUBLIC_URL: publicUrl,
      },
    });
  });

  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  const toAuditor = (subject) => (m) => m.envelope.to.includes(AUDITOR_MAIL) && m.subject === subject;

  // GET the form (for its CSRF token), then POST a User ID.
  async function askForReset(client, username) {
    const page = await client.get('/akun/lupa-sandi');
    assert.equal(page.status, 200, `GET /akun/lupa-sandi: ${snippet(page.text)}`);
    resetRequests += 1;
    return client.post('/akun/lupa-sandi', { username });
  }

  // The part of the page that depends on what was asked: everything but the CSRF token.
  const comparable = (html) => html.replace(/(name="_csrf"\s+value=")[^"]*"/g, '$1"')
    .replace(/(<meta name="csrf-token" content=")[^"]*"/g, '$1"');

  test('asking answers the same for a real and an unknown User ID; only the real one gets mail', async () => {
    const login = await new Client(server.baseUrl).get('/masuk');
    assert.match(login.text, /href="\/akun\/lupa-sandi"/, 'the sign-in page links the form');

    // The unknown one first: once the real one's mail is in, anything the
    // unknown one had queued would have been delivered too.
    const unknown = await askForReset(new Client(server.baseUrl), `tidak.ada.${randomBytes(4).toString('hex')}`);
    const real = await askForReset(new Client(server.baseUrl), 'auditor');
    for (const [who, res] of [['unknown', unknown], ['auditor', real]]) {
      assert.equal(res.status, 200, `${who}: ${snippet(res.text)}`);
      assert.match(res.text, /data-testid="reset-sent"/, `${who}: the "sent" notice`);
      assert.doesNotMatch(res.text, /id="forgot-form"/, `${who}: no form after sending`);
    }
    const notice = (html) => /<p[^>]*data-testid="reset-sent"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
    assert.equal(notice(unknown.text), notice(real.text));
    assert.equal(comparable(unknown.text), comparable(real.text),
      'the two answers differ only in their CSRF token');

    const mail = await sink.waitFor(toAuditor(RESET_SUBJECT));
    await sleep(DELIVERY_SETTLE_MS);
    assert.equal(sink.messages().length, 1, 'one mail only: nothing for the unknown User ID');

    assert.deepEqual(mail.envelope.to, [AUDITOR_MAIL]);
    assert.equal(mail.envelope.from, MAIL_FROM);
    assert.equal(mail.to, AUDITOR_MAIL);
    assert.equal(mail.from, MAIL_FROM);
    assert.equal(mail.subject, RESET_SUBJECT);
    assert.match(mail.contentType, /^text\/plain;\s*charset="?utf-8"?$/i);
    assert.ok(mail.headers['message-id'], 'a Message-ID');
    assert.ok(mail.headers.date, 'a Date');

    const text = mail.text;
    const indonesian = text.indexOf('Yth. Ir. Lilik Suryani (Inspektorat),');
    const english = text.indexOf('Dear Ir. Lilik Suryani (Inspektorat),');
    assert.ok(indonesian >= 0, `Indonesian greeting in:\n${text}`);
    assert.ok(english > indonesian, `English after Indonesian in:\n${text}`);
    assert.match(text.slice(indonesian, english), /User ID auditor/);
    assert.match(text.slice(english), /User ID auditor/);

    const escaped = publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const links = [...text.matchAll(new RegExp(`${escaped}/akun/reset\\?token=([A-Za-z0-9_-]+)`, 'g'))];
    assert.equal(links.length, 2, `the link once in each language:\n${text}`);
    assert.equal(links[0][0], links[1][0]);
    assert.ok(links[0].index < english && links[1].index > english);
    assert.ok(links[0][1].length >= 32, 'a long random token');
    resetLink = links[0][0];
  });

  test('the link sets a new password once, ends the sessions and tells the owner', async () => {
    assert.ok(resetLink, 'the first test found the link');
    const signedIn = new Client(server.baseUrl);
    await signedIn.login('auditor');

    const c = new Client(server.baseUrl);
    const path = resetLink.slice(publicUrl.length);
    const token = new URL(resetLink).searchParams.get('token');
    const page = await c.get(path);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /id="reset-form"/);
    assert.match(page.text, new RegExp(`name="token" value="${token}"`));
    // A second tab on the same link, submitted after the first (next test).
    staleTab = new Client(server.baseUrl);
    assert.equal((await staleTab.get(path)).status, 200);

    const mismatch = await c.post('/akun/reset', { token, new: NEW_PASSWORD, confirm: `${NEW_PASSWORD}x` });
    assert.equal(mismatch.status, 400, snippet(mismatch.text));
    assert.equal(reasonFrom(mismatch.text), 'password.mismatch');
    assert.match(mismatch.text, /id="reset-form"/, 'the form is shown again');

    const done = await c.post('/akun/reset', { token, new: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(done.status, 303, snippet(done.text));
    assert.equal(done.location, '/masuk?ok=password_reset');

    const old = await new Client(server.baseUrl).login('auditor', DEMO_PASSWORD, { expectOk: false });
    assert.equal(old.status, 401, `the old password: ${snippet(old.text)}`);
    const fresh = await new Client(server.baseUrl).login('auditor', NEW_PASSWORD, { expectOk: false });
    assert.equal(fresh.status, 303, `the new password: ${snippet(fresh.text)}`);
    assert.equal(fresh.location, '/dasbor');

    const ended = await signedIn.get('/dasbor');
    assert.equal(ended.status, 303, 'the session from before the reset has ended');
    assert.match(ended.location ?? '', /^\/masuk/);

    const notice = await sink.waitFor(toAuditor(CHANGED_SUBJECT));
    assert.equal(notice.from, MAIL_FROM);
    const indonesian = notice.text.indexOf('Kata sandi akun SPSE dengan User ID auditor baru saja diganti');
    const english = notice.text.indexOf('The password of the SPSE account with User ID auditor was just changed');
    assert.ok(indonesian >= 0 && english > indonesian, notice.text);
    assert.doesNotMatch(notice.text, /token=/, 'no link in the notice');
    assert.equal(sink.messages().length, 2);

    // The same notice waits in the in-application inbox (issue 3, item 8).
    const owner = new Client(server.baseUrl);
    await owner.login('auditor', NEW_PASSWORD);
    const dash = await owner.get('/dasbor');
    assert.match(dash.text, /<span class="badge"[^>]*>1<\/span>/, 'one unread message in the header');
    const inbox = await owner.get('/kotak-masuk');
    const id = /href="\/kotak-masuk\/(\d+)"/.exec(inbox.text)?.[1];
    assert.ok(id, snippet(inbox.text));
    assert.match(inbox.text, /Kata sandi SPSE Anda telah diganti/);
    // Another user cannot read it: the id looks like nothing at all.
    const stranger = new Client(server.baseUrl);
    await stranger.login('pokja1');
    const peek = await stranger.get(`/kotak-masuk/${id}`);
    assert.equal(peek.status, 404);
    const open = await owner.get(`/kotak-masuk/${id}`);
    assert.equal(open.status, 200);
    assert.match(open.text, /baru saja diganti melalui tautan atur ulang/);
    const after = await owner.get('/dasbor');
    assert.doesNotMatch(after.text, /class="badge"/, 'read: no unread badge any more');
  });

  test('a used link is refused, on the page and on submit', async () => {
    assert.ok(resetLink, 'the first test found the link');
    const c = new Client(server.baseUrl);
    const token = new URL(resetLink).searchParams.get('token');
    const page = await c.get(resetLink.slice(publicUrl.length));
    assert.equal(page.status, 400, snippet(page.text));
    assert.equal(reasonFrom(page.text), 'reset.invalid');
    assert.doesNotMatch(page.text, /id="reset-form"/);
    assert.match(page.text, /href="\/akun\/lupa-sandi"/, 'offers to ask for a new link');

    // The page offers no form any more; a tab opened before the link was used still has one.
    assert.ok(staleTab, 'the second test opened a second tab');
    const again = await staleTab.post('/akun/reset', { token, new: 'kunci-lain-yang-panjang-2027', confirm: 'kunci-lain-yang-panjang-2027' });
    assert.equal(again.status, 400, snippet(again.text));
    assert.equal(reasonFrom(again.text), 'reset.invalid');

    const still = await new Client(server.baseUrl).login('auditor', NEW_PASSWORD, { expectOk: false });
    assert.equal(still.status, 303, 'the password set through the link still works');
  });

  test('a made-up or missing token is refused', async () => {
    const c = new Client(server.baseUrl);
    const madeUp = randomBytes(32).toString('base64url');
    const page = await c.get(`/akun/reset?token=${madeUp}`);
    assert.equal(page.status, 400, snippet(page.text));
    assert.equal(reasonFrom(page.text), 'reset.invalid');
    assert.doesNotMatch(page.text, /id="reset-form"/);

    const missing = await c.get('/akun/reset');
    assert.equal(missing.status, 400, snippet(missing.text));
    assert.equal(reasonFrom(missing.text), 'reset.invalid');

    await c.refreshCsrf('/masuk');  // the refusal page has no form, hence no CSRF token
    const posted = await c.post('/akun/reset', { token: madeUp, new: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(posted.status, 400, snippet(posted.text));
    assert.equal(reasonFrom(posted.text), 'reset.invalid');
  });

  // Last: it leaves this address throttled.
  test('more than five requests a minute from one address are throttled, and send nothing', async () => {
    assert.ok(resetRequests < FREE_RESET_REQUESTS, 'earlier tests left requests to spend');
    while (resetRequests < FREE_RESET_REQUESTS) {
      const res = await askForReset(new Client(server.baseUrl), `tidak.ada.${randomBytes(4).toString('hex')}`);
      assert.equal(res.status, 200, `request ${resetRequests}: ${snippet(res.text)}`);
      assert.match(res.text, /data-testid="reset-sent"/);
    }
    const before = sink.messages().length;
    // The sixth, for a real account: refused, and no mail goes out.
    const throttled = await askForReset(new Client(server.baseUrl), 'auditor');
    assert.equal(throttled.status, 429, snippet(throttled.text));
    assert.equal(reasonFrom(throttled.text), 'auth.throttled');
    assert.doesNotMatch(throttled.text, /data-testid="reset-sent"/);

    const next = await askForReset(new Client(server.baseUrl), `tidak.ada.${randomBytes(4).toString('hex')}`);
    assert.equal(next.status, 429, 'still throttled');

    await sleep(DELIVERY_SETTLE_MS);
    assert.equal(sink.messages().length, before, 'no mail for a throttled request');
  });
});
