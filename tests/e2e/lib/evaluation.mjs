// Reading the evaluation pages, and taking a demo tender through the
// evaluation to an announced award (issue 6): shared by the evaluation test
// and the tests of what follows the award (objections, the contract).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client, decodeEntities, snippet } from './client.mjs';

export const HOUR = 3600 * 1000;

/** The text of the PDF at `url` (pdftotext), fetched with `client`'s session. */
export async function pdfText(client, url, dir, name) {
  const res = await fetch(client.baseUrl + url, { headers: { cookie: client.cookieHeader() } });
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** The stage periods from the public schedule: code -> { start, end } in ms. */
export function stagesOf(html) {
  const out = {};
  for (const m of html.matchAll(/data-stage-(start|end)="([a-z_]+)"><time datetime="([^"]+)"/g)) {
    out[m[2]] ??= {};
    out[m[2]][m[1]] = Date.parse(m[3]);
  }
  return out;
}

/** The bidders of the evaluation page, in ranking order. */
export function biddersOf(html) {
  return [...html.matchAll(/<section class="card" id="penyedia-(\d+)" data-testid="bidder" data-vendor="\d+">\s*<h2>([^<]+)/g)]
    .map((m) => ({ vendor: m[1], company: decodeEntities(m[2]).trim() }));
}

/** The criteria fields ("pass.adm-...", "score.tek-...") of a bidder's agreed form. */
export function criteriaOf(html, vendor) {
  const start = html.indexOf(`id="penyedia-${vendor}"`);
  const end = html.indexOf('</section>', start);
  const part = html.slice(start, end);
  const form = part.slice(part.indexOf('data-testid="judge-agreed"'));
  return [...new Set([...form.matchAll(/name="(pass|score|amount)\.([a-z0-9-]+)"/g)].map((m) => `${m[1]}.${m[2]}`))];
}

/** A bidder's row of the ranking table. */
export function rankingRow(html, vendor) {
  return new RegExp(`<tr data-testid="ranking-row" data-vendor="${vendor}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
}

/** The id of the public tender whose package name contains `name`. */
export async function findTender(baseUrl, name) {
  const anon = new Client(baseUrl);
  const search = await anon.get(`/cari-paket?q=${encodeURIComponent(name)}`);
  const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
  assert.ok(id, snippet(search.text));
  return id;
}

/**
 * Takes the demo tender whose bids are opened (`name`) through the
 * evaluation as its Pokja chair (`chair`): every criterion agreed as
 * passing for every bidder, the ranked ones invited to the proof and
 * passing it, the winner decided in the penetapan stage and announced in
 * the pengumuman stage. Moves the server clock (lib/clock.mjs) and leaves it
 * in the pengumuman stage. Returns { id, stages, winner: { vendor, company } }.
 */
export async function evaluateAndAnnounce({ baseUrl, clock, name, chair = 'pokja1' }) {
  const id = await findTender(baseUrl, name);
  const anon = new Client(baseUrl);
  const stages = stagesOf((await anon.get(`/tender/${id}/jadwal`)).text);
  for (const s of ['evaluasi', 'pembuktian', 'penetapan', 'pengumuman_pemenang']) {
    assert.ok(stages[s]?.start && stages[s]?.end, `stage ${s} in the schedule`);
  }
  const c = new Client(baseUrl);
  clock.moveTo(stages.evaluasi.start + HOUR);
  await c.login(chair);
  const page = await c.get(`/tender/${id}/evaluasi`);
  assert.equal(page.status, 200, snippet(page.text));
  const bidders = biddersOf(page.text);
  assert.ok(bidders.length > 0, snippet(page.text));
  for (const b of bidders) {
    const form = { vendor: b.vendor, scope: 'kesepakatan' };
    for (const f of criteriaOf(page.text, b.vendor)) {
      if (f.startsWith('pass.')) form[f] = 'lulus';
      else if (f.startsWith('score.')) form[f] = '80';
      else form[f] = '0';
    }
    const res = await c.post(`/tender/${id}/evaluasi/nilai`, form);
    assert.equal(res.status, 303, snippet(res.text));
  }
  const ranking = await c.get(`/tender/${id}/evaluasi`);
  const ranked = [...ranking.text.matchAll(/data-testid="ranking-row" data-vendor="(\d+)" data-rank="(\d+)"/g)]
    .map((m) => m[1]);
  assert.ok(ranked.length > 0, 'a ranked bidder');

  clock.moveTo(stages.pembuktian.start + HOUR);
  await c.login(chair);
  const when = new Date(stages.pembuktian.start + 2 * HOUR + 7 * HOUR).toISOString().slice(0, 16);
  for (const vendor of ranked) {
    const inv = await c.post(`/tender/${id}/evaluasi/undangan`, {
      vendor, at: when, place: 'Ruang Rapat ULP Lt. 2', notes: 'Akta, NIB dan NPWP asli',
    });
    assert.equal(inv.status, 303, snippet(inv.text));
    const proof = await c.post(`/tender/${id}/evaluasi/pembuktian`, { vendor, result: 'lulus' });
    assert.equal(proof.status, 303, snippet(proof.text));
  }

  clock.moveTo(stages.penetapan.start + 10 * 60 * 1000);
  await c.login(chair);
  const decided = await c.post(`/tender/${id}/evaluasi/penetapan`, {});
  assert.equal(decided.status, 303, snippet(decided.text));

  clock.moveTo(stages.pengumuman_pemenang.start + 10 * 60 * 1000);
  await c.login(chair);
  const announced = await c.post(`/tender/${id}/evaluasi/pengumuman`, {});
  assert.equal(announced.status, 303, snippet(announced.text));
  const winner = bidders.find((b) => b.vendor === ranked[0]);
  return { id, stages, winner };
}
