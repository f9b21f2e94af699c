// The deadline rush (issue 5): many vendors sending sealed bids at once.
// Node built-ins and web/static/js/sealing.mjs only; bench/rush.sh runs the
// three steps, tests/e2e/crash/bids_crash.test.mjs reuses the client.
//
//   node bench/rush.mjs seal   --fixture F --dir D --size BYTES [--count N]
//       Seals, per vendor of the fixture, a document of BYTES random bytes
//       and a price form to the tender's public key, into D, and writes
//       D/manifest.json (sizes, SHA-256 of ciphertext and of plaintext).
//   node bench/rush.mjs upload --fixture F --dir D --base-url URL [--chunk BYTES] [--timeout S]
//       Every vendor at once: declares its bid (POST /api/v1/tenders/{id}/bids),
//       sends each file over tus (HEAD, then PATCHes of --chunk bytes), fetches
//       the receipt and verifies its signature with the server's receipt key.
//       Prints one JSON line: receipts, verified, bytes, wall_ms, errors.
//   node bench/rush.mjs raw    --dir D --target T
//       The same ciphertext written to T, every file at once as the upload
//       does, each fsynced and hashed with SHA-256: the disk's limit for the
//       same work. Prints one JSON line: files, bytes, wall_ms.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import * as S from '../web/static/js/sealing.mjs';

const TUS = { 'tus-resumable': '1.0.0' };
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The price form's plaintext, as the bid page builds it. */
export function priceForm(price) {
  return Buffer.from(JSON.stringify({ v: 1, price: String(price), currency: 'IDR', notes: 'termasuk PPN' }));
}

/**
 * Seals a document of `size` random bytes and a price form for each of the
 * first `count` vendors of `fixture` into `dir`; returns (and writes) the
 * manifest: [{vendor, files: [{name, path, size, sha256, plain_sha256, price_form}]}].
 */
export async function sealBids(fixture, dir, size, count = fixture.vendors.length) {
  await S.ready();
  mkdirSync(dir, { recursive: true });
  const manifest = [];
  for (let i = 0; i < count; i++) {
    const files = [];
    const plain = [
      { name: 'dokumen-penawaran.pdf', data: randomBytes(size), price_form: false },
      { name: 'penawaran-harga.json', data: priceForm(1_000_000_000 + i), price_form: true },
    ];
    for (const [n, f] of plain.entries()) {
      const sealed = Buffer.from(await S.sealFile(fixture.tender_public_key, new Uint8Array(f.data)));
      const file = path.join(dir, `${i}-${n}.sealed`);
      writeFileSync(file, sealed);
      files.push({
        name: f.name, path: file, size: sealed.length, sha256: sha256(sealed),
        plain_sha256: sha256(f.data), price_form: f.price_form,
      });
    }
    manifest.push({ vendor: i, files });
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

/** One vendor's HTTP client: its cookie, CSRF token and a deadline per request. */
export class Vendor {
  constructor(baseUrl, { cookie, csrf }, { timeoutMs = 120_000 } = {}) {
    this.baseUrl = baseUrl;
    this.cookie = cookie;
    this.csrf = csrf;
    this.timeoutMs = timeoutMs;
  }

  async request(method, url, { headers = {}, body } = {}) {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = method === 'HEAD' ? '' : await res.text();
    return { status: res.status, headers: res.headers, text };
  }
}

const reasonOf = (res) => {
  try { return JSON.parse(res.text).error.reason; } catch { return ''; }
};

// A refusal that retrying cannot change.
class Refused extends Error {}

/**
 * Declares the bid of `files` (manifest entries) and sends them; the
 * receipt file's JSON text and the bid id. With `retry`, connection errors,
 * 5xx and 423 are waited out and the upload resumes where the server's HEAD
 * says, as tus-js-client does; `onEvent(name)` hears each step.
 */
export async function sendBid(vendor, tenderId, files, { chunk = 4 << 20, retry = false, retryUntil = Infinity, onEvent = () => {} } = {}) {
  const attempt = async (what, fn) => {
    for (let delay = 200; ; delay = Math.min(2_000, delay * 2)) {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof Refused || !retry || Date.now() > retryUntil) throw e;
        onEvent(`retry:${what}`);
        await sleep(delay);
      }
    }
  };
  const check = (res, ok, what) => {
    if (ok.includes(res.status)) return res;
    const msg = `${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`;
    if (res.status >= 500 || res.status === 423) throw new Error(msg);
    throw new Refused(msg);
  };

  const declared = await attempt('declare', async () => {
    const res = await vendor.request('POST', `/api/v1/tenders/${tenderId}/bids`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        envelope: 'tunggal',
        files: files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256, price_form: f.price_form })),
      }),
    });
    return JSON.parse(check(res, [201], 'declare').text);
  });
  onEvent('declared');

  for (const [n, f] of files.entries()) {
    const url = declared.files[n].upload_url;
    if (process.env.RUSH_CLIENT === 'curl') {
      // One streamed PATCH per file from curl (-T reads the file as it
      // sends): a load generator that costs the shared CPU little.
      await new Promise((resolve, reject) => {
        execFile('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PATCH', '-T', f.path,
          '-H', `cookie: ${vendor.cookie}`, '-H', `x-csrf-token: ${vendor.csrf}`,
          '-H', 'tus-resumable: 1.0.0', '-H', 'upload-offset: 0',
          '-H', 'content-type: application/offset+octet-stream', '-H', 'expect:',
          `${vendor.baseUrl}${url}`], { timeout: vendor.timeoutMs }, (err, stdout) => {
          if (err) reject(err);
          else if (stdout.trim() !== '204') reject(new Refused(`PATCH ${url}: HTTP ${stdout}`));
          else resolve();
        });
      });
      onEvent('file');
      continue;
    }
    const handle = await open(f.path, 'r');
    try {
      await attempt('upload', async () => {
        const head = await vendor.request('HEAD', url, { headers: TUS });
        // Closed: every byte is in and the owner has the file.
        if (head.status === 409) return;
        check(head, [200], `HEAD ${url}`);
        let offset = Number(head.headers.get('upload-offset'));
        while (offset < f.size) {
          const length = Math.min(chunk, f.size - offset);
          const body = Buffer.allocUnsafe(length);
          const { bytesRead } = await handle.read(body, 0, length, offset);
          if (bytesRead !== length) throw new Refused(`${f.path}: short read`);
          const res = await vendor.request('PATCH', url, {
            headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
            body,
          });
          if (res.status === 409 && reasonOf(res) === 'upload.offset_mismatch') throw new Error('offset moved');
          check(res, [204], `PATCH ${url}`);
          offset = Number(res.headers.get('upload-offset'));
          onEvent('patch');
        }
      });
    } finally {
      await handle.close();
    }
    onEvent('file');
  }

  const receipt = await attempt('receipt', async () => {
    const res = await vendor.request('GET', `/penawaran/${declared.bid}/tanda-terima.json`);
    return check(res, [200], 'receipt').text;
  });
  return { bid: declared.bid, receipt };
}

