// Sealed bids survive a crash (issue 5; docs/sealed-bids.md): many vendors
// upload at once, the server is killed with SIGKILL at a random moment and
// restarted on the same data, and the clients resume as tus-js-client does
// (HEAD, then PATCH from the offset the server reports). After the restart
// and again once every client is done:
//   - every bid the database counts ('submitted') has each of its files in
//     the blob store with the declared size and SHA-256: no bid counts
//     without every file durable;
//   - every receipt a client got is a submitted bid of the database, its
//     signature holds, and its files open with the tender's secret key to
//     the plaintext the vendor sealed.
// Each round starts from a fresh fixture (bench/bid_fixture.cc). Slow (about
// 15 s a round): not in the http tier; `make crash-test` runs it.
//
// Environment: CRASH_ROUNDS (default 20), CRASH_VENDORS (200), CRASH_SIZE
// (bytes of each document, 1.5 MB).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import * as S from '../../../web/static/js/sealing.mjs';
import { receiptKey, sealBids, sendBid, Vendor, verifiedReceipt } from '../../../bench/rush.mjs';
import { freePort, REPO_ROOT, startServer } from '../lib/server.mjs';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const VENDORS = Number(process.env.CRASH_VENDORS ?? 200);
const SIZE = Number(process.env.CRASH_SIZE ?? 1_500_000);
const FIXTURE_BIN = process.env.BID_FIXTURE || path.join(REPO_ROOT, 'build/release/bench/spse_bid_fixture');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', db, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

/**
 * The bids the database counts, each checked against the blob store: every
 * file completed, its blob present with the declared size and SHA-256.
 * Returns the submitted bids by id.
 */
function checkSubmitted(dataDir) {
  const db = path.join(dataDir, 'spse.db');
  const files = sql(db, `SELECT b.id, f.position, f.declared_size, f.declared_sha256, f.blob_sha256,
                                f.completed_at
                         FROM bids b JOIN bid_files f ON f.bid_id = b.id
                         WHERE b.status = 'submitted' ORDER BY b.id, f.position`);
  const bids = new Map();
  for (const f of files) {
    assert.ok(f.completed_at, `bid ${f.id} counts with file ${f.position} not completed`);
    assert.equal(f.blob_sha256, f.declared_sha256, `bid ${f.id} file ${f.position}: blob is not the declared file`);
    const blob = path.join(dataDir, 'blobs', f.blob_sha256.slice(0, 2), f.blob_sha256);
    assert.ok(existsSync(blob), `bid ${f.id} counts without its blob ${blob}`);
    assert.equal(statSync(blob).size, f.declared_size, `bid ${f.id}: blob size`);
    assert.equal(sha256(readFileSync(blob)), f.declared_sha256, `bid ${f.id}: blob bytes`);
    if (!bids.has(f.id)) bids.set(f.id, []);
    bids.get(f.id).push(f);
  }
  const twoFiles = [...bids.values()].every((fs) => fs.length === 2);
  assert.ok(twoFiles, 'every submitted bid has both its files');
  return bids;
}

describe('sealed bids through kill -9', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'spse-crash-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  for (let round = 1; round <= ROUNDS; round++) {
    test(`round ${round}: ${VENDORS} uploads, one SIGKILL, every receipt a durable bid`, { timeout: 300_000 }, async (t) => {
      await S.ready();
      const dir = path.join(work, `round-${round}`);
      const dataDir = path.join(dir, 'data');
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      execFileSync(FIXTURE_BIN, ['--data-dir', dataDir, '--vendors', String(VENDORS), '--deadline-in', '3600',
        '--base-url', baseUrl, '--out', path.join(dir, 'fixture.json'), '--secret-out', path.join(dir, 'tender.key')],
      { stdio: ['ignore', 'ignore', 'pipe'] });
      const fixture = JSON.parse(readFileSync(path.join(dir, 'fixture.json'), 'utf8'));
      const secretKey = S.fromBase64(readFileSync(path.join(dir, 'tender.key'), 'utf8').trim());
      const manifest = await sealBids(fixture, path.join(dir, 'sealed'), SIZE, VENDORS);

      let server = await startServer({ dataDir, port, demo: false });
      try {
        const key = await receiptKey(baseUrl);
        // Receipts in hand, by bid id, as clients get them.
        const receipts = new Map();
        const retryUntil = Date.now() + 240_000;
        let patches = 0;
        const onEvent = (what) => { if (what === 'patch') patches++; };
        const clients = Promise.all(manifest.map(async (m) => {
          const vendor = new Vendor(baseUrl, fixture.vendors[m.vendor], { timeoutMs: 60_000 });
          // Small PATCHes, so the kill often lands between two of one file.
          const r = await sendBid(vendor, fixture.tender_id, m.files, { chunk: 256 << 10, retry: true, retryUntil, onEvent });
          receipts.set(r.bid, { ...r, files: m.files });
          return r;
        }));
        clients.catch(() => {});

        // A random moment: in odd rounds after a random number of the
        // PATCHes all clients send (about 7 a bid; they move in step, so
        // mostly mid-file), in even rounds once a random number of bids has
        // its receipt (when files complete and bids are committed); plus up
        // to 50 ms.
        const progress = round % 2 ? () => patches : () => receipts.size;
        const target = Math.floor(Math.random() * (round % 2 ? VENDORS * 7 : VENDORS));
        for (const until = Date.now() + 120_000; progress() < target && Date.now() < until;) await sleep(2);
        await sleep(Math.floor(Math.random() * 50));
        server.process.kill('SIGKILL');
        const gotBeforeKill = [...receipts.keys()];
        const patchesBeforeKill = patches;
        await server.stop();

        // What the restarted server finds: what counts is whole, and every
        // receipt handed out before the kill counts.
        const afterRestart = checkSubmitted(dataDir);
        for (const id of gotBeforeKill) assert.ok(afterRestart.has(id), `receipt of bid ${id} lost in the crash`);
        server = await startServer({ dataDir, port, demo: false });

        const results = await clients;
        assert.equal(results.length, VENDORS);
        const submitted = checkSubmitted(dataDir);
        assert.equal(submitted.size, VENDORS, 'one counting bid per vendor');
        for (const [id, r] of receipts) {
          assert.ok(submitted.has(id), `bid ${id} has a receipt but does not count`);
          const text = verifiedReceipt(r.receipt, key);
          assert.ok(text, `bid ${id}: receipt signature`);
          const facts = JSON.parse(text);
          assert.equal(facts.bid, id);
          for (const [n, f] of r.files.entries()) {
            assert.equal(facts.files[n].sha256, f.sha256, `bid ${id}: receipt names the sent file`);
            const blob = path.join(dataDir, 'blobs', f.sha256.slice(0, 2), f.sha256);
            const plain = S.openFile(secretKey, new Uint8Array(readFileSync(blob)));
            assert.equal(sha256(plain), f.plain_sha256, `bid ${id}: file ${n} opens to what was sealed`);
          }
        }
        t.diagnostic(`killed after ${patchesBeforeKill} PATCHes and ${gotBeforeKill.length} receipts; ${afterRestart.size} ` +
          `bids counted at restart; ${receipts.size} receipts in the end, every file opened`);
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
