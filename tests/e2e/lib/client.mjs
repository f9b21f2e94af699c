// A tiny cookie-jar HTTP client for the end-to-end tests.
//
//   import { Client, csrfFrom, DEMO_PASSWORD } from '../lib/client.mjs';
//
//   const c = new Client(server.baseUrl);
//   await c.login('admin');                       // GET /masuk + POST /masuk (+ second factor)
//   const res = await c.get('/dasbor');           // {status, headers, text, location, cookies}
//   await c.post('/kelola/pengumuman', { kind: 'berita', title: 't', body: 'b' });
//
// Redirects are never followed (every response is returned as is), cookies
// from Set-Cookie are kept (Max-Age=0 / empty values delete them), and post()
// adds the session's CSRF token unless the form already has `_csrf` or
// `{ csrf: false }` is passed.

import {
  enrolmentOf, freshCode, markStepUsed, recoveryCodesFrom, rememberEnrolment, secretFrom, stepAt,
  totp,
} from './totp.mjs';

export const DEMO_PASSWORD = 'bangkalan-demo-2026';

/** The first `name="_csrf" value="..."` of an HTML page, or ''. */
export function csrfFrom(html) {
  const m = /name="_csrf"\s+value="([^"]*)"/.exec(html ?? '');
  return m ? decodeEntities(m[1]) : '';
}

/** The `data-reason` of the first alert of a page, or ''. */
export function reasonFrom(html) {
  const m = /class="alert alert-error"[^>]*data-reason="([^"]*)"/.exec(html ?? '');
  return m ? m[1] : '';
}

