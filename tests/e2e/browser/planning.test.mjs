// Planning in a real browser (Pasal 4(1)a-b): the PA/KPA publishes a RUP
// item; the PPK makes a package from it with HPS lines and a KAK upload and
// hands it to the Pokja; a Pokja member finds it on its list; an anonymous
// visitor finds the RUP item on the public RUP page from the Beranda.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { clickAndWait, signInInBrowser, useBrowserSuite, whereIs } from '../lib/browser.mjs';
import { makePackageForPokja, publishRupItem } from '../lib/planning.mjs';

const NAME = 'Pembangunan Pagar Alun-Alun Bangkalan';

describe('planning in the browser', () => {
  const suite = useBrowserSuite();
  const newPage = () => suite.newPage();

  test('RUP item -> package with HPS and KAK -> Pokja; the public finds the item', async () => {
    // The PA/KPA publishes the item; the PPK makes the package and hands it over.
    const pakpa = await newPage();
    const code = await publishRupItem(pakpa, { name: NAME, pagu: '480.000.000', location: 'Alun-Alun Bangkalan' });
    const ppk = await newPage();
    await makePackageForPokja(ppk, {
      name: 'Pagar Alun-Alun',
      code,
      lines: [
        ['Pagar besi hollow tinggi 1,5 m', '240,5', 'm', '1.250.000'],
        ['Pondasi batu kali', '96', 'm3', '850.000'],
      ],
      kak: 'KAK-Pagar.pdf',
    });
    // 240,5 x 1.250.000 + 96 x 850.000 = 300.625.000 + 81.600.000
    assert.equal((await ppk.textContent('#hps-total')).trim(), 'Rp 382.225.000,00');

    // A Pokja member sees it.
    const pokja = await newPage();
    assert.equal(await signInInBrowser(pokja, 'pokja3'), '/dasbor');
    await clickAndWait(pokja, 'a[href="/paket-tugas"]');
    assert.match(await pokja.textContent('#package-table'), /Pagar Alun-Alun/);
    await clickAndWait(pokja, '#package-table tbody tr:has-text("Pagar Alun-Alun") a');
    assert.match(await pokja.textContent('#hps-table'), /Pondasi batu kali/);
    assert.match(await pokja.textContent('#document-table'), /KAK-Pagar\.pdf/);

    // An anonymous visitor finds the RUP item from the Beranda.
    const visitor = await newPage();
    await visitor.goto('/');
    await clickAndWait(visitor, '#home-rup');
    await visitor.fill('#f-q', 'pagar alun');
    await visitor.selectOption('#f-metode', 'tender');
    await clickAndWait(visitor, '#rup-filter button[type=submit]');
    await clickAndWait(visitor, `#rup-table a:has-text("${code}")`);
    assert.equal(whereIs(visitor), `/rup/${code}`);
    assert.match(await visitor.textContent('#rup-pagu'), /Rp 480\.000\.000,00/);

    assert.deepEqual(suite.errors, []);
  });
});
