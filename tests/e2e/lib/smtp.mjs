// A real SMTP server for the end-to-end tests: Debian's aiosmtpd (package
// python3-aiosmtpd), storing every message it receives in a Maildir.
//
//   import { startSmtpSink } from '../lib/smtp.mjs';
//
//   const sink = await startSmtpSink();           // 127.0.0.1, free port
//   // ... start spse with SPSE_SMTP_URL=sink.url ...
//   const mail = await sink.waitFor((m) => m.to === 'a@b.test');
//   mail.subject; mail.text; mail.headers['content-type'];
//   await sink.stop();
//
// messages() reads the Maildir afresh each time and parses each message:
// headers (RFC 2047 encoded words decoded, names lower-cased), the text body
// decoded from base64 or quoted-printable and its charset, and the envelope
// that aiosmtpd records (X-MailFrom, X-RcptTo).

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, stopper } from './server.mjs';

// Debian's interpreter: the `python3` on PATH may be another one (pyenv)
// without aiosmtpd.
export const SMTP_PYTHON = '/usr/bin/python3';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_LIMIT = 16 * 1024;

const live = new Set();
process.on('exit', () => {
  for (const entry of live) {
    try { entry.child.kill('SIGKILL'); } catch { /* already gone */ }
    try { rmSync(entry.root, { recursive: true, force: true }); } catch { /* ignore */ }
  }
});

function waitExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1_000, () => done(false));
    // The SMTP greeting ("220 ...") shows the server, not just the socket, is up.
    socket.once('data', (d) => done(d.toString().startsWith('220')));
    socket.once('error', () => done(false));
  });
}

// ------------------------------------------------------------ message parsing

function decodeBytes(bytes, charset = 'utf-8') {
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);  // unknown label
  }
}

function decodeQuotedPrintable(text, { header = false } = {}) {
  const src = header ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?B?...?=") in a header value. */
export function decodeHeader(value) {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Whitespace between two adjacent encoded words is dropped (RFC 2047 6.2).
  const joined = String(value).replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(word, (_, charset, enc, text) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : decodeQuotedPrintable(text, { header: true });
    return decodeBytes(bytes, charset.replace(/\*.*$/, ''));  // drop an RFC 2231 language
  });
}

/** The parameter `name` of a header value such as `text/plain; charset=UTF-8`. */
function param(value, name) {
  const m = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value ?? '');
  return m ? m[1].trim() : undefined;
}

/**
 * Parses one stored message (a single-part text message, which is all SPSE
 * sends). Returns {headers: {lower-cased name: decoded value (the last one if
 * repeated)}, headerList: [[name, decoded value]], subject, from, to,
 * envelope: {from, to: [..]}, contentType, charset, transferEncoding,
 * rawBody, text}.
 */
