// The demo's tenders that are over (issue 6, item 9), as a visitor, a
// Pejabat Pengadaan and a PPK see them after `spse demo`: a tender awarded
// after an arithmetic correction, with a failed bidder's sanggah answered and
// the contract signed; a failed tender linked to its tender ulang; a
// Pengadaan Langsung with its Berita Acara Negosiasi; a finished reverse
// auction. The Berita Acara name the companies and print the prices the
// pages show.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { Client, decodeEntities, snippet } from '../lib/client.mjs';
import { pdfText } from '../lib/evaluation.mjs';
import { useServer } from '../lib/server.mjs';

// The tenders of the packages the search finds for `q`, oldest first.
async function tendersFor(client, q) {
  const page = await client.get(`/cari-paket?q=${encodeURIComponent(q)}`);
  assert.equal(page.status, 200);
  const ids = [...new Set([...page.text.matchAll(/href="\/tender\/(\d+)"/g)].map((m) => Number(m[1])))];
  assert.ok(ids.length > 0, `${q}: ${snippet(page.text)}`);
  return ids.sort((a, b) => a - b);
}

// The text of a page's main content, tags dropped.
function textOf(html) {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return decodeEntities(main.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

// The ranking rows of a results page: [company, cells...] per row.
function rowsOf(html) {
  const rows = [];
  for (const m of html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells = [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => textOf(c[1]).trim());
    if (cells.length >= 3) rows.push(cells);
  }
  return rows;
}

describe('demo history', () => {
  const server = useServer();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spse-demo-history-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('an awarded tender shows its correction, its sanggah and its contract', async () => {
    const anon = new Client(server.baseUrl);
    const [id] = await tendersFor(anon, 'Rekonstruksi Jalan Raya Socah');
    const results = await anon.get(`/tender/${id}/hasil`);
    assert.equal(results.status, 200);
    const rows = rowsOf(results.text);
    const winner = rows.find((r) => r.some((c) => /Pemenang$/.test(c)));
    assert.ok(winner, snippet(results.text, 2000));
    const [stated, corrected] = winner.filter((c) => c.startsWith('Rp '));
    assert.notEqual(stated, corrected, 'the arithmetic correction shows');
    const failed = rows.find((r) => r.includes('Gugur'));
    assert.ok(failed, 'a bidder failed the administration');
    assert.match(failed.join(' '), /Jaminan penawaran/);

    const ba = /href="(\/tender\/\d+\/hasil\/ba\/\d+)"/.exec(results.text)?.[1];
    const baText = (await pdfText(anon, ba, tmp, 'ba-hasil.pdf')).replace(/\s+/g, ' ');
    const winnerName = winner.find((c) => /^(CV|UD|PT) /.test(c)).replace(/ ?★? ?Pemenang$/, '').trim();
    assert.match(baText, /BERITA ACARA HASIL PEMILIHAN/);
    assert.ok(baText.includes(winnerName), `${winnerName} in the BA`);
    assert.ok(baText.includes(corrected), `${corrected} in the BA`);
    assert.ok(baText.includes(stated), `${stated} in the BA`);

    const objections = textOf((await anon.get(`/tender/${id}/sanggah`)).text);
    assert.match(objections, /Sanggah 1 · (CV|UD|PT) [^·]+Diajukan/);
    assert.match(objections, /Ditolak/);

    // The PPK sees the SPPBJ and the contract at the award price.
    const ppk = new Client(server.baseUrl);
    await ppk.login('ppk.dpupr');
    const contract = await ppk.get(`/tender/${id}/kontrak`);
    assert.equal(contract.status, 200, snippet(contract.text));
    assert.match(textOf(contract.text), /027\/KTR-BM\/DPUPR\/2026/);
    const pdf = /href="([^"]+)" data-testid="contract-pdf"/.exec(contract.text)?.[1];
    const contractText = (await pdfText(ppk, decodeEntities(pdf), tmp, 'kontrak.pdf')).replace(/\s+/g, ' ');
    assert.ok(contractText.includes(corrected), `${corrected} in the contract summary`);
    assert.ok(contractText.includes(winnerName), `${winnerName} in the contract summary`);
    const sppbjText = (await pdfText(ppk, `/tender/${id}/kontrak/sppbj.pdf`, tmp, 'sppbj.pdf')).replace(/\s+/g, ' ');
    assert.ok(sppbjText.includes(winnerName), `${winnerName} in the SPPBJ`);
    assert.ok(sppbjText.includes(corrected), `${corrected} in the SPPBJ`);
  });

  test('a failed tender links to its tender ulang and back', async () => {
    const anon = new Client(server.baseUrl);
    const ids = await tendersFor(anon, 'Ambulans Puskesmas Keliling');
    assert.equal(ids.length, 2, 'the failed tender and its tender ulang');
    const [first, again] = ids;
    const failedPage = textOf((await anon.get(`/tender/${first}`)).text);
    assert.match(failedPage, /Tender gagal/);
    const againCode = /Ditender ulang sebagai (TDR-\d+)/.exec(failedPage)?.[1];
    assert.ok(againCode, failedPage.slice(0, 600));
    const againPage = textOf((await anon.get(`/tender/${again}`)).text);
    assert.match(againPage, new RegExp(`Kode tender ${againCode}`));
    assert.match(againPage, /Tender ulang dari TDR-\d+/);
    assert.match(textOf((await anon.get(`/tender/${first}/hasil`)).text), /Pemilihan gagal: seluruh penawaran harga di atas HPS/);
  });

  test('the Pengadaan Langsung shows its negotiation; the reverse auction its lowest price', async () => {
    const anon = new Client(server.baseUrl);
    const [pl] = await tendersFor(anon, 'Alat Tulis Kantor dan Barang Cetakan');
    const results = await anon.get(`/tender/${pl}/hasil`);
    const winnerPrice = /Pemenang: [^·]+· (Rp [\d.,]+)/.exec(textOf(results.text))?.[1];
    assert.ok(winnerPrice, snippet(results.text, 1500));

    const official = new Client(server.baseUrl);
    await official.login('pp.dinkes');
    const evaluation = await official.get(`/tender/${pl}/evaluasi`);
    assert.equal(evaluation.status, 200, snippet(evaluation.text));
    const agreed = textOf(/data-testid="agreed-price">([^<]+)</.exec(evaluation.text)?.[1] ?? '');
    assert.equal(agreed.trim(), winnerPrice, 'the decision takes the agreed price');
    const baNeg = /href="([^"]+)" data-testid="ba-negosiasi"/.exec(evaluation.text)?.[1];
    const negText = (await pdfText(official, baNeg, tmp, 'ba-negosiasi.pdf')).replace(/\s+/g, ' ');
    assert.ok(negText.includes(winnerPrice), `${winnerPrice} in the BA Negosiasi`);

    const [paving] = await tendersFor(anon, 'Paving Block Jalan Lingkungan');
    const auction = await anon.get(`/tender/${paving}/hasil`);
    const prices = rowsOf(auction.text).filter((r) => /^\d+$/.test(r[0])).map((r) => r.find((c) => c.startsWith('Rp ')));
    assert.ok(prices.length >= 3, snippet(auction.text, 1500));
    assert.match(textOf(auction.text), /Lelang terbalik: harga terendah menang/);
    const won = /Pemenang: [^·]+· (Rp [\d.,]+)/.exec(textOf(auction.text))?.[1];
    const rupiah = (s) => Number(s.replace(/[^\d,]/g, '').replace(',', '.'));
    assert.equal(rupiah(won), Math.min(...prices.map(rupiah)), 'the lowest price wins');
    assert.equal(prices[0], won, 'ranked first');
  });
});
