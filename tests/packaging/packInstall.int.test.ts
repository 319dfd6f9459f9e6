// The published packages on their own: `npm pack` of the SDK, the plugin contract (with the code the
// contracts share) and each source plugin, installed from the tarballs into a scratch project outside
// the repository (no workspace links, no TypeScript loader, no `caravan-source` condition). There the SDK README's tour runs against
// a real `caravan dev`, and a plugin conformance run passes against the real ElasticMQ.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { Caravan } from '@caravan/client';
import { startCaravanServer } from '../support/caravanProcess.js';
import { freePort, repoRoot, serviceSetting } from '@caravan/testing';

const run = promisify(execFile);
const packages = [
  '@caravan/client',
  '@caravan/plugin-common',
  '@caravan/source-api',
  '@caravan/source-aws-sqs',
  '@caravan/source-gcp-pubsub',
  '@caravan/source-kafka',
];

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

const scratch = mkdtempSync(join(realpathSync(tmpdir()), 'caravan-pack-'));
let packed: PackResult[] = [];

test.before(async () => {
  // prepack builds each package (tsc -b), so a fresh clone packs what its sources say.
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', scratch, ...packages.flatMap((p) => ['-w', p])],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];
  // The conformance kit's peers, as plugins/source-api/README.md tells a plugin author to install them.
  const peers = ['ava', 'ajv', 'ajv-formats'].map((name) => {
    const manifest = readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8');
    return `${name}@${(JSON.parse(manifest) as { version: string }).version}`;
  });
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'caravan-scratch', private: true, type: 'module' }),
  );
  // Registry dependencies come from npm's cache when it has them.
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...packed.map((p) => `./${p.filename}`),
      ...peers,
    ],
    { cwd: scratch, maxBuffer: 64 * 1024 * 1024 },
  );
});
test.after.always(() => rmSync(scratch, { recursive: true, force: true }));

test('packaging › the scratch project is outside the repository and holds copies, not workspace links', (t) => {
  t.true(relative(repoRoot, scratch).startsWith('..'), `${scratch} is outside ${repoRoot}`);
  for (const name of packages) {
    t.false(
      lstatSync(join(scratch, 'node_modules', name)).isSymbolicLink(),
      `${name} is installed, not linked`,
    );
  }
});

