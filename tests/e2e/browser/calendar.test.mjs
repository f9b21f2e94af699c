// The "coba jadwal" tool of /prosedur in a real browser: Admin Sistem adds
// a holiday on the calendar page, a visitor picks a procedure and a start
// and sees Pemberian Penjelasan moved off the holiday (issue 4, item 3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { clickAndWait, signInInBrowser } from '../lib/browser.mjs';
import { launchBrowser, startServer } from '../lib/server.mjs';

describe('coba jadwal in the browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a holiday added by Admin Sistem moves the proposed clarification', async () => {
    const problems = [];
    const adminContext = await browser.newContext({ baseURL: server.baseUrl });
    const admin = await adminContext.newPage();
    admin.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    assert.equal(await signInInBrowser(admin, 'admin'), '/dasbor');
    await admin.goto('/admin/kalender');
    await admin.fill('#holiday-form input[name=date]', '2028-02-10');
    await admin.fill('#holiday-form input[name=name]', 'Hari Jadi Kabupaten (uji)');
    await clickAndWait(admin, '#holiday-form button[type=submit]');
    assert.match(await admin.textContent('#holidays'), /Hari Jadi Kabupaten \(uji\)/);

    const visitorContext = await browser.newContext({ baseURL: server.baseUrl });
    const visitor = await visitorContext.newPage();
    visitor.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await visitor.goto('/');
    await clickAndWait(visitor, 'footer a[href="/prosedur"]');
    await visitor.selectOption('#try-form select[name=kode]', 'tender-pasca-satu-file');
    await visitor.fill('#try-form input[name=mulai]', '2028-02-07T09:00');
    await clickAndWait(visitor, '#try-form button[type=submit]');
    const row = visitor.locator('#schedule tr[data-stage=penjelasan]');
    assert.equal(await row.getAttribute('data-start'), '2028-02-11T08:00');
    assert.match(await row.textContent(), /11 Februari 2028 08:00 WIB/);
    assert.deepEqual(problems, []);
    await adminContext.close();
    await visitorContext.close();
  });
});
