// The spse command line: help, version, demo data, account management and
// configuration precedence (flag > environment > TOML file).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, reasonFrom } from '../lib/client.mjs';
import { freePort, REPO_ROOT, spseBin, startServer } from '../lib/server.mjs';

/** Runs spse to completion: {code, signal, stdout, stderr}. Never rejects on a non-zero exit. */
function spse(args, { env = {}, input, timeoutMs = 30_000, unsetEnv = [] } = {}) {
  const fullEnv = { ...process.env, ...env };
  for (const name of unsetEnv) delete fullEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(spseBin(), args, { cwd: REPO_ROOT, env: fullEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spse ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/**
 * Starts `spse serve ARGS`, waits for its "listening on" line and returns
 * {port, line, stop()}; rejects with the output if it exits first.
 */
function serve(args, { env = {}, unsetEnv = [], timeoutMs = 20_000 } = {}) {
  const fullEnv = { ...process.env, ...env };
  for (const name of unsetEnv) delete fullEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(spseBin(), ['serve', ...args], { cwd: REPO_ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(killer);
      return result;
    };
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      reject(new Error(`spse serve did not report listening within ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    const onData = (d) => {
      out += d;
      const m = /listening on http:\/\/([\d.]+):(\d+)\//.exec(out);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ host: m[1], port: Number(m[2]), line: m[0], output: () => out, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`spse serve exited (${code ?? signal}) before listening\n${out}`));
    });
  });
}

describe('cli', () => {
  const dirs = [];
  const tmp = (prefix = 'spse-cli-') => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('spse version', async () => {
    const r = await spse(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^spse \d+\.\d+\.\d+\S*\n$/);
  });

  test('spse --help lists the subcommands', async () => {
    const r = await spse(['--help']);
    assert.equal(r.code, 0);
    for (const sub of ['serve', 'migrate', 'demo', 'user', 'version']) {
      assert.match(r.stdout, new RegExp(`^\\s+${sub}\\s`, 'm'), `--help lists ${sub}`);
    }
  });

  test('every subcommand has --help (exit 0)', async () => {
    const subs = [['serve'], ['migrate'], ['demo'], ['user'], ['user', 'create'], ['user', 'list'],
      ['user', 'disable'], ['user', 'reset-password'], ['version'], ['routes']];
    for (const sub of subs) {
      const r = await spse([...sub, '--help']);
      assert.equal(r.code, 0, `spse ${sub.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage:/, `spse ${sub.join(' ')} --help prints a usage`);
    }
    const user = await spse(['user', '--help']);
    for (const sub of ['create', 'list', 'disable', 'reset-password']) {
      assert.match(user.stdout, new RegExp(`^\\s+${sub}\\s`, 'm'));
    }
    const serveHelp = await spse(['serve', '--help']);
    for (const opt of ['--listen', '--config', '--data-dir', '--database']) {
      assert.ok(serveHelp.stdout.includes(opt), `serve --help mentions ${opt}`);
    }
  });

  test('no or an unknown subcommand: non-zero exit with a message', async () => {
    const none = await spse([]);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr + none.stdout, /subcommand|--help/i);
    const bogus = await spse(['bogus']);
    assert.notEqual(bogus.code, 0);
  });

  test('spse routes prints the route table as JSON', async () => {
    const r = await spse(['routes']);
    assert.equal(r.code, 0);
    const routes = JSON.parse(r.stdout);
    assert.ok(Array.isArray(routes) && routes.length > 10);
    for (const route of routes) {
      for (const k of ['body_limit', 'csrf', 'method', 'name', 'pattern', 'permission']) {
        assert.ok(k in route, `route ${JSON.stringify(route)} has ${k}`);
      }
    }
    const names = routes.map((x) => x.name);
    assert.equal(new Set(names).size, names.length, 'route names are unique');
    assert.ok(routes.some((x) => x.method === 'GET' && x.pattern === '/healthz' && x.permission === 'public'));
  });

  test('migrate and demo are safe to run twice', async () => {
    const dir = tmp();
    const m1 = await spse(['migrate', '--data-dir', dir]);
    assert.equal(m1.code, 0, m1.stderr);
    assert.match(m1.stdout, /Applied [1-9]\d* migration\(s\); schema version \d+\./);
    const m2 = await spse(['migrate', '--data-dir', dir]);
    assert.equal(m2.code, 0);
    assert.match(m2.stdout, /Applied 0 migration\(s\)/);

    const d1 = await spse(['demo', '--data-dir', dir]);
    assert.equal(d1.code, 0, d1.stderr);
    const first = /Demo data: (\d+) agencies, (\d+) accounts, (\d+) announcements added\./.exec(d1.stdout);
    assert.ok(first, d1.stdout);
    assert.ok(Number(first[1]) > 0 && Number(first[2]) >= 13 && Number(first[3]) > 0);
    assert.match(d1.stdout, /bangkalan-demo-2026/);
    // Registration demo data: vendor identities, and the applications not yet verified.
    const registrations = /Demo registrations: (\d+) vendors, (\d+) accounts added\./.exec(d1.stdout);
    assert.ok(registrations && Number(registrations[1]) > 0, d1.stdout);
    const d2 = await spse(['demo', '--data-dir', dir]);
    assert.equal(d2.code, 0, d2.stderr);
    assert.match(d2.stdout, /Demo data: 0 agencies, 0 accounts, 0 announcements added\./);
    assert.match(d2.stdout, /Demo registrations: 0 vendors, 0 accounts added\./);
    const d3 = await spse(['demo', '--data-dir', dir, '--if-empty']);
    assert.equal(d3.code, 0);
    assert.match(d3.stdout, /already has accounts/);
    // Still exactly one of each demo account.
    const list = await spse(['user', 'list', '--data-dir', dir]);
    assert.equal(list.stdout.split('\n').filter((l) => l.startsWith('admin\t')).length, 1);
    assert.equal(list.stdout.trim().split('\n').length, Number(first[2]) + Number(registrations[2]));
  });

  describe('user create / list / disable / reset-password', () => {
    let dir;
    let server;

    before(async () => {
      dir = tmp();
      const d = await spse(['demo', '--data-dir', dir]);
      assert.equal(d.code, 0, d.stderr);
    });

    after(async () => {
      await server?.stop();
    });

    test('round trip, seen by the server too', async () => {
      const created = await spse(['user', 'create', '--data-dir', dir, '--username', 'ppk.cli',
        '--name', 'Pejabat Uji CLI', '--email', 'ppk.cli@example.test', '--role', 'ppk', '--agency', 'DPUPR-BM']);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /Created user 'ppk\.cli' \(id \d+\)\./);
      const temp = /Temporary password \(must be changed at first sign-in\): (\S+)/.exec(created.stdout)?.[1];
      assert.ok(temp, created.stdout);

      let list = await spse(['user', 'list', '--data-dir', dir]);
      assert.equal(list.code, 0);
      assert.match(list.stdout, /^ppk\.cli\tppk\tactive\tPejabat Uji CLI$/m);

      // The server (on the same data dir) takes the temporary password and
      // forces a change.
      server = await startServer({ dataDir: dir, demo: false });
      const c = new Client(server.baseUrl);
      const login = await c.login('ppk.cli', temp, { expectOk: false });
      assert.equal(login.status, 303);
      assert.equal(login.location, '/akun/kata-sandi');

      // A second account with a chosen password, from stdin.
      const viaStdin = await spse(['user', 'create', '--data-dir', dir, '--username', 'auditor.cli',
        '--name', 'Auditor Uji CLI', '--email', 'auditor.cli@example.test', '--role', 'auditor',
        '--password-stdin'], { input: 'Pemeriksa-Keuangan-2026\n' });
      assert.equal(viaStdin.code, 0, viaStdin.stderr);
      assert.doesNotMatch(viaStdin.stdout, /Temporary password/);
      const auditor = new Client(server.baseUrl);
      const a = await auditor.login('auditor.cli', 'Pemeriksa-Keuangan-2026', { expectOk: false });
      assert.equal(a.status, 303);
      assert.equal(a.location, '/dasbor');

      // Reset: a new temporary password; the old one stops working.
      const reset = await spse(['user', 'reset-password', '--data-dir', dir, 'ppk.cli']);
      assert.equal(reset.code, 0, reset.stderr);
      const temp2 = /Temporary password for 'ppk\.cli' \(must be changed at next sign-in\): (\S+)/.exec(reset.stdout)?.[1];
      assert.ok(temp2 && temp2 !== temp, reset.stdout);
      assert.equal((await c.get('/akun/kata-sandi')).status, 303, 'the reset ended the open session');
      assert.equal((await new Client(server.baseUrl).login('ppk.cli', temp, { expectOk: false })).status, 401);
      assert.equal((await new Client(server.baseUrl).login('ppk.cli', temp2, { expectOk: false })).status, 303);

      // Disable: the open session of auditor.cli ends and sign-in is refused.
      assert.equal((await auditor.get('/audit')).status, 200);
      const disabled = await spse(['user', 'disable', '--data-dir', dir, 'auditor.cli']);
      assert.equal(disabled.code, 0, disabled.stderr);
      assert.match(disabled.stdout, /Disabled 'auditor\.cli'/);
      assert.equal((await auditor.get('/audit')).status, 303);
      const refused = await new Client(server.baseUrl).login('auditor.cli', 'Pemeriksa-Keuangan-2026', { expectOk: false });
      assert.equal(refused.status, 403);
      assert.equal(reasonFrom(refused.text), 'auth.account_disabled');
      list = await spse(['user', 'list', '--data-dir', dir]);
      assert.match(list.stdout, /^auditor\.cli\tauditor\tdisabled\t/m);
    });

    test('refusals exit non-zero with the reason', async () => {
      const conflict = await spse(['user', 'create', '--data-dir', dir, '--username', 'rangkap.cli',
        '--name', 'Rangkap', '--email', 'rangkap@example.test', '--role', 'helpdesk,pokja', '--agency', 'SETDA-BPBJ']);
      assert.equal(conflict.code, 2);
      assert.match(conflict.stderr, /role\.lpse_procurement_conflict/);

      const duplicate = await spse(['user', 'create', '--data-dir', dir, '--username', 'admin',
        '--name', 'Admin Kedua', '--email', 'admin2@example.test', '--role', 'auditor']);
      assert.equal(duplicate.code, 2, duplicate.stderr);

      const unknownRole = await spse(['user', 'create', '--data-dir', dir, '--username', 'peran.aneh',
        '--name', 'Peran Aneh', '--email', 'aneh@example.test', '--role', 'raja']);
      assert.notEqual(unknownRole.code, 0);

      const unknownAgency = await spse(['user', 'create', '--data-dir', dir, '--username', 'tanpa.instansi',
        '--name', 'Tanpa', '--email', 'tanpa@example.test', '--role', 'ppk', '--agency', 'TIDAK-ADA']);
      assert.equal(unknownAgency.code, 2);
      assert.match(unknownAgency.stderr, /agency\.not_found/);

      for (const sub of ['disable', 'reset-password']) {
        const r = await spse(['user', sub, '--data-dir', dir, 'tidak.ada']);
        assert.equal(r.code, 2, `user ${sub} of an unknown user`);
        assert.match(r.stderr, /user\.not_found/);
      }

      const missing = await spse(['user', 'create', '--data-dir', dir, '--username', 'x.y']);
      assert.notEqual(missing.code, 0, 'required options are required');

      const list = await spse(['user', 'list', '--data-dir', dir]);
      assert.doesNotMatch(list.stdout, /rangkap\.cli|peran\.aneh|tanpa\.instansi/);
    });
  });

  test('configuration precedence: --listen > SPSE_LISTEN > TOML file', async () => {
    const dir = tmp();
    assert.equal((await spse(['migrate', '--data-dir', dir])).code, 0);
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    const config = path.join(dir, 'spse.toml');
    writeFileSync(config, `# test configuration\ndata_dir = "${dir}"\nlisten = "127.0.0.1:${p1}"\nlpse_name = "LPSE Uji Konfigurasi"\n`);

    const unset = ['SPSE_LISTEN', 'SPSE_CONFIG', 'SPSE_DATA_DIR', 'SPSE_DATABASE'];
    const cases = [
      { args: ['--config', config, '--listen', `127.0.0.1:${p3}`], env: { SPSE_LISTEN: `127.0.0.1:${p2}` }, port: p3, who: 'flag' },
      { args: ['--config', config], env: { SPSE_LISTEN: `127.0.0.1:${p2}` }, port: p2, who: 'environment' },
      { args: ['--config', config], env: {}, port: p1, who: 'file' },
      // SPSE_CONFIG names the file when --config is absent.
      { args: [], env: { SPSE_CONFIG: config }, port: p1, who: 'SPSE_CONFIG file' },
    ];
    for (const c of cases) {
      const s = await serve(c.args, { env: c.env, unsetEnv: unset.filter((n) => !(n in c.env)) });
      try {
        assert.equal(s.port, c.port, `${c.who}: ${s.line}`);
        const res = await fetch(`http://127.0.0.1:${c.port}/`);
        assert.equal(res.status, 200, `${c.who}: GET / on port ${c.port}`);
        assert.match(await res.text(), /LPSE Uji Konfigurasi/, 'the file\'s lpse_name is used');
      } finally {
        const { code } = await s.stop();
        assert.equal(code, 0, `${c.who}: exit code`);
      }
    }
  });

  test('a bad configuration is refused with a message', async () => {
    const dir = tmp();
    const unknownKey = path.join(dir, 'unknown.toml');
    writeFileSync(unknownKey, `data_dir = "${dir}"\nlistne = "127.0.0.1:1"\n`);
    const r1 = await spse(['migrate', '--config', unknownKey], { unsetEnv: ['SPSE_DATA_DIR', 'SPSE_CONFIG'] });
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /config\.file_invalid.*listne/);

    const broken = path.join(dir, 'broken.toml');
    writeFileSync(broken, 'listen = "127.0.0.1:1\n');
    const r2 = await spse(['migrate', '--config', broken]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /config\.file_invalid/);

    const r3 = await spse(['serve', '--data-dir', dir, '--listen', 'nonsense'], { timeoutMs: 10_000 });
    assert.notEqual(r3.code, 0);
    assert.match(r3.stderr, /listen/);

    const r4 = await spse(['serve', '--data-dir', dir], { env: { SPSE_WORKERS: 'many' }, timeoutMs: 10_000 });
    assert.equal(r4.code, 2);
    assert.match(r4.stderr, /workers/);
    const r4b = await spse(['serve', '--data-dir', dir], { env: { SPSE_REGISTRATION_EXPIRY_DAYS: '0' }, timeoutMs: 10_000 });
    assert.equal(r4b.code, 2);
    assert.match(r4b.stderr, /registration_expiry_days/);

    // A broken procedure catalogue stops the server before it listens,
    // naming the file, the place and the fault (KAT-04 in docs/rules.md).
    const web = path.join(dir, 'web');
    cpSync(path.join(REPO_ROOT, 'web'), web, { recursive: true });
    const catalogue = path.join(web, 'catalogue', 'procedures.toml');
    writeFileSync(catalogue, readFileSync(catalogue, 'utf8').replace('ref = "pengumuman"\n    days = 3', 'ref = "kontrak"\n    days = 3'));
    const r6 = await spse(['serve', '--data-dir', dir, '--listen', '127.0.0.1:0'], { env: { SPSE_WEB_DIR: web }, timeoutMs: 10_000 });
    assert.equal(r6.code, 2);
    assert.match(r6.stderr, /catalogue\.ref_later.*procedures\.toml.*tender-pasca-satu-file\/penjelasan\/JDW-P1-04/);

    // A port in use: serve fails instead of hanging.
    const busy = await startServer({ demo: false });
    try {
      const r5 = await spse(['serve', '--data-dir', dir, '--listen', `127.0.0.1:${busy.port}`], { timeoutMs: 10_000 });
      assert.notEqual(r5.code, 0);
      assert.match(r5.stderr, /listen_failed|in use/i);
    } finally {
      await busy.stop();
    }
  });
});
