// Sealed bids in a real browser (issue 5): a Pokja member makes a personal
// key on its page (the passphrase never leaves the browser), the chair makes
// the tender key on its page, and a vendor enters a price, picks a 6 MB
// file and presses "Segel dan kirim": the file is sealed in the page,
// uploaded over tus, the connection is cut part-way and the upload resumes
// where it stopped, and the page checks the signed receipt against the
// hashes it computed. Other members' keys and the tender itself are set up
// over HTTP to keep the test short.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { DEMO_OPENING_PASSPHRASE, join, PASSPHRASE, publishedTender, setMemberKey } from '../lib/bids.mjs';
import { clickAndWait, signInInBrowser, useBrowserSuite, whereIs } from '../lib/browser.mjs';
import { Client } from '../lib/client.mjs';
import { spseBin } from '../lib/server.mjs';

const FILE_SIZE = 6 * 1000 * 1000;

describe('sealed bids in the browser', () => {
  // The connection cut on purpose below shows as a failed load.
  const suite = useBrowserSuite({
    clock: true, tmp: 'spse-bids-', timeoutMs: 15_000, ignoreConsole: /Failed to load resource/,
  });
  const newPage = () => suite.newPage();

  test('personal key, tender key, and a bid that survives a cut connection', async () => {
    const chair = new Client(suite.server.baseUrl, { timeoutMs: 30_000 });
    const third = new Client(suite.server.baseUrl, { timeoutMs: 30_000 });
    const member = new Client(suite.server.baseUrl, { timeoutMs: 30_000 });
    await chair.login('pokja1');
    await third.login('pokja3');
    await member.login('pokja2');
    await setMemberKey(chair);
    await setMemberKey(third);

    // A Pejabat Pengadaan makes a new personal key in the page, replacing
    // the one the demo gave them under the demo passphrase (their demo
    // Pengadaan Langsung is over, so the key is in no running tender).
    const memberPage = await newPage();
    await signInInBrowser(memberPage, 'pp.dinkes');
    await memberPage.goto('/akun/kunci-pembukaan');
    const demoKey = await memberPage.textContent('[data-testid=key-fingerprint]');
    assert.equal(await memberPage.locator('[data-testid=key-in-use]').count(), 0);
    await memberPage.fill('#passphrase', 'pendek');
    await memberPage.fill('#passphrase2', 'pendek');
    await memberPage.click('#key-submit');
    assert.match(await memberPage.textContent('#key-problem'), /12 karakter/);
    await memberPage.fill('#passphrase', PASSPHRASE);
    await memberPage.fill('#passphrase2', PASSPHRASE);
    const posted = memberPage.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/akun/kunci-pembukaan'));
    await clickAndWait(memberPage, '#key-submit');
    const body = (await posted).postData();
    assert.ok(!body.includes(encodeURIComponent(PASSPHRASE).replace(/%20/g, '+')) && !body.includes('rahasia'), 'the passphrase is not sent');
    assert.match(body, /public_key=[A-Za-z0-9_-]{43}&wrapped=/);
    assert.equal(whereIs(memberPage), '/akun/kunci-pembukaan?ok=member_key_set');
    const newKey = await memberPage.textContent('[data-testid=key-fingerprint]');
    assert.match(newKey, /^[A-Za-z0-9_-]{16}$/);
    assert.notEqual(newKey, demoKey, 'the key is replaced');

    // The chair makes the tender key in the page.
    const { id, bidStart, bidEnd } = await publishedTender(member, chair);
    const chairPage = await newPage();
    await signInInBrowser(chairPage, 'pokja1');
    await chairPage.goto(`/pokja/tender/${id}`);
    assert.equal(await chairPage.locator('[data-testid=key-missing-badge]').count(), 1);
    await clickAndWait(chairPage, '[data-testid=bid-links] a[href$="/kunci"]');
    await chairPage.fill('#threshold', '2');
    await clickAndWait(chairPage, '#tender-key-submit');
    assert.equal(whereIs(chairPage), `/tender/${id}/kunci?ok=tender_key_set`);
    assert.equal(await chairPage.locator('[data-testid=key-set]').count(), 1);

    // The vendor joins; the bid stage opens.
    const vendor = new Client(suite.server.baseUrl, { timeoutMs: 30_000 });
    await vendor.login('cv.madura');
    await join(vendor, id);
    suite.clock.moveTo(bidStart + 10 * 60 * 1000);

    const page = await newPage();
    await signInInBrowser(page, 'cv.madura');
    await page.goto(`/tender/${id}/penawaran`);
    const form = page.locator('form.bid-form[data-envelope=tunggal]');
    // Harga satuan: the vendor prices every line of the bill; the bid price is their sum.
    const lines = form.locator('[data-bill-line]');
    const lineCount = await lines.count();
    assert.ok(lineCount > 0, 'a harga satuan tender asks for a priced bill');
    const priceBill = async (unitPrice) => {
      for (let i = 0; i < lineCount; ++i) await lines.nth(i).locator('input').fill(String(unitPrice + i));
      let expected = 0n;
      for (let i = 0; i < lineCount; ++i) {
        const [whole, frac = ''] = (await lines.nth(i).getAttribute('data-quantity')).split('.');
        const hundredths = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
        expected += (hundredths * BigInt(unitPrice + i) + 50n) / 100n;  // each line rounded half up
      }
      const shown = await form.locator('input[name=price]').inputValue();
      assert.equal(shown, expected.toString(), 'the price is the sum of the priced lines');
      return shown;
    };
    const firstPrice = await priceBill(185000);
    await form.locator('textarea[name=notes]').fill('Harga sudah termasuk PPN.');
    await form.locator('input[type=file]').setInputFiles({
      name: 'dokumen-penawaran.pdf', mimeType: 'application/pdf', buffer: randomBytes(FILE_SIZE),
    });

    // Cut the connection once, on the first PATCH past the start of the big file.
    const patches = [];
    let cut = null;
    await page.route('**/api/v1/uploads/**', async (route) => {
      const req = route.request();
      if (req.method() === 'PATCH') {
        const offset = Number(req.headers()['upload-offset']);
        patches.push(offset);
        if (!cut && offset > 0) {
          cut = offset;
          await route.abort('connectionreset');
          return;
        }
      }
      await route.continue();
    });
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=receipt-match], [data-testid=receipt-mismatch], [data-testid=bid-error]', { timeout: 90_000 });
    assert.equal(await page.locator('[data-testid=bid-error]').count(), 0, await page.locator('.bid-result').textContent());
    assert.equal(await page.locator('[data-testid=receipt-mismatch]').count(), 0);
    assert.match(await page.textContent('[data-testid=receipt-match]'), /sama dengan yang dihitung peramban Anda/);
    assert.ok(cut, 'the connection was cut part-way');
    assert.ok(cut / FILE_SIZE > 0.2 && cut / FILE_SIZE < 0.8, `cut at ${cut}`);
    assert.equal(patches.filter((o) => o === cut).length, 2, `resumed from ${cut}, not from the start: ${patches}`);
    assert.equal(await form.getAttribute('data-progress'), '100');
    await page.waitForSelector('#my-bids [data-testid=my-bid][data-status=submitted]');

    // The receipt page shows what was received.
    await clickAndWait(page, '[data-testid=receipt-link-new]');
    assert.match(whereIs(page), /^\/penawaran\/\d+\/tanda-terima$/);
    assert.equal(await page.locator('[data-testid=file-sha256]').count(), 2);
    assert.match(await page.textContent('[data-testid=receipt-text]'), /dokumen-penawaran\.pdf/);
    await page.goto(`/tender/${id}/penawaran`);
    assert.equal(await page.locator('[data-testid=my-bid][data-status=submitted]').count(), 1);

    // A file sealed beforehand with `spse seal` goes as it is; a file that
    // is not sealed is caught in the page.
    const publicKey = await form.getAttribute('data-public-key');
    const plain = path.join(suite.tmp, 'lampiran.pdf');
    const sealedPath = path.join(suite.tmp, 'lampiran.pdf.sealed');
    writeFileSync(plain, randomBytes(100 * 1000));
    const sealedRun = spawnSync(spseBin(), ['seal', '--public-key', publicKey, plain, sealedPath], { encoding: 'utf8' });
    assert.equal(sealedRun.status, 0, sealedRun.stderr);
    const secondPrice = await priceBill(184000);
    await form.locator('input[name=presealed]').check();
    await form.locator('input[type=file]').setInputFiles(plain);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=bid-error]');
    assert.equal(await page.getAttribute('[data-testid=bid-error]', 'data-reason'), 'seal.format');
    await form.locator('input[type=file]').setInputFiles(sealedPath);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=receipt-match]', { timeout: 60_000 });
    const sealedHash = /sha256:\s*([0-9a-f]{64})/.exec(sealedRun.stdout)?.[1];
    assert.ok(sealedHash, sealedRun.stdout);
    await page.goto(`/tender/${id}/penawaran`);
    assert.equal(await page.locator('[data-testid=my-bid][data-status=submitted]').count(), 1);
    assert.equal(await page.locator('[data-testid=my-bid][data-status=superseded]').count(), 1);
    const counting = await page.textContent('[data-testid=my-bid][data-status=submitted]');
    assert.match(counting, /lampiran\.pdf ·/);
    assert.match(counting, new RegExp(sealedHash));

    // An insider flips one byte of the counting bid's stored ciphertext.
    const blob = path.join(suite.server.dataDir, 'blobs', sealedHash.slice(0, 2), sealedHash);
    const bytes = readFileSync(blob);
    bytes[bytes.length - 30] ^= 0x80;
    writeFileSync(blob, bytes);

    // After the deadline two of the three members open, each unlocking
    // their own share in their browser with their passphrase.
    suite.clock.moveTo(bidEnd + 5 * 60 * 1000);
    for (const [who, notice] of [['pokja1', 'share_given'], ['pokja2', 'envelope_opened']]) {
      const p = await newPage();
      await signInInBrowser(p, who);
      await p.goto(`/tender/${id}/pembukaan`);
      const unlock = p.locator('form[data-unlock-share]');
      await unlock.locator('[data-passphrase]').fill('bukan-frasa-sandinya');
      await unlock.locator('button[type=submit]').click();
      await p.waitForSelector('[data-unlock-error]:not([hidden])', { timeout: 30_000 });
      assert.match(await p.textContent('[data-unlock-error]'), /Frasa sandi salah/);
      await unlock.locator('[data-passphrase]').fill(DEMO_OPENING_PASSPHRASE);
      const sent = p.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/pembukaan/bagian-kunci'));
      await Promise.all([p.waitForURL(new RegExp(`ok=${notice}`), { timeout: 30_000 }), unlock.locator('button[type=submit]').click()]);
      const form = (await sent).postData();
      assert.ok(!form.includes('kunci-pembukaan-demo'), 'the passphrase stays in the browser');
      assert.match(form, /share=[A-Za-z0-9_-]{44}/);
      if (who === 'pokja2') {
        // BA Pembukaan: the bid with the price read from its sealed price form.
        const rp = `Rp ${secondPrice.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},00`;
        assert.equal(await p.textContent('[data-testid=price]'), rp);
        assert.equal(await p.locator('[data-testid=file-failed]').count(), 1, 'the altered file fails');
        const href = await p.getAttribute('[data-testid=ba-pembukaan]', 'href');
        const pdf = path.join(suite.tmp, 'ba-pembukaan.pdf');
        writeFileSync(pdf, await (await p.request.get(href)).body());
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
        assert.match(text, /BERITA ACARA PEMBUKAAN PENAWARAN/);
        assert.ok(text.includes(rp), `${rp} in the BA`);
        assert.match(text, /Rincian 1/, 'the priced bill is in the BA');
        assert.ok(firstPrice !== secondPrice);
        assert.match(text, /TIDAK DAPAT DIBUKA/);
      }
    }

    // The LPSE officer witnesses the second attempt; its Berita Acara records it.
    const officer = await newPage();
    await signInInBrowser(officer, 'helpdesk');
    await officer.goto(`/tender/${id}/pembukaan`);
    await officer.fill('input[name=note]', 'Disaksikan di ruang LPSE');
    await clickAndWait(officer, 'form[action$="/pembukaan/kesaksian"] button[type=submit]');
    assert.match(whereIs(officer), /ok=witness_recorded/);
    const ks = await officer.getAttribute('[data-testid=ba-kesaksian]', 'href');
    const ksPdf = path.join(suite.tmp, 'ba-kesaksian.pdf');
    writeFileSync(ksPdf, await (await officer.request.get(ks)).body());
    const ksText = execFileSync('pdftotext', ['-enc', 'UTF-8', ksPdf, '-'], { encoding: 'utf8' });
    assert.match(ksText, /BERITA ACARA KESAKSIAN/);
    assert.match(ksText, /BERBEDA/);
    assert.ok(ksText.includes(sealedHash.slice(0, 24)), 'the hash on the receipt');
    assert.deepEqual(suite.errors, []);
  });
});