export function decodeEntities(s) {
  return String(s)
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Parses one Set-Cookie header into {name, value, attrs: {lowercased name: value|true}}. */
export function parseSetCookie(header) {
  const parts = header.split(';').map((p) => p.trim());
  const first = parts.shift() ?? '';
  const eq = first.indexOf('=');
  const name = eq < 0 ? first : first.slice(0, eq);
  const value = eq < 0 ? '' : first.slice(eq + 1);
  const attrs = {};
  for (const p of parts) {
    if (!p) continue;
    const i = p.indexOf('=');
    if (i < 0) attrs[p.toLowerCase()] = true;
    else attrs[p.slice(0, i).toLowerCase()] = p.slice(i + 1);
  }
  return { name, value, attrs };
}

/** URL-encodes a form: a plain object (array values repeat the field) or [name, value] pairs. */
export function encodeForm(form = {}) {
  const params = new URLSearchParams();
  const entries = Array.isArray(form) ? form : Object.entries(form);
  for (const [k, v] of entries) {
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else if (v !== undefined && v !== null) params.append(k, String(v));
  }
  return params.toString();
}

/** Encodes fields ([name, value] pairs) and files as multipart/form-data. */
export function encodeMultipart(entries, files = {}) {
  const boundary = `----spse-e2e-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const parts = [];
  const field = (name, value) => {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
    parts.push(Buffer.from(String(value)));
    parts.push(Buffer.from('\r\n'));
  };
  for (const [k, v] of entries) {
    if (Array.isArray(v)) for (const item of v) field(k, item);
    else if (v !== undefined && v !== null) field(k, v);
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; ` +
      `filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export class Client {
  constructor(baseUrl, { timeoutMs = 15_000 } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.jar = new Map();
    this.csrf = '';
    this.timeoutMs = timeoutMs;
  }

  /** A new client with a copy of this one's cookies. */
  clone() {
    const c = new Client(this.baseUrl, { timeoutMs: this.timeoutMs });
    for (const [k, v] of this.jar) c.jar.set(k, v);
    c.csrf = this.csrf;
    return c;
  }

  cookie(name) { return this.jar.get(name); }
  setCookie(name, value) { this.jar.set(name, value); }
  deleteCookie(name) { this.jar.delete(name); }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * Sends one request; never follows redirects. Returns
   * {status, headers, text, location, setCookies: [parsed Set-Cookie]}.
   */
  async request(method, path, { body, headers = {}, contentType } = {}) {
    const h = { ...headers };
    const cookies = this.cookieHeader();
    if (cookies && !Object.keys(h).some((k) => k.toLowerCase() === 'cookie')) h.cookie = cookies;
    if (body !== undefined && contentType) h['content-type'] = contentType;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const setCookies = res.headers.getSetCookie().map(parseSetCookie);
    for (const c of setCookies) {
      const maxAge = c.attrs['max-age'];
      if (c.value === '' || (maxAge !== undefined && Number(maxAge) <= 0)) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const text = await res.text();
    const token = csrfFrom(text);
    if (token) this.csrf = token;
    return {
      status: res.status,
      headers: res.headers,
      text,
      location: res.headers.get('location'),
      setCookies,
    };
  }

  get(path, opts = {}) { return this.request('GET', path, opts); }

  /**
   * POSTs an urlencoded form. The CSRF token last seen on a page of this
   * client is added as `_csrf` unless the form has one or `csrf: false`.
   */
  post(path, form = {}, { csrf = true, headers = {} } = {}) {
    let entries = Array.isArray(form) ? [...form] : Object.entries(form);
    if (csrf && !entries.some(([k]) => k === '_csrf')) {
      entries = [['_csrf', this.csrf], ...entries];
    }
    return this.request('POST', path, {
      body: encodeForm(entries),
      contentType: 'application/x-www-form-urlencoded',
      headers,
    });
  }

  /**
   * POSTs multipart/form-data (what a form with enctype="multipart/form-data"
   * sends). `_csrf` goes first, as the server requires. `files` maps a field
   * name to {name, type, data} (data: string or Buffer).
   *
   * The body is encoded here and sent as one buffer: fetch would stream a
   * FormData after the headers, and a server that refuses the request on its
   * headers and closes at once makes that fail with EPIPE (see the report).
   */
  postMultipart(path, fields = {}, files = {}, { csrf = true, headers = {} } = {}) {
    let entries = Array.isArray(fields) ? [...fields] : Object.entries(fields);
    if (csrf && !entries.some(([k]) => k === '_csrf')) entries = [['_csrf', this.csrf], ...entries];
    const { body, contentType } = encodeMultipart(entries, files);
    return this.request('POST', path, { body, contentType, headers });
  }

  /** Fetches a fresh CSRF token for the current session (or pre-session) from `page`. */
  async refreshCsrf(page = '/masuk') {
    const res = await this.get(page);
    const token = csrfFrom(res.text);
    if (!token) throw new Error(`no _csrf on ${page} (status ${res.status})`);
    this.csrf = token;
    return token;
  }

  /**
   * Signs in: GET /masuk, then POST /masuk. Resolves with the response that
   * ends the sign-in; throws unless it is a 303 (pass `expectOk: false` to
   * get any response). After a successful sign-in the client's CSRF token is
   * the session's one.
   *
   * The second factor is handled on the way, as its owner would: an account
   * sent to /akun/2fa enrols an authenticator (the secret is read from the
   * page and remembered per server and account, see totp.mjs), and an
   * account asked for a code at /masuk/otp gets the remembered secret's
   * code; the response of that step is the one returned.
   */
  async login(username, password = DEMO_PASSWORD, { expectOk = true, next } = {}) {
    const page = await this.get('/masuk');
    const token = csrfFrom(page.text);
    const form = { _csrf: token, username, password };
    if (next !== undefined) form.next = next;
    let res = await this.post('/masuk', form);
    if (res.status === 303 && /^\/masuk\/otp(\?|$)/.test(res.location ?? '')) {
      res = await this.answerSecondFactor(username, res.location);
    } else if (res.status === 303 && res.location === '/akun/2fa') {
      await this.enrolSecondFactor(username);
    }
    if (expectOk) {
      if (res.status !== 303) {
        throw new Error(`login(${username}) answered ${res.status}, not 303: ${snippet(res.text)}`);
      }
      if (res.location !== '/akun/kata-sandi') await this.refreshCsrf('/dasbor');
      else await this.refreshCsrf('/akun/kata-sandi');
    }
    return res;
  }

  /**
   * Sets up the second factor of the signed-in account from /akun/2fa and
   * remembers it. Resolves {secret, step, recoveryCodes, res} (res: the
   * confirming POST's response, the page with the recovery codes).
   */
  async enrolSecondFactor(username) {
    const page = await this.get('/akun/2fa');
    const secret = secretFrom(page.text);
    const enrolment = /name="enrolment" value="([^"]*)"/.exec(page.text)?.[1];
    if (!secret || enrolment === undefined) {
      throw new Error(`${username}: no enrolment form on /akun/2fa (${page.status}): ${snippet(page.text)}`);
    }
    const step = stepAt();
    const res = await this.post('/akun/2fa', { enrolment: decodeEntities(enrolment), code: totp(secret, { step }) });
    if (res.status !== 200) {
      throw new Error(`${username}: enrolling the authenticator answered ${res.status}: ${snippet(res.text)}`);
    }
    const recoveryCodes = recoveryCodesFrom(res.text);
    rememberEnrolment(this.baseUrl, username, { secret, step, recoveryCodes });
    return { secret, step, recoveryCodes, res };
  }

  /**
   * Answers the second-factor step the sign-in was sent to (`location`,
   * /masuk/otp...) with a fresh code of the remembered secret. Resolves with
   * the response of POST /masuk/otp.
   */
  async answerSecondFactor(username, location = '/masuk/otp') {
    if (!enrolmentOf(this.baseUrl, username)) {
      throw new Error(`${username} asks for a second factor this test run did not set up`);
    }
    const page = await this.get(location);
    const next = decodeEntities(/name="next" value="([^"]*)"/.exec(page.text)?.[1] ?? '');
    for (let attempt = 0; ; attempt++) {
      const { code, step } = await freshCode(this.baseUrl, username);
      const res = await this.post('/masuk/otp', { code, next });
      // The server spent that step (or already had, through another client).
      if (res.status === 303 || reasonFrom(res.text) === 'auth.otp_reused') {
        markStepUsed(this.baseUrl, username, step);
      }
      if (res.status !== 401 || reasonFrom(res.text) !== 'auth.otp_reused' || attempt > 0) return res;
    }
  }
  /** POST /keluar with the session's token. */
  logout() { return this.post('/keluar', {}); }
}

/** A short, single-line excerpt of an HTML body for assertion messages. */
export function snippet(html, max = 300) {
  const reason = reasonFrom(html);
  const text = String(html ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (reason ? `[reason=${reason}] ` : '') + text.slice(0, max);
}

/**
 * Sends raw bytes over a fresh TCP connection and collects everything the
 * server answers until it closes the connection (or `timeoutMs` passes).
 * Resolves {text, status, headers (lowercased name -> value), body, closed,
 * error}: `status` is null when no status line came back, `closed` tells
 * whether the server closed the connection, `error` is a socket error code.
 */
export async function rawRequest(port, data, { host = '127.0.0.1', timeoutMs = 5_000 } = {}) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const chunks = [];
    let settled = false;
    let error = null;
    let closed = false;
    const socket = net.connect({ host, port });
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ ...parseRawResponse(text), text, closed, error });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => {
      const parts = Array.isArray(data) ? data : [data];
      for (const p of parts) socket.write(p);
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => { closed = true; finish(); });
    socket.on('close', () => { closed = true; finish(); });
    // An error (EPIPE, ECONNRESET) is recorded; what was received still counts.
    socket.on('error', (e) => { error = e.code ?? String(e); closed = true; });
  });
}

/** Splits the first HTTP response of `text` into status, headers and body. */
export function parseRawResponse(text) {
  const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(text);
  if (!m) return { status: null, headers: {}, body: '' };
  const end = text.indexOf('\r\n\r\n');
  const headers = {};
  for (const line of text.slice(m[0].length, end < 0 ? undefined : end).split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: end < 0 ? '' : text.slice(end + 4) };
}
