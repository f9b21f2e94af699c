// Pokja Pemilihan committees managed by Admin Sistem (issue 3, item 3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client, reasonFrom, snippet } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

describe('pokja pemilihan', () => {
  const server = useServer();

  test('the demo committee has three members with pokja1 as chair', async () => {
    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    const list = await admin.get('/admin/pokja');
    assert.equal(list.status, 200);
    assert.match(list.text, /Pokja Pemilihan 1 Tahun 2026/);
    assert.match(list.text, /Nur Hidayah, S\.E\./);
    const page = await admin.get('/admin/pokja/1');
    assert.equal(page.status, 200);
    const checked = [...page.text.matchAll(/name="members" value="\d+" checked/g)];
    assert.equal(checked.length, 3);
  });

  test('a committee with an even number of members is refused with the rule, nothing stored', async () => {
    const admin = new Client(server.baseUrl);
    await admin.login('admin');
    const form = await admin.get('/admin/pokja');
    const ids = [...form.text.matchAll(/name="members" value="(\d+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 3, snippet(form.text));
    const agency = /<select id="agency_id"[\s\S]*?<option value="(\d+)"/.exec(form.text)[1];
    const even = await admin.post('/admin/pokja', {
      name: 'Pokja Genap', agency_id: agency, members: ids.slice(0, 2), chair_id: ids[0],
    });
    assert.equal(even.status, 400);
    assert.equal(reasonFrom(even.text), 'pokja.too_few_members');
    const after = await admin.get('/admin/pokja');
    assert.doesNotMatch(after.text, /Pokja Genap/);

    const ok = await admin.post('/admin/pokja', {
      name: 'Pokja Pemilihan Uji', agency_id: agency, members: ids.slice(0, 3), chair_id: ids[2],
    });
    assert.equal(ok.status, 303, snippet(ok.text));
    assert.match(ok.location, /^\/admin\/pokja\/\d+\?ok=pokja_saved$/);
    const audit = await admin.get('/audit?aksi=pokja.create');
    assert.match(audit.text, /Pokja Pemilihan Uji/);
  });
});