export function parseMessage(raw) {
  const source = Buffer.isBuffer(raw) ? raw.toString('latin1') : String(raw);
  const split = /\r?\n\r?\n/.exec(source);
  const head = split ? source.slice(0, split.index) : source;
  const rawBody = split ? source.slice(split.index + split[0].length) : '';

  const headerList = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headerList.length > 0) {
      headerList[headerList.length - 1][1] += ` ${line.trim()}`;  // folded
      continue;
    }
    const i = line.indexOf(':');
    if (i > 0) headerList.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  const headers = {};
  for (const entry of headerList) {
    // Header bytes are UTF-8 when not encoded words (RFC 6532).
    entry[1] = decodeHeader(decodeBytes(Buffer.from(entry[1], 'latin1')));
    headers[entry[0].toLowerCase()] = entry[1];
  }

  const contentType = headers['content-type'] ?? 'text/plain';
  const charset = param(contentType, 'charset') ?? 'us-ascii';
  const transferEncoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let bodyBytes;
  if (transferEncoding === 'base64') bodyBytes = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64');
  else if (transferEncoding === 'quoted-printable') bodyBytes = decodeQuotedPrintable(rawBody);
  else bodyBytes = Buffer.from(rawBody, 'latin1');
  const text = decodeBytes(bodyBytes, charset === 'us-ascii' ? 'utf-8' : charset);

  const address = (v) => {
    const m = /<([^>]*)>/.exec(v ?? '');
    return (m ? m[1] : v ?? '').trim();
  };
  return {
    headers,
    headerList,
    subject: headers.subject ?? '',
    from: address(headers.from),
    to: address(headers.to),
    envelope: {
      from: headers['x-mailfrom'] ?? '',
      to: (headers['x-rcptto'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    },
    contentType,
    charset,
    transferEncoding,
    rawBody,
    text,
  };
}

// ------------------------------------------------------------ the sink

/**
 * Starts aiosmtpd on 127.0.0.1 with its Mailbox handler and resolves once it
 * greets on its port.
 *
 * @param {object} [opts]
 * @param {number} [opts.port] default: a free one
 * @returns {Promise<{port: number, url: string, mailDir: string,
 *   messages: () => object[], waitFor: (predicate, timeoutMs?) => Promise<object>,
 *   output: () => string, stop: () => Promise<void>}>}
 */
export async function startSmtpSink({ port } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'spse-smtp-'));
  // Maildir() creates the folder with its new/cur/tmp only when it is missing.
  const mailDir = path.join(root, 'maildir');
  let lastError = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = port ?? await freePort();
    try {
      return await startOn(p, root, mailDir);
    } catch (err) {
      lastError = err;
      if (port) break;  // the caller's port: do not try another
    }
  }
  rmSync(root, { recursive: true, force: true });
  throw lastError;
}

async function startOn(port, root, mailDir) {
  const child = spawn(SMTP_PYTHON, [
    '-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', mailDir,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { child, root };
  live.add(entry);
  let out = '';
  const append = (chunk) => {
    out += chunk.toString();
    if (out.length > OUTPUT_LIMIT) out = out.slice(out.length - OUTPUT_LIMIT);
    if (process.env.SPSE_E2E_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let spawnError = null;
  child.once('error', (err) => { spawnError = err; });

  const deadline = Date.now() + START_TIMEOUT_MS;
  let ok = false;
  while (Date.now() < deadline) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
    if (await accepts(port)) { ok = true; break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!ok) {
    child.kill('SIGKILL');
    await waitExit(child);
    live.delete(entry);
    const why = spawnError
      ? `could not start ${SMTP_PYTHON}: ${spawnError.message}`
      : child.exitCode !== null || child.signalCode !== null
        ? `aiosmtpd exited early (${child.exitCode ?? child.signalCode}); is python3-aiosmtpd installed?`
        : `aiosmtpd did not greet on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms`;
    throw new Error(`${why}\n--- aiosmtpd output ---\n${out}`);
  }
  child.unref();
  child.stdout.unref?.();
  child.stderr.unref?.();

  // Every stored message, oldest first (by delivery time, then file name).
  const messages = () => {
    const files = [];
    for (const sub of ['new', 'cur']) {
      const dir = path.join(mailDir, sub);
      let names = [];
      try { names = readdirSync(dir); } catch { continue; }
      for (const name of names) {
        const file = path.join(dir, name);
        try {
          files.push({ file, name, mtime: statSync(file).mtimeMs, raw: readFileSync(file) });
        } catch { /* moved meanwhile */ }
      }
    }
    files.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
    return files.map(({ file, raw }) => ({ file, ...parseMessage(raw) }));
  };

  const waitFor = async (predicate, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = messages();
      const found = all.find(predicate);
      if (found) return found;
      if (Date.now() >= deadline) {
        const seen = all.map((m) => `  to=${m.to} subject=${JSON.stringify(m.subject)}`).join('\n');
        throw new Error(`no matching mail within ${timeoutMs} ms; ${all.length} received` +
          (seen ? `:\n${seen}` : ''));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = stopper(child, STOP_TIMEOUT_MS, () => {
    live.delete(entry);
    rmSync(root, { recursive: true, force: true });
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mailDir,
    messages,
    waitFor,
    output: () => out,
    stop,
  };
}
