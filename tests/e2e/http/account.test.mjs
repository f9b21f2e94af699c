// Account pages every user has: Log Akses (their own sign-ins only).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Client } from '../lib/client.mjs';
import { useServer } from '../lib/server.mjs';

describe('log akses', () => {
  const server = useServer();

  test('shows the user\'s own sign-ins and failed attempts, nobody else\'s', async () => {
    const intruder = new Client(server.baseUrl);
    const failed = await intruder.login('pp.dinkes', 'not-the-password-x', { expectOk: false });
    assert.equal(failed.status, 401);
    const other = new Client(server.baseUrl);
    await other.login('pokja2');

    const me = new Client(server.baseUrl);
    await me.login('pp.dinkes');
    const page = await me.get('/akun/log-akses');
    assert.equal(page.status, 200);
    const rows = [...page.text.matchAll(/<tr[^>]*><td><time>[^<]*<\/time><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
      .map((m) => m[1]);
    assert.deepEqual(rows, ['Masuk', 'Percobaan masuk gagal (kata sandi salah)'],
      'newest first: this sign-in, then the failed attempt');
    assert.match(page.text, /class="row-warn"/, 'the failed attempt stands out');

    const others = await other.get('/akun/log-akses');
    const otherRows = [...others.text.matchAll(/<tr[^>]*><td><time>/g)];
    assert.equal(otherRows.length, 1, 'pokja2 sees only its own sign-in');
  });

  test('the head of the LPSE sees the week\'s activity on the dashboard; others do not', async () => {
    const kepala = new Client(server.baseUrl);
    await kepala.login('kepala');
    const dash = await kepala.get('/dasbor');
    assert.match(dash.text, /data-testid="activity"/);
    const signIns = Number(/data-testid="sign-ins">(\d+)</.exec(dash.text)?.[1]);
    assert.ok(signIns >= 1, 'at least this sign-in');
    assert.match(dash.text, /<td>Kepala LPSE<\/td><td>1<\/td>/);
    const pokja = new Client(server.baseUrl);
    await pokja.login('pokja3');
    assert.doesNotMatch((await pokja.get('/dasbor')).text, /data-testid="activity"/);
  });

  test('is for signed-in users only', async () => {
    const anon = new Client(server.baseUrl);
    const res = await anon.get('/akun/log-akses');
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location'), /^\/masuk\?next=/);
  });
});
