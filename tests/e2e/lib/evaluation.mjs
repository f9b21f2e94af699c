// Helpers of the evaluation tests over HTTP (tests/e2e/http/evaluation.test.mjs,
// sanggah.test.mjs, contract.test.mjs): the demo tender whose bids are opened, its stages from
// the public schedule, the bidders and criteria of the evaluation page, and
// the award decided and announced by the Pokja chair.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client, decodeEntities, snippet } from './client.mjs';

export const OPENED = 'Pengadaan Alat Peraga Pendidikan Sekolah Dasar';
export const HOUR = 3600 * 1000;

/** The text of the PDF at `url`, as `client` downloads it (saved as `name` in `dir`). */
export async function pdfText(client, url, dir, name) {
  const res = await fetch(client.baseUrl + url, { headers: { cookie: client.cookieHeader() } });
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// The stage periods from the public schedule: code -> { start, end } in ms.
export function stagesOf(html) {
  const out = {};
  for (const m of html.matchAll(/data-stage-(start|end)="([a-z_]+)"><time datetime="([^"]+)"/g)) {
    out[m[2]] ??= {};
    out[m[2]][m[1]] = Date.parse(m[3]);
  }
  return out;
}

// The bidders of the evaluation page, in ranking order, with their
// criteria (from the chair's agreed form).
export function biddersOf(html) {
  return [...html.matchAll(/<section class="card" id="penyedia-(\d+)" data-testid="bidder" data-vendor="\d+">\s*<h2>([^<]+)/g)]
    .map((m) => ({ vendor: m[1], company: decodeEntities(m[2]).trim() }));
}
export function criteriaOf(html, vendor) {
  const start = html.indexOf(`id="penyedia-${vendor}"`);
  const end = html.indexOf('</section>', start);
  const part = html.slice(start, end);
  const form = part.slice(part.indexOf('data-testid="judge-agreed"'));
  return [...new Set([...form.matchAll(/name="(pass|score|amount)\.([a-z0-9-]+)"/g)].map((m) => `${m[1]}.${m[2]}`))];
}
export function rankingRow(html, vendor) {
  return new RegExp(`<tr data-testid="ranking-row" data-vendor="${vendor}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
}

/** The id of the demo tender whose bids are opened, and its stages. */
export async function openedTender(baseUrl) {
  const anon = new Client(baseUrl);
  const search = await anon.get(`/cari-paket?q=${encodeURIComponent('Alat Peraga Pendidikan')}`);
  const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
  assert.ok(id, snippet(search.text));
  const stages = stagesOf((await anon.get(`/tender/${id}/jadwal`)).text);
  return { id, stages };
}

/**
 * The chair (signed-in `chair` client, 'pokja1') agrees that every bidder
 * passes every criterion, invites the ranked to the qualification proof and
 * records it, decides and announces, moving `clock` through the stages.
 * Resolves with the bidders of the evaluation page.
 */
export async function awardAndAnnounce(chair, clock, id, stages, account = 'pokja1') {
  clock.moveTo(stages.evaluasi.start + HOUR);
  await chair.login(account);
  let page = await chair.get(`/tender/${id}/evaluasi`);
  assert.equal(page.status, 200, snippet(page.text));
  const bidders = biddersOf(page.text);
  for (const b of bidders) {
    const form = { vendor: b.vendor, scope: 'kesepakatan' };
    for (const f of criteriaOf(page.text, b.vendor)) {
      if (f.startsWith('pass.')) form[f] = 'lulus';
      else if (f.startsWith('score.')) form[f] = '80';
      else form[f] = '0';
    }
    const res = await chair.post(`/tender/${id}/evaluasi/nilai`, form);
    assert.equal(res.status, 303, snippet(res.text));
  }
  page = await chair.get(`/tender/${id}/evaluasi`);
  const ranked = [...page.text.matchAll(/data-testid="ranking-row" data-vendor="(\d+)" data-rank="(\d+)"/g)].map((m) => m[1]);
  clock.moveTo(stages.pembuktian.start + HOUR);
  await chair.login(account);
  const when = new Date(stages.pembuktian.start + 9 * HOUR).toISOString().slice(0, 16);
  for (const vendor of ranked) {
    const inv = await chair.post(`/tender/${id}/evaluasi/undangan`, { vendor, at: when, place: 'Ruang Rapat ULP' });
    assert.equal(inv.status, 303, snippet(inv.text));
    const proof = await chair.post(`/tender/${id}/evaluasi/pembuktian`, { vendor, result: 'lulus' });
    assert.equal(proof.status, 303, snippet(proof.text));
  }
  clock.moveTo(stages.penetapan.start + 10 * 60 * 1000);
  await chair.login(account);
  const decided = await chair.post(`/tender/${id}/evaluasi/penetapan`, {});
  assert.equal(decided.status, 303, snippet(decided.text));
  clock.moveTo(stages.pengumuman_pemenang.start + 10 * 60 * 1000);
  await chair.login(account);
  const announced = await chair.post(`/tender/${id}/evaluasi/pengumuman`, {});
  assert.equal(announced.status, 303, snippet(announced.text));
  return bidders;
}

/**
 * The whole award of the opened demo tender as its chair gives it
 * (awardAndAnnounce), leaving the server clock in the pengumuman stage.
 * Resolves with { id, stages, winner: { vendor, company } }.
 */
export async function evaluateAndAnnounce({ baseUrl, clock, chair = 'pokja1' }) {
  const { id, stages } = await openedTender(baseUrl);
  // awardAndAnnounce signs in as the chair at each stage.
  const bidders = await awardAndAnnounce(new Client(baseUrl), clock, id, stages, chair);
  const results = await new Client(baseUrl).get(`/tender/${id}/hasil`);
  const vendor = /data-testid="result-row" data-vendor="(\d+)" data-rank="1"/.exec(results.text)?.[1];
  const winner = bidders.find((b) => b.vendor === vendor);
  assert.ok(winner, snippet(results.text));
  return { id, stages, winner };
}