/** The files an `npm pack` result names in `exports`, `types` and `bin` that the tarball lacks. */
function missingEntryPoints(p: PackResult, manifest: Manifest): string[] {
  const files = new Set(p.files.map((f) => f.path));
  const named = [
    manifest.types,
    ...Object.values(manifest.exports).flatMap((e) => Object.values(e)),
    ...Object.values(manifest.bin ?? {}),
  ];
  // The caravan-source condition points at sources, for in-repository runs only.
  return named.filter((f) => !f.startsWith('./src/') && !files.has(f.replace(/^\.\//, '')));
}

interface Manifest {
  exports: Record<string, Record<string, string>>;
  types: string;
  bin?: Record<string, string>;
}

test('packaging › each tarball holds every file its exports and types name, and no tests', (t) => {
  t.deepEqual(packed.map((p) => p.name).sort(), [...packages].sort());
  for (const p of packed) {
    const manifest = JSON.parse(
      readFileSync(join(scratch, 'node_modules', p.name, 'package.json'), 'utf8'),
    ) as Manifest;
    t.deepEqual(missingEntryPoints(p, manifest), [], `${p.name} ships its entry points`);
    t.deepEqual(
      p.files.map((f) => f.path).filter((f) => /\.test\.|^src\//.test(f)),
      [],
      `${p.name} ships no tests and no sources`,
    );
  }
});

test('packaging › @caravan/core and @caravan/api pack their entry points and the caravan bin, and no tests', async (t) => {
  const { stdout } = await run(
    'npm',
    ['pack', '--dry-run', '--json', '-w', '@caravan/core', '-w', '@caravan/api'],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  const results = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];
  t.deepEqual(results.map((p) => p.name).sort(), ['@caravan/api', '@caravan/core']);
  for (const p of results) {
    const dir = p.name === '@caravan/api' ? 'api' : 'core';
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;
    t.deepEqual(missingEntryPoints(p, manifest), [], `${p.name} ships its entry points`);
    t.deepEqual(
      p.files.map((f) => f.path).filter((f) => /\.test\.|Suite\.|^src\//.test(f)),
      [],
      `${p.name} ships no tests and no sources`,
    );
  }
  const api = JSON.parse(readFileSync(join(repoRoot, 'api/package.json'), 'utf8')) as Manifest & {
    dependencies: Record<string, string>;
  };
  t.is(api.bin?.caravan, './dist/cli/caravan.js');
  // caravan loads every installed package that declares itself a plugin: the source plugins it ships
  // are its own dependencies (not merely hoisted next to it), and each declares itself.
  const shipped = Object.keys(api.dependencies).filter((name) => /^@caravan\/source-(?!api$)/.test(name));
  t.true(shipped.length > 0);
  for (const plugin of shipped) {
    const manifest = JSON.parse(
      readFileSync(join(scratch, 'node_modules', plugin, 'package.json'), 'utf8'),
    ) as { caravan?: { plugin?: string } };
    t.is(manifest.caravan?.plugin, 'source', `the installed ${plugin} declares itself a source plugin`);
  }
});

/** The first TypeScript block of the SDK README's "Five-minute tour", pointed at `baseUrl` and `port`. */
function readmeTour(baseUrl: string, port: number): string {
  const readme = readFileSync(join(repoRoot, 'sdk-clients/typescript/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Five-minute tour'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const pointed = code
    .replace(/^const baseUrl = .*$/m, `const baseUrl = ${JSON.stringify(baseUrl)};`)
    .replace(/^const port = .*$/m, `const port = ${port};`);
  if (!pointed.includes(baseUrl) || !pointed.includes(`const port = ${port};`)) {
    throw new Error('the README tour no longer declares `const baseUrl` and `const port`');
  }
  return pointed;
}

test('packaging › the SDK README tour runs from the installed @caravan/client against caravan dev', async (t) => {
  const server = await startCaravanServer(['dev', '--data-dir', join(scratch, 'caravan-dev'), '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const admin = new Caravan({ apiKey: adminKey, baseUrl: server.url });
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, { name: 'backend' });

  // Node runs the README's TypeScript as is (type stripping): no loader, no build in the scratch project.
  writeFileSync(join(scratch, 'tour.mts'), readmeTour(server.url, await freePort()));
  const tour = spawn(process.execPath, ['tour.mts'], {
    cwd: scratch,
    env: { ...process.env, CARAVAN_API_KEY: key, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  tour.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  tour.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(tour, 'exit');
  t.teardown(() => {
    tour.kill('SIGKILL');
  });
  const deadline = Date.now() + 60_000;
  while (!/verified evt_/.test(output)) {
    if (tour.exitCode !== null || Date.now() > deadline) {
      t.fail(`the tour printed no verified webhook:\n${output}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  t.regex(output, /verified evt_\S+ \{ invoiceId: 'in_1', amount: 12500 \}/);
  tour.kill('SIGTERM');
  await exited;
});

// The SQS plugin's conformance suite, as a plugin author outside the repository would write it.
const conformanceSuite = `
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { runSourceConformance } from '@caravan/source-api/testing';
import awsSqsSource from '@caravan/source-aws-sqs';

const endpoint = process.env.SQS_ENDPOINT;
const region = process.env.SQS_REGION;
const credentials = { accessKeyId: 'AKIACARAVANPACKED', secretAccessKey: 'packed' };
const admin = new SQSClient({ endpoint, region, credentials: { ...credentials } });
test.after.always(() => admin.destroy());

runSourceConformance(test, {
  plugin: awsSqsSource,
  async setup() {
    const created = await admin.send(new CreateQueueCommand({ QueueName: 'packed-' + randomUUID() }));
    return created.QueueUrl;
  },
  async teardown(queueUrl) {
    await admin.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  },
  config: (queueUrl) => ({ queueUrl, region, endpoint, visibilityTimeoutSeconds: 2 }),
  credentials,
  async publish(messages, queueUrl) {
    const ids = [];
    for (let start = 0; start < messages.length; start += 10) {
      const chunk = messages.slice(start, start + 10);
      const sent = await admin.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((m, i) => ({
            Id: String(i),
            MessageBody: m.body.toString('utf8'),
            MessageAttributes: Object.fromEntries(
              Object.entries(m.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
            ),
          })),
        }),
      );
      if (sent.Failed?.length) throw new Error('SendMessageBatch failed: ' + JSON.stringify(sent.Failed));
      const byEntry = new Map(sent.Successful.map((s) => [s.Id, s.MessageId]));
      ids.push(...chunk.map((_, i) => byEntry.get(String(i))));
    }
    return ids;
  },
  slowDeliverMs: 5_000,
  quietMs: 3_000,
});
`;

test('packaging › a conformance run of the installed SQS plugin passes against ElasticMQ', async (t) => {
  writeFileSync(join(scratch, 'sqs.conformance.test.mjs'), conformanceSuite);
  const ava = spawn(process.execPath, ['node_modules/ava/entrypoints/cli.mjs', 'sqs.conformance.test.mjs'], {
    cwd: scratch,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      SQS_ENDPOINT: serviceSetting('CARAVAN_TEST_SQS_ENDPOINT'),
      SQS_REGION: serviceSetting('CARAVAN_TEST_SQS_REGION'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  ava.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  ava.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(ava, 'exit')) as [number | null];
  t.is(code, 0, output);
  const passed = /(\d+) tests? passed/.exec(output);
  t.truthy(passed, output);
  t.true(Number(passed![1]) >= 5, `the conformance suite ran its scenarios:\n${output}`);
  t.notRegex(output, /\d+ (tests? failed|known failure|skipped|todo)/);
});
