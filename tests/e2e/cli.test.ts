import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { runCaravan, startCaravanServer } from '../support/caravanProcess.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'caravan-cli-'));

test('caravan dev › serves /healthz and /readyz on the embedded default and stops cleanly on Ctrl-C', async (t) => {
  const dataDir = tempDir();
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));

  // Raw fetch on purpose: /healthz and /readyz are ops routes outside the API contract.
  const health = await fetch(`${server.url}/healthz`);
  t.is(health.status, 200);
  t.like(await health.json(), { status: 'ok' });
  const ready = await fetch(`${server.url}/readyz`);
  t.is(ready.status, 200);
  t.deepEqual(await ready.json(), { status: 'ready', checks: { database: 'ok' } });

  t.regex(server.output(), /admin key: cadm_\S+/);
  t.regex(server.output(), /curl -X POST http:\/\/127\.0\.0\.1:\d+\/v1\/tenants/);
  t.true(server.output().includes(`${server.url}/dashboard`), 'the banner names the dashboard');
  // Raw fetch on purpose: the dashboard is a page outside the API contract.
  const dashboard = await fetch(`${server.url}/dashboard`);
  t.is(dashboard.status, 200);
  t.regex(await dashboard.text(), /<div id="app">/);
  t.true(statSync(join(dataDir, 'caravan.sqlite')).isFile());
  t.is(
    statSync(join(dataDir, 'dev-secrets.json')).mode & 0o777,
    0o600,
    'dev secrets are private to the user',
  );

  t.is(await server.stop('SIGINT'), 0);
});

test('caravan dev › shows the admin key on the first start only, and says where it is kept', async (t) => {
  const dataDir = tempDir();
  const secretsFile = join(dataDir, 'dev-secrets.json');
  const first = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  const firstKey = /admin key: (cadm_\S+)/.exec(first.output())?.[1] ?? 'no key printed';
  t.regex(firstKey, /^cadm_/);
  t.true(first.output().includes(`kept in ${secretsFile}`), first.output());
  t.is(await first.stop(), 0);

  const second = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => second.stop('SIGKILL'));
  t.false(second.output().includes(firstKey), 'a restart does not print the key again');
  t.true(second.output().includes(`admin key: kept in ${secretsFile}`), second.output());
  const kept = (JSON.parse(readFileSync(secretsFile, 'utf8')) as { adminKey: string }).adminKey;
  t.is(kept, firstKey, 'the same key is kept across restarts');
  const tenants = await fetch(`${second.url}/v1/tenants`, { headers: { authorization: `Bearer ${kept}` } });
  t.is(tenants.status, 200, 'and still opens the admin API');
  t.is(await second.stop(), 0);
});

/** A port some other process is listening on. */
async function takenPort(t: ExecutionContext): Promise<number> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  return (blocker.address() as AddressInfo).port;
}

test('caravan dev › a port already taken stops the start with one line and a non-zero exit', async (t) => {
  const port = await takenPort(t);
  const { code, output } = await runCaravan(['dev', '--data-dir', tempDir(), '--port', String(port)]);
  t.is(code, 1);
  const lines = output.trim().split('\n');
  t.is(
    lines.at(-1),
    `caravan: cannot listen on 127.0.0.1:${port}: the port is already in use (choose another port with CARAVAN_PORT, or --port with caravan dev)`,
  );
  t.notRegex(output, /\n\s+at /, 'no stack trace');
  t.notRegex(output, /listening on/, 'nothing started');
});

test('caravan api › a port already taken stops the start with one line and a non-zero exit', async (t) => {
  const port = await takenPort(t);
  const env = {
    CARAVAN_DATABASE_URL: `sqlite:${join(tempDir(), 'p.sqlite')}`,
    CARAVAN_ADMIN_KEY: 'admin-key-for-tests-0123456789',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    CARAVAN_PORT: String(port),
  };
  t.is((await runCaravan(['migrate', 'latest'], env)).code, 0);
  const { code, output } = await runCaravan(['api'], env);
  t.is(code, 1);
  t.regex(
    output,
    new RegExp(`caravan: cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use`),
  );
  t.notRegex(output, /\n\s+at /, 'no stack trace');
});

test('caravan api › a bad setting stops the start with the setting, its source and the expected form', async (t) => {
  const { code, output } = await runCaravan(['api'], {
    CARAVAN_ADMIN_KEY: 'short',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
    CARAVAN_PORT: 'http',
  });
  t.is(code, 1);
  t.regex(output, /Invalid Caravan configuration/);
  t.regex(output, /listen\.port \(from CARAVAN_PORT\): must be integer/);
  t.regex(
    output,
    /adminKey \(from CARAVAN_ADMIN_KEY\): must NOT have fewer than 24 characters \(at least 24 characters\)/,
  );
});

test('caravan migrate › applies, reports and reverts the schema of a SQLite database', async (t) => {
  const env = {
    CARAVAN_DATABASE_URL: `sqlite:${join(tempDir(), 'm.sqlite')}`,
    CARAVAN_ADMIN_KEY: 'admin-key-for-tests-0123456789',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  const before = await runCaravan(['migrate', 'status'], env);
  t.is(before.code, 0, before.output);
  t.regex(before.output, /pending\s+\d{14}_initial_schema/);
  const latest = await runCaravan(['migrate', 'latest'], env);
  t.regex(latest.output, /applied: \d{14}_initial_schema/);
  const after = await runCaravan(['migrate', 'status'], env);
  t.regex(after.output, /applied\s+\d{14}_initial_schema/);
  t.notRegex(after.output, /pending/);
  const back = await runCaravan(['migrate', 'rollback'], env);
  t.regex(back.output, /reverted: (\d{14}_\w+, )*\d{14}_initial_schema\n/);
  const wrong = await runCaravan(['migrate', 'sideways'], env);
  t.is(wrong.code, 1);
  t.regex(wrong.output, /unknown action "sideways" \(expected latest, rollback or status\)/);
});

test('caravan worker › an unknown role is refused, naming it and the known roles', async (t) => {
  const { code, output } = await runCaravan(['worker', '--roles', 'router,mailer']);
  t.is(code, 1);
  t.regex(
    output,
    /unknown role\(s\) "mailer"; expected a comma-separated subset of router, dispatcher, scheduler, sources/,
  );
});

test('caravan worker › a source plugin that cannot load stops the start, naming it', async (t) => {
  const env = {
    CARAVAN_DATABASE_URL: `sqlite:${join(tempDir(), 'w.sqlite')}`,
    CARAVAN_ADMIN_KEY: 'admin-key-for-tests-0123456789',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    CARAVAN_SOURCE_PLUGINS: '@caravan/source-aws-sqs,./no-such-plugin.js',
  };
  t.is((await runCaravan(['migrate', 'latest'], env)).code, 0);
  const { code, output } = await runCaravan(['worker', '--roles', 'sources'], env);
  t.is(code, 1);
  t.regex(output, /source plugin \.\/no-such-plugin\.js could not be loaded/);
});
