// Invitation-only non-tender methods over HTTP (docs/rules.md INV-*), on the
// demo packages the Pejabat Pengadaan pp.dinkes holds: a Pengadaan Langsung
// where the official invites two qualified vendors on
// /tender/{id}/undangan-penyedia, they are told in their inbox, join and
// upload sealed offers, while a third verified vendor, not invited, sees no
// join button and is refused with invitation.not_invited; and a Penunjukan
// Langsung that refuses a second invitee (invitation.limit_reached). The
// server's clock moves into the offer stage and past it (lib/clock.mjs).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import {
  declare, join, priceForm, reasonOf, sealAll, setMemberKey, setTenderKey, tusSend,
} from '../lib/bids.mjs';
import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { newTestClock, wibMs } from '../lib/clock.mjs';
import { useServer } from '../lib/server.mjs';
import { approveAccount } from '../lib/registration.mjs';
import { uploadDokumenPemilihan } from '../lib/tender.mjs';

const OFFICIAL = 'pp.dinkes';
const PL_PACKAGE = 'Pengadaan Alat Kesehatan Puskesmas Kecamatan';
const PN_PACKAGE = 'Jasa Kebersihan Kantor Dinas Kesehatan';
const MINUTE = 60 * 1000;

/** The official drafts a `procedure` tender of package `name`, uploads its document and publishes it. */
async function publishedNonTender(official, name, procedure) {
  const list = await official.get('/paket-tugas');
  const packageId = new RegExp(`href="/paket-tugas/(\\d+)">[^<]+</a></td><td>${name}`).exec(list.text)?.[1];
  assert.ok(packageId, `no package ${name}: ${snippet(list.text)}`);
  const form = await official.get(`/paket-tugas/${packageId}/tender`);
  assert.match(form.text, new RegExp(`value="${procedure}\\|harga_terendah_gugur"`), snippet(form.text));
  const created = await official.post(`/paket-tugas/${packageId}/tender`, { procedure: `${procedure}|harga_terendah_gugur` });
  assert.equal(created.status, 303, snippet(created.text));
  const id = /\/pokja\/tender\/(\d+)/.exec(created.location)?.[1];
  const manage = (await official.get(`/pokja/tender/${id}`)).text;
  const period = (stage) => ({
    start: wibMs(new RegExp(`id="start_${stage}" name="start_\\d+" value="([^"]+)"`).exec(manage)?.[1]),
    end: wibMs(new RegExp(`id="end_${stage}" name="end_\\d+" value="([^"]+)"`).exec(manage)?.[1]),
  });
  await uploadDokumenPemilihan(official, id);
  await official.get(`/pokja/tender/${id}`);
  const published = await official.post(`/pokja/tender/${id}/umumkan`, {});
  assert.equal(published.status, 303, snippet(published.text));
  return { id, period };
}

/** The vendor accounts the invitation page lists (not yet invited): [{id, username, eligible}]. */
function candidatesOf(html) {
  return [...html.matchAll(/<option value="(\d+)"( disabled)?>[^<]*\(([a-z0-9._-]+)\)/g)]
    .map((m) => ({ id: m[1], username: m[3], eligible: !m[2] }));
}

/** `username` records a business licence valid until 2031 in its data penyedia (RA-05 asks for one). */
async function recordLicence(baseUrl, username) {
  const vendor = await signedIn(baseUrl, username);
  const data = await vendor.get('/penyedia/data');
  const version = /id="version-line">Versi (\d+)/.exec(data.text)?.[1] ?? '0';
  await vendor.get('/penyedia/data/izin_usaha');
  const added = await vendor.post('/penyedia/data/izin_usaha', {
    version, f_jenis: 'NIB', f_nomor: `9120${version}0${username.length}77`,
    f_instansi_pemberi: 'OSS', f_berlaku_sampai: '2031-06-30', f_kualifikasi: 'Kecil',
  });
  assert.equal(added.status, 303, snippet(added.text));
}

async function signedIn(baseUrl, username) {
  const c = new Client(baseUrl, { timeoutMs: 30_000 });
  await c.login(username);
  return c;
}

