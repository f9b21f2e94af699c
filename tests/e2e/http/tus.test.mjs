// Resumable uploads over HTTP: the tus 1.0 protocol (core, creation,
// termination) as tus-js-client speaks it, through the real server and its
// streamed PATCH bodies. The server runs with SPSE_TEST_UPLOADS=1, an owner of
// uploads that lets any signed-in account upload and checks size and SHA-256.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { before, describe, test } from 'node:test';

import { Client } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

const TUS = { 'tus-resumable': '1.0.0' };
const OCTETS = 'application/offset+octet-stream';

const b64 = (s) => Buffer.from(s).toString('base64');
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

describe('tus resumable uploads', () => {
  const server = useServer({ env: { SPSE_TEST_UPLOADS: '1' } });
  let vendor;

  before(async () => {
    vendor = new Client(server.baseUrl, { timeoutMs: 30_000 });
    await vendor.login('cv.madura');
  });

  const headers = (c, extra = {}) => ({ ...TUS, 'x-csrf-token': c.csrf, ...extra });

  async function create(c, bytes, { metadata = {} } = {}) {
    const meta = Object.entries({ sha256: sha256(bytes), ...metadata })
      .map(([k, v]) => `${k} ${b64(v)}`).join(',');
    const res = await c.request('POST', '/api/v1/uploads', {
      headers: headers(c, { 'upload-length': String(bytes.length), 'upload-metadata': meta }),
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    const location = res.headers.get('location');
    assert.match(location, /^\/api\/v1\/uploads\/[A-Za-z0-9_-]{1,64}$/);
    return location;
  }

  const patch = (c, location, offset, body, extra = {}) => c.request('PATCH', location, {
    headers: headers(c, { 'upload-offset': String(offset), 'content-type': OCTETS, ...extra }),
    body,
  });
  const head = (c, location) => c.request('HEAD', location, { headers: headers(c) });
  const reason = (res) => JSON.parse(res.text).error.reason;

  test('OPTIONS says what the server supports', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/uploads`, { method: 'OPTIONS' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    assert.equal(res.headers.get('tus-version'), '1.0.0');
    assert.equal(res.headers.get('tus-extension'), 'creation,termination');
    assert.match(res.headers.get('tus-max-size'), /^\d+$/);
  });

  test('a 3 MiB file in two PATCHes, resumed from HEAD, ends as one blob', async () => {
    const bytes = randomBytes(3 << 20);
    const location = await create(vendor, bytes, { metadata: { filename: 'penawaran.pdf.sealed' } });

    const start = await head(vendor, location);
    assert.equal(start.status, 200);
    assert.equal(start.headers.get('upload-offset'), '0');
    assert.equal(start.headers.get('upload-length'), String(bytes.length));
    assert.equal(start.headers.get('cache-control'), 'no-store');

    const first = await patch(vendor, location, 0, bytes.subarray(0, 1_000_000));
    assert.equal(first.status, 204, first.text);
    assert.equal(first.headers.get('upload-offset'), '1000000');
    assert.equal(first.headers.get('tus-resumable'), '1.0.0');

    const stale = await patch(vendor, location, 0, bytes.subarray(0, 10));
    assert.equal(stale.status, 409);
    assert.equal(reason(stale), 'upload.offset_mismatch');

    const resumed = await head(vendor, location);
    assert.equal(resumed.headers.get('upload-offset'), '1000000');
    const last = await patch(vendor, location, 1_000_000, bytes.subarray(1_000_000));
    assert.equal(last.status, 204, last.text);
    assert.equal(last.headers.get('upload-offset'), String(bytes.length));

    // Finished: its owner closed it.
    const after = await patch(vendor, location, bytes.length, Buffer.alloc(0));
    assert.equal(after.status, 409);
    assert.equal(reason(after), 'upload.closed');
  });

  test('a PATCH cut off mid-body keeps what arrived, and the upload resumes there', async () => {
    const bytes = randomBytes(1 << 20);
    const location = await create(vendor, bytes);
    const sent = 300_000;
    await new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: server.port }, () => {
        socket.write(`PATCH ${location} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Cookie: ${vendor.cookieHeader()}\r\nX-CSRF-Token: ${vendor.csrf}\r\n` +
          `Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: ${OCTETS}\r\n` +
          `Content-Length: ${bytes.length}\r\n\r\n`);
        socket.write(bytes.subarray(0, sent), () => setTimeout(() => { socket.destroy(); resolve(); }, 300));
      });
      socket.on('error', reject);
    });
    let offset = null;
    for (let i = 0; i < 50 && offset !== String(sent); i++) {
      const res = await head(vendor, location);
      assert.equal(res.status, 200);
      offset = res.headers.get('upload-offset');
      if (offset !== String(sent)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(offset, String(sent));
    const rest = await patch(vendor, location, sent, bytes.subarray(sent));
    assert.equal(rest.status, 204, rest.text);
    assert.equal(rest.headers.get('upload-offset'), String(bytes.length));
  });

  test('the owner refuses bytes that are not the declared ones', async () => {
    const bytes = Buffer.from('isi penawaran');
    const location = await create(vendor, Buffer.from('something else'.slice(0, bytes.length)));
    const res = await patch(vendor, location, 0, bytes);
    assert.equal(res.status, 400);
    assert.equal(reason(res), 'upload.hash_mismatch');
  });

  test('bytes beyond Upload-Length are refused (413)', async () => {
    const bytes = Buffer.from('abc');
    const location = await create(vendor, bytes);
    const res = await patch(vendor, location, 0, Buffer.from('abcd'));
    assert.equal(res.status, 413);
    assert.equal(reason(res), 'upload.too_long');
    assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    assert.equal((await head(vendor, location)).headers.get('upload-offset'), '0');
  });

  test('PATCH without the offset content type -> 415', async () => {
    const location = await create(vendor, Buffer.from('abc'));
    const res = await patch(vendor, location, 0, Buffer.from('abc'), { 'content-type': 'application/octet-stream' });
    assert.equal(res.status, 415);
    assert.equal(reason(res), 'upload.content_type');
  });

  test('DELETE terminates the upload', async () => {
    const location = await create(vendor, Buffer.from('abc'));
    const del = await vendor.request('DELETE', location, { headers: headers(vendor) });
    assert.equal(del.status, 204);
    assert.equal(del.headers.get('tus-resumable'), '1.0.0');
    assert.equal((await head(vendor, location)).status, 404);
  });

  test('another account finds no upload of this one', async () => {
    const location = await create(vendor, Buffer.from('abc'));
    const other = new Client(server.baseUrl);
    await other.login('pokja1');
    const res = await head(other, location);
    assert.equal(res.status, 404);
    const write = await patch(other, location, 0, Buffer.from('abc'));
    assert.equal(write.status, 404);
    assert.equal(reason(write), 'upload.not_found');
  });

  test('refusals: no version 412, no CSRF token 403, signed out 401, all JSON', async () => {
    const noVersion = await vendor.request('POST', '/api/v1/uploads', {
      headers: { 'x-csrf-token': vendor.csrf, 'upload-length': '3' },
    });
    assert.equal(noVersion.status, 412);
    assert.equal(noVersion.headers.get('tus-version'), '1.0.0');
    assert.equal(reason(noVersion), 'tus.version_unsupported');

    const noToken = await vendor.request('POST', '/api/v1/uploads', { headers: { ...TUS, 'upload-length': '3' } });
    assert.equal(noToken.status, 403);
    assert.equal(reason(noToken), 'http.csrf');
    assert.match(noToken.headers.get('content-type'), /^application\/json/);

    const location = await create(vendor, Buffer.from('abc'));
    const forged = await vendor.request('PATCH', location, {
      headers: { ...TUS, 'upload-offset': '0', 'content-type': OCTETS, 'x-csrf-token': 'forged' },
      body: Buffer.from('abc'),
    });
    assert.equal(forged.status, 403);
    assert.equal(reason(forged), 'http.csrf');
    assert.equal((await head(vendor, location)).headers.get('upload-offset'), '0');

    const anon = new Client(server.baseUrl);
    const signedOut = await anon.request('PATCH', location, {
      headers: { ...TUS, 'upload-offset': '0', 'content-type': OCTETS },
      body: Buffer.from('abc'),
    });
    assert.equal(signedOut.status, 401);
    assert.equal(reason(signedOut), 'auth.required');
    assert.equal(signedOut.headers.get('tus-resumable'), '1.0.0');
  });
});
