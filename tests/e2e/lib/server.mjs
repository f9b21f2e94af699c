// Helpers for the end-to-end tests (run with `node --test`).
//
//   import { startServer, launchBrowser } from '../lib/server.mjs';
//
//   const server = await startServer();            // fresh temp data dir, free port
//   const res = await fetch(`${server.baseUrl}/healthz`);
//   await server.stop();
//
// Or, for a suite that shares one server across its tests:
//
//   describe('things', () => {
//     const server = useServer();                   // started in before(), stopped in after()
//     test('...', async () => { await fetch(`${server.baseUrl}/`); });
//   });
//
// startServer() runs `spse demo` on the data dir, then `spse serve` on
// 127.0.0.1, and resolves once GET /healthz answers 200. The binary is taken
// from $SPSE_BIN (default: build/release/src/cli/spse under the repo root).
//
// A server that a test forgets to stop does not keep the test process alive:
// the child is unref'ed once it is healthy and killed when the process exits.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const DEFAULT_BIN = 'build/release/src/cli/spse';
const HEALTH_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LIMIT = 64 * 1024;

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]);

/** Absolute path of the spse binary: $SPSE_BIN or the release build. */
export function spseBin() {
  const bin = process.env.SPSE_BIN || DEFAULT_BIN;
  if (path.isAbsolute(bin)) return bin;
  const fromCwd = path.resolve(process.cwd(), bin);
  if (existsSync(fromCwd)) return fromCwd;
  return path.resolve(REPO_ROOT, bin);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Every child still running when the test process exits gets SIGKILL, and
// temporary data dirs are removed.
const live = new Set();
process.on('exit', () => {
  for (const entry of live) {
    try { entry.child.kill('SIGKILL'); } catch { /* already gone */ }
    if (entry.tmpDir) {
      try { rmSync(entry.tmpDir, { recursive: true, force: true }); } catch { /* ignore */ }
    }
  }
});

function collectOutput(child) {
  let buf = '';
  const append = (chunk) => {
    buf += chunk.toString();
    if (buf.length > OUTPUT_LIMIT) buf = buf.slice(buf.length - OUTPUT_LIMIT);
    if (process.env.SPSE_E2E_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => buf;
}

/**
 * Returns an idempotent stop(): SIGTERM, SIGKILL after `timeoutMs`, wait for
 * the exit, then `cleanup()`. Shared by every child process the tests start.
 */
export function stopper(child, timeoutMs, cleanup = () => {}) {
  let stopping = null;
  return () => {
    if (stopping) return stopping;
    stopping = (async () => {
      child.ref();
      const exited = waitExit(child);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const killed = new Promise((resolve) => {
        timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, timeoutMs);
      });
      await Promise.race([exited, killed]);
      await exited;
      clearTimeout(timer);
      cleanup();
    })();
    return stopping;
  };
}

function waitExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Runs `spse ARGS...` to completion; rejects with its output on failure. */
export async function runSpse(args, { env = {}, timeoutMs = 60_000 } = {}) {
  const bin = spseBin();
  const child = spawn(bin, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spse ${args.join(' ')} timed out after ${timeoutMs} ms\n${output()}`));
    }, timeoutMs);
  });
  try {
    const { code, signal } = await Promise.race([waitExit(child), spawnError, timeout]);
    if (code !== 0) {
      throw new Error(`spse ${args.join(' ')} failed (exit ${code ?? signal})\n${output()}`);
    }
    return output();
  } finally {
    clearTimeout(timer);
  }
}

async function healthy(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts a demo-seeded SPSE server.
 *
 * @param {object}   [opts]
 * @param {string}   [opts.dataDir]   data dir; default: a fresh temp dir, removed by stop()
 * @param {string}   [opts.database]  database URL passed as --database (default: SQLite in the data dir)
 * @param {number}   [opts.port]      port on 127.0.0.1; default: a free one
 * @param {boolean}  [opts.demo=true] run `spse demo` on the data dir before serving
 * @param {string[]} [opts.serveArgs] extra arguments for `spse serve`
 * @param {object}   [opts.env]       extra environment variables for both commands
 * @param {number}   [opts.timeoutMs=30000] how long to wait for GET /healthz == 200
 * @returns {Promise<{baseUrl: string, port: number, dataDir: string,
 *                    process: import('node:child_process').ChildProcess,
 *                    output: () => string, stop: () => Promise<void>}>}
 */
export async function startServer({
  dataDir,
  database,
  port,
  demo = true,
  serveArgs = [],
  env = {},
  timeoutMs = HEALTH_TIMEOUT_MS,
} = {}) {
  let tmpDir = null;
  if (!dataDir) {
    tmpDir = mkdtempSync(path.join(os.tmpdir(), 'spse-e2e-'));
    dataDir = tmpDir;
  }
  const removeTmp = () => {
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  };
  const dbArgs = database ? ['--database', database] : [];

  try {
    if (demo) await runSpse(['demo', '--data-dir', dataDir, ...dbArgs], { env });
    if (!port) port = await freePort();
  } catch (err) {
    removeTmp();
    throw err;
  }

  const bin = spseBin();
  const args = ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, ...dbArgs, ...serveArgs];
  const child = spawn(bin, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { child, tmpDir };
  live.add(entry);
  const output = collectOutput(child);
  let spawnError = null;
  child.once('error', (err) => { spawnError = err; });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let ok = false;
  while (Date.now() < deadline) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
    if (await healthy(`${baseUrl}/healthz`)) { ok = true; break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!ok) {
    const why = spawnError
      ? `could not start ${bin}: ${spawnError.message}`
      : child.exitCode !== null || child.signalCode !== null
        ? `spse serve exited early (${child.exitCode ?? child.signalCode})`
        : `GET ${baseUrl}/healthz did not answer 200 within ${timeoutMs} ms`;
    child.kill('SIGKILL');
    await waitExit(child);
    live.delete(entry);
    removeTmp();
    throw new Error(`${why}\n--- spse output ---\n${output()}`);
  }

  // Do not let a forgotten server keep the test process alive.
  child.unref();
  child.stdout?.unref?.();
  child.stderr?.unref?.();

  const stop = stopper(child, STOP_TIMEOUT_MS, () => {
    live.delete(entry);
    removeTmp();
  });

  return { baseUrl, port, dataDir, process: child, output, stop };
}

/**
 * Registers node:test hooks in the calling suite (or file): before() starts a
 * server with startServer(opts), after() stops it. Returns a handle whose
 * `server` is the started server once the suite's tests run; `baseUrl` and
 * `port` are read through from it.
 *
 * @param {object} [opts] as for startServer()
 * @returns {{server: Awaited<ReturnType<typeof startServer>> | undefined,
 *            readonly baseUrl: string | undefined, readonly port: number | undefined}}
 */
export function useServer(opts) {
  const handle = {
    server: undefined,
    get baseUrl() { return handle.server?.baseUrl; },
    get port() { return handle.server?.port; },
  };
  before(async () => {
    handle.server = await startServer(opts);
  });
  after(async () => {
    await handle.server?.stop();
  });
  return handle;
}

/**
 * Launches Debian's Chromium through playwright-core (headless, no sandbox,
 * no background networking). Extra launch options are merged in; extra
 * `args` are appended to the defaults.
 */
export async function launchBrowser(options = {}) {
  const { chromium } = await import('playwright-core');
  const { args = [], ...rest } = options;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...rest,
    args: [...CHROMIUM_ARGS, ...args],
  });
}
