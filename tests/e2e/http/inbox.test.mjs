// The inbox's notification choice (issue 3, item 8).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

describe('kotak masuk', () => {
  const server = useServer();

  test('a user chooses whether notices also come by email', async () => {
    const c = new Client(server.baseUrl);
    await c.login('ppk.dpupr');
    const before = await c.get('/kotak-masuk');
    assert.equal(before.status, 200);
    assert.match(before.text, /name="email" value="1" checked/, 'by email is the default');
    const saved = await c.post('/kotak-masuk/preferensi', { email: '0' });
    assert.equal(saved.status, 303);
    const after = await c.get(saved.location);
    assert.match(after.text, /name="email" value="0" checked/);
    assert.match(after.text, /Pilihan pemberitahuan telah disimpan/);
  });

  test('a message id that is not the user\'s is not found', async () => {
    const c = new Client(server.baseUrl);
    await c.login('pokja2');
    for (const id of ['1', '2', '999999']) {
      const res = await c.get(`/kotak-masuk/${id}`);
      assert.equal(res.status, 404, id);
    }
    const bad = await c.get('/kotak-masuk/abc');
    assert.equal(bad.status, 404);
  });
});
