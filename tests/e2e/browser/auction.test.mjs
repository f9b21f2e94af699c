// The reverse auction in a real browser (issue 6, item 7; RA-06): two
// registered vendors of the demo Tender Cepat "Pengadaan Rambu Lalu Lintas
// dan Marka Jalan" have its auction page open; a price one of them sends
// (through the page's script, no reload) appears in the other's ranking
// from the live stream, without the sender's name; a price that is not
// lower is refused inline with its reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { signInInBrowser, useBrowserSuite } from '../lib/browser.mjs';
import { Client } from '../lib/client.mjs';

const VENDORS = ['cv.madura', 'cv.sumber', 'cv.kamal', 'ud.tanjung'];

describe('reverse auction in the browser', () => {
  const suite = useBrowserSuite({ clock: true, consoleErrors: false });

  test('two vendors see each other\'s prices appear live, anonymously', async () => {
    const anon = new Client(suite.server.baseUrl);
    const search = await anon.get(`/cari-paket?q=${encodeURIComponent('Rambu Lalu Lintas')}`);
    const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
    assert.ok(id);

    const pages = [];
    for (const username of VENDORS) {
      const page = await suite.newPage();
      assert.equal(await signInInBrowser(page, username), '/dasbor');
      await page.goto(`/tender/${id}/lelang`);
      if (await page.locator('#auction-form').count()) pages.push(page);
      if (pages.length === 2) break;
    }
    assert.equal(pages.length, 2, 'two registered vendors');
    const [a, b] = pages;
    const highest = Number((await a.locator('#auction-highest').textContent()).replace(/[^0-9]/g, '')) / 100;
    const rowsBefore = await b.locator('[data-testid="ranking-row"]').count();

    const price = highest - 7_000_000;
    await a.fill('#auction-price', String(price));
    await a.click('#auction-form button[type="submit"]');
    await a.locator('#auction-result[data-outcome="ok"]').waitFor();

    // B's ranking gains A's price from the stream, with no name and not as B's own.
    const text = `Rp ${new Intl.NumberFormat('id-ID').format(price)},00`;
    const row = b.locator('[data-testid="ranking-row"]', { hasText: text });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-mine'), null);
    assert.ok(!(await b.locator('#auction-rows').textContent()).includes('CV '), 'no company names');
    assert.ok((await b.locator('[data-testid="ranking-row"]').count()) >= Math.max(1, rowsBefore));

    // The same price again: refused inline, the page stays.
    const url = a.url();
    await a.fill('#auction-price', String(price));
    await a.click('#auction-form button[type="submit"]');
    await a.locator('#auction-result[data-reason="auction.not_lower"]').waitFor();
    assert.equal(a.url(), url);
    assert.ok((await a.locator('#auction-result').textContent()).length > 5);
    assert.match(await a.locator('#auction-countdown').textContent(), /^\d+:\d\d:\d\d$/);
    assert.deepEqual(suite.errors, []);
  });
});