/** The server's receipt key (base64url). */
export async function receiptKey(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/receipt-key`, { signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`receipt key: HTTP ${res.status}`);
  return (await res.json()).public_key;
}

/** A receipt's text when its signature holds with `key`, else null. */
export function verifiedReceipt(json, key) {
  try {
    return S.verifyReceiptFile(json, key);
  } catch {
    return null;
  }
}

async function upload({ fixture, dir, baseUrl, chunk, timeoutMs }) {
  await S.ready();
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const key = await receiptKey(baseUrl);
  const bytes = manifest.reduce((sum, m) => sum + m.files.reduce((s, f) => s + f.size, 0), 0);
  const errors = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.all(manifest.map(async (m) => {
    const vendor = new Vendor(baseUrl, fixture.vendors[m.vendor], { timeoutMs });
    try {
      return await sendBid(vendor, fixture.tender_id, m.files, { chunk });
    } catch (e) {
      errors.push(`vendor ${m.vendor}: ${e.message}`);
      return null;
    }
  }));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const got = results.filter(Boolean);
  const verified = got.filter((r) => verifiedReceipt(r.receipt, key) !== null).length;
  return {
    vendors: manifest.length, receipts: got.length, verified, bytes,
    wall_ms: Math.round(wallMs), mb_per_s: +(bytes / 1e6 / (wallMs / 1000)).toFixed(1),
    client_cpu_s: +((used.user + used.system) / 1e6).toFixed(1),
    errors: errors.slice(0, 10), error_count: errors.length,
  };
}

async function raw({ dir, target, chunk }) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  mkdirSync(target, { recursive: true });
  const files = manifest.flatMap((m) => m.files);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(files.map(async (f, i) => {
    const input = await open(f.path, 'r');
    const out = await open(path.join(target, `${i}.raw`), 'w');
    const hash = createHash('sha256');
    for (let at = 0; at < f.size; at += chunk) {
      const piece = Buffer.allocUnsafe(Math.min(chunk, f.size - at));
      await input.read(piece, 0, piece.length, at);
      await out.write(piece, 0, piece.length, at);
      hash.update(piece);
    }
    await out.sync();
    await Promise.all([out.close(), input.close()]);
    if (hash.digest('hex') !== f.sha256) throw new Error(`${f.path}: hash differs`);
  }));
  const wallMs = performance.now() - started;
  const bytes = files.reduce((s, f) => s + f.size, 0);
  const used = process.cpuUsage(cpu);
  return {
    files: files.length, bytes, wall_ms: Math.round(wallMs), mb_per_s: +(bytes / 1e6 / (wallMs / 1000)).toFixed(1),
    cpu_s: +((used.user + used.system) / 1e6).toFixed(1),
  };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      fixture: { type: 'string' }, dir: { type: 'string' }, target: { type: 'string' },
      'base-url': { type: 'string' }, size: { type: 'string', default: String(10 << 20) },
      count: { type: 'string' }, chunk: { type: 'string', default: String(4 << 20) },
      timeout: { type: 'string', default: '300' },
    },
  });
  const fixture = values.fixture ? JSON.parse(readFileSync(values.fixture, 'utf8')) : null;
  let out;
  switch (positionals[0]) {
    case 'seal': {
      const count = values.count ? Number(values.count) : fixture.vendors.length;
      const t = performance.now();
      const m = await sealBids(fixture, values.dir, Number(values.size), count);
      out = { sealed: m.length, seal_ms: Math.round(performance.now() - t) };
      break;
    }
    case 'upload':
      out = await upload({
        fixture, dir: values.dir, baseUrl: values['base-url'] ?? fixture.base_url,
        chunk: Number(values.chunk), timeoutMs: Number(values.timeout) * 1000,
      });
      break;
    case 'raw':
      out = await raw({ dir: values.dir, target: values.target, chunk: Number(values.chunk) });
      break;
    default:
      console.error('usage: node bench/rush.mjs seal|upload|raw ... (see the top of bench/rush.mjs)');
      process.exit(2);
  }
  console.log(JSON.stringify(out));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => { console.error(e); process.exit(1); });
}
