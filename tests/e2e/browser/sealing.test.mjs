// The vendored libsodium and sealing.mjs in a real browser, under the
// site's own Content-Security-Policy (scripts from 'self', WebAssembly by
// 'wasm-unsafe-eval'): a file sealed in Chromium opens with spse
// open-sealed, a file sealed by spse opens in Chromium, and the tus client
// loads. No console errors or CSP violations on the way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, REPO_ROOT, spseBin, startServer } from '../lib/server.mjs';

describe('sealing in the browser', () => {
  let server;
  let browser;
  let dir;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(os.tmpdir(), 'spse-browser-sealing-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('seal and open across Chromium and spse, under the CSP', async () => {
    const problems = [];
    const context = await browser.newContext({ baseURL: server.baseUrl });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('/');

    // A module script of our origin, as a page of the site would load it.
    const result = await page.evaluate(async () => {
      const S = await import('/static/js/sealing.mjs');
      const tus = await import('/static/vendor/tus/tus.mjs');
      const sodium = await S.ready();
      const tender = S.generateBoxKeyPair();
      const plain = new Uint8Array(150_000).map((_, i) => (i * 7) & 0xff);
      const sealed = await S.sealFile(tender.publicKey, new Blob([plain]));
      const bytes = new Uint8Array(await sealed.arrayBuffer());
      return {
        secretKey: S.toBase64(tender.secretKey),
        publicKey: S.toBase64(tender.publicKey),
        sealed: S.toBase64(bytes),
        sha256: await S.sha256Hex(sealed),
        tusSupported: tus.isSupported,
        version: sodium.SODIUM_VERSION_STRING,
      };
    });
    assert.equal(result.tusSupported, true);
    const spse = (...args) => spawnSync(spseBin(), args, { cwd: REPO_ROOT, encoding: 'utf8' });
    const file = (name) => path.join(dir, name);
    writeFileSync(file('tender.sk'), result.secretKey);
    writeFileSync(file('browser.sealed'), Buffer.from(result.sealed, 'base64url'));
    const opened = spse('open-sealed', '--secret-key-file', file('tender.sk'), file('browser.sealed'), file('plain'));
    assert.equal(opened.status, 0, opened.stderr);
    const plain = readFileSync(file('plain'));
    assert.equal(plain.length, 150_000);
    assert.ok(plain.every((b, i) => b === ((i * 7) & 0xff)));

    writeFileSync(file('server.plain'), 'Surat penawaran harga: Rp 1.234.567.890');
    const sealedRun = spse('seal', '--public-key', result.publicKey, file('server.plain'), file('server.sealed'));
    assert.equal(sealedRun.status, 0, sealedRun.stderr);
    const text = await page.evaluate(async ({ sk, sealed }) => {
      const S = await import('/static/js/sealing.mjs');
      const sodium = await S.ready();
      return sodium.to_string(S.openFile(sodium.from_base64(sk), sodium.from_base64(sealed)));
    }, { sk: result.secretKey, sealed: readFileSync(file('server.sealed')).toString('base64url') });
    assert.equal(text, 'Surat penawaran harga: Rp 1.234.567.890');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