describe('invitation-only non-tender methods', () => {
  const clock = newTestClock();
  const server = useServer({ env: clock.env });
  after(() => clock.remove());

  test('with no qualified vendor left to invite, the page says so instead of an empty list', async () => {
    // The demo's Pengadaan Langsung in its offer stage has invited every
    // qualified demo vendor (and more).
    const official = await signedIn(server.baseUrl, OFFICIAL);
    const search = await official.get(`/cari-paket?q=${encodeURIComponent('Renovasi Ruang Bersalin')}`);
    const id = /href="\/tender\/(\d+)"/.exec(search.text)?.[1];
    assert.ok(id, snippet(search.text));
    const page = await official.get(`/tender/${id}/undangan-penyedia`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /data-testid="no-candidates"/);
    assert.doesNotMatch(page.text, /data-testid="invite-form"/);
    assert.ok((page.text.match(/<li data-vendor=/g) ?? []).length >= 2, 'the invited vendors are listed');
    // The others are named with why they cannot be invited.
    assert.match(page.text, /data-testid="not-eligible"><li>CV Arosbaya Teknik \(cv\.arosbaya\) — [^<]*Daftar Hitam/);
  });

  test('Pengadaan Langsung: two invited vendors join and bid, a third is refused', async () => {
    const official = await signedIn(server.baseUrl, OFFICIAL);
    const { id, period } = await publishedNonTender(official, PL_PACKAGE, 'pengadaan-langsung');
    const upload = period('upload_penawaran');
    assert.ok(upload.end > upload.start, 'the offer stage has a period');

    // The official finds the invitation page from the tender pages.
    assert.match((await official.get(`/tender/${id}`)).text, /href="\/tender\/\d+\/undangan-penyedia" data-testid="invitation-link"/);
    assert.match((await official.get(`/pokja/tender/${id}`)).text, /data-testid="invitation-link"/);
    // Of the demo vendors only cv.madura qualifies as it stands (RA-05):
    // cv.sumber records its licence, and the Verifikator approves cv.kamal,
    // a vendor the official will not invite.
    await recordLicence(server.baseUrl, 'cv.sumber');
    const page = await official.get(`/tender/${id}/undangan-penyedia`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /data-testid="invite-form"/);
    const listed = candidatesOf(page.text);
    const invited = listed.filter((c) => c.eligible && ['cv.madura', 'cv.sumber'].includes(c.username));
    assert.equal(invited.length, 2, `two qualified demo vendors to invite: ${JSON.stringify(listed)}`);
    const kamal = listed.find((c) => c.username === 'cv.kamal');
    assert.ok(kamal && !kamal.eligible, JSON.stringify(listed));
    await approveAccount(server.baseUrl, kamal.id);
    const outsiderName = 'cv.kamal';

    // Nobody else runs this tender: a Pokja finds nothing; the form needs its CSRF token.
    const pokja = await signedIn(server.baseUrl, 'pokja1');
    assert.equal((await pokja.get(`/tender/${id}/undangan-penyedia`)).status, 404);
    assert.equal((await pokja.post(`/tender/${id}/undangan-penyedia`, { vendor: invited[0].id })).status, 404);
    const noToken = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: invited[0].id }, { csrf: false });
    assert.equal(noToken.status, 403, snippet(noToken.text));
    assert.equal(reasonFrom(noToken.text), 'http.csrf');

    // Before any invitation no vendor may join (INV-01).
    const outsider = await signedIn(server.baseUrl, outsiderName);
    const refused = await outsider.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
    assert.equal(refused.status, 403, snippet(refused.text));
    assert.equal(reasonFrom(refused.text), 'invitation.not_invited');

    for (const c of invited) {
      await official.get(`/tender/${id}/undangan-penyedia`);
      const res = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: c.id });
      assert.equal(res.status, 303, snippet(res.text));
      assert.equal(res.location, `/tender/${id}/undangan-penyedia?ok=invitation_sent`);
    }
    const again = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: invited[0].id });
    assert.equal(again.status, 409);
    assert.equal(reasonFrom(again.text), 'auction.already_invited');
    const invitations = (await official.get(`/tender/${id}/undangan-penyedia`)).text;
    for (const c of invited) assert.match(invitations, new RegExp(`<li data-vendor="${c.id}">`));
    const audit = await signedIn(server.baseUrl, 'auditor');
    assert.match((await audit.get('/audit?aksi=tender.invite')).text, /diundang/);

    // The invitees are told, see the join button, and join.
    const vendors = [];
    for (const c of invited) {
      const v = await signedIn(server.baseUrl, c.username);
      const inbox = await v.get('/kotak-masuk');
      assert.match(inbox.text, /Undangan Pengadaan Langsung/, snippet(inbox.text));
      const announcement = (await v.get(`/tender/${id}`)).text;
      assert.match(announcement, /data-testid="join-link"/);
      assert.doesNotMatch(announcement, /data-testid="not-invited"/);
      await join(v, id);
      vendors.push(v);
    }
    // The third is told why and refused again, stably.
    const outsiderPage = (await outsider.get(`/tender/${id}`)).text;
    assert.doesNotMatch(outsiderPage, /data-testid="join-link"/);
    assert.match(outsiderPage, /data-testid="not-invited" data-reason="invitation.not_invited"/);
    assert.match((await outsider.get(`/tender/${id}/ikut`)).text, /data-testid="join-closed"/);
    const stillRefused = await outsider.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
    assert.equal(stillRefused.status, 403);
    assert.equal(reasonFrom(stillRefused.text), 'invitation.not_invited');

    // The official's key seals the offers (a single holder: threshold 1).
    await setMemberKey(official);
    const key = await setTenderKey(official, id, 1);
    assert.equal(key.res.status, 303, snippet(key.res.text));
    const publicKey = key.made[0].bundle.public_key;

    clock.moveTo(upload.start + 10 * MINUTE);
    for (const [i, v] of vendors.entries()) {
      await v.login(invited[i].username);
      await v.get(`/tender/${id}/penawaran`);
      const files = await sealAll(publicKey, [
        { name: 'penawaran-harga.json', data: priceForm(String(150_000_000 + i * 1_000_000)), price_form: true },
      ]);
      const declared = await declare(v, id, 'tunggal', files);
      assert.equal(declared.status, 201, declared.text);
      for (const [j, f] of declared.json.files.entries()) {
        const last = await tusSend(v, f.upload_url, files[j].sealed);
        assert.equal(last.status, 204, last.text);
      }
    }
    await outsider.login(outsiderName);
    await outsider.get(`/tender/${id}`);
    const sealed = await sealAll(publicKey, [{ name: 'penawaran-harga.json', data: priceForm('140000000'), price_form: true }]);
    const notJoined = await declare(outsider, id, 'tunggal', sealed);
    assert.equal(notJoined.status, 409, notJoined.text);
    assert.equal(reasonOf(notJoined), 'participation.not_joined');
    await official.login(OFFICIAL);
    const incoming = await official.get(`/tender/${id}/penawaran-masuk`);
    assert.equal(incoming.status, 200, snippet(incoming.text));
    assert.equal([...incoming.text.matchAll(/data-testid="incoming-bid"/g)].length, 2, snippet(incoming.text));

    // After the offer upload closes no invitation is sent any more (INV-02).
    clock.moveTo(upload.end + MINUTE);
    await official.login(OFFICIAL);
    const closed = await official.get(`/tender/${id}/undangan-penyedia`);
    assert.match(closed.text, /data-testid="invite-closed"/);
    const late = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: invited[0].id });
    assert.equal(late.status, 409);
    assert.equal(reasonFrom(late.text), 'invitation.closed');
  });

  test('Penunjukan Langsung invites exactly one vendor', async () => {
    await recordLicence(server.baseUrl, 'cv.sumber');
    const official = await signedIn(server.baseUrl, OFFICIAL);
    const { id, period } = await publishedNonTender(official, PN_PACKAGE, 'penunjukan-langsung');
    const undangan = period('undangan');
    clock.moveTo(undangan.start + 10 * MINUTE);
    await official.login(OFFICIAL);
    const page = await official.get(`/tender/${id}/undangan-penyedia`);
    assert.equal(page.status, 200, snippet(page.text));
    assert.match(page.text, /data-testid="invitation-max">1</);
    const [first, second] = candidatesOf(page.text).filter((c) => c.eligible);
    assert.ok(first && second, snippet(page.text));
    const ok = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: first.id });
    assert.equal(ok.status, 303, snippet(ok.text));
    const refused = await official.post(`/tender/${id}/undangan-penyedia`, { vendor: second.id });
    assert.equal(refused.status, 409, snippet(refused.text));
    assert.equal(reasonFrom(refused.text), 'invitation.limit_reached');
    const after = (await official.get(`/tender/${id}/undangan-penyedia`)).text;
    assert.doesNotMatch(after, /data-testid="invite-form"/);
    assert.match(after, /data-testid="invite-closed"/);
    assert.equal([...after.matchAll(/<li data-vendor="/g)].length, 1);

    // The one invitee may join; the other may not.
    const invitee = await signedIn(server.baseUrl, first.username);
    await join(invitee, id);
    const other = await signedIn(server.baseUrl, second.username);
    const no = await other.post(`/tender/${id}/ikut`, { pakta: 'setuju' });
    assert.equal(no.status, 403);
    assert.equal(reasonFrom(no.text), 'invitation.not_invited');
  });
});
