// Layer boundaries, checked by `npm run check:boundaries` (part of `npm run check`).
// Paths are resolved files relative to the repository root; workspace packages resolve to their
// sources through the `caravan-source` condition, so `@caravan/core` is `core/src/index.ts`.

const productSources = '^(core|api|plugins/[^/]+|sdk-clients/typescript)/src/';
const testFiles = '[.]test[.]ts$';

// Libraries and Node modules that talk to disks, networks, processes or servers. (Node reports its
// modules without the `node:` prefix.) node:net and node:dns have rules of their own below.
const ioModules = [
  '^(node:)?(fs|fs/promises|http|https|http2|dgram|tls|child_process|cluster|worker_threads|readline)$',
  '^node_modules/(knex|kafkajs|undici|ioredis|mysql2|better-sqlite3|pino|prom-client|rate-limiter-flexible|@google-cloud|@aws-sdk|openapi-backend|koa)(/|$)',
];

// Domain files that use only node:net's pure address parsers (isIP, BlockList), never a socket.
const addressParsersFromNodeNet = '^core/src/domain/(ipAddress|egressPool|urlGuard)[.]ts$';

// TEMPORARY: integration tests of core and of the SDK compose Caravan through these tests/support
// helpers (dispatch and routing backings, the API harness, the CLI process). They move behind
// `@caravan/testing` or the composition root; until then test files may import exactly these.

const temporaryCompositionHelpers = '^tests/support/(dispatching|routing|apiHarness|caravanProcess)[.]ts$';

export default {
  forbidden: [
    {
      name: 'domain-no-io',
      comment: 'core/src/domain is pure: rules and values, no disk, network, database, broker or logging.',
      severity: 'error',
      from: { path: '^core/src/domain/', pathNot: testFiles },
      to: { path: ioModules },
    },
    {
      name: 'domain-no-dns',
      comment: 'core/src/domain resolves no names: a HostResolver is passed in.',
      severity: 'error',
      from: { path: '^core/src/domain/', pathNot: testFiles },
      to: { path: '^(node:)?dns(/promises)?$' },
    },
    {
      name: 'domain-no-io-net',
      comment: 'node:net in core/src/domain only for its pure address parsers, in the files listed.',
      severity: 'error',
      from: { path: '^core/src/domain/', pathNot: [testFiles, addressParsersFromNodeNet] },
      to: { path: '^(node:)?net$' },
    },
    {
      name: 'domain-no-adapters',
      comment: 'core/src/domain imports no adapter, role or outer layer of core.',
      severity: 'error',
      from: { path: '^core/src/domain/', pathNot: testFiles },
      to: { path: '^core/src/(storage|log|router|dispatcher|scheduler|sources|ingest|management|jobs|app)/' },
    },
    {
      name: 'plugins-only-contract',
      comment:
        'A plugin imports its own files, @caravan/source-api or @caravan/destination-api (and the contracts @caravan/plugin-common) and the packages its package.json declares (its broker SDK), nothing of Caravan else.',
      severity: 'error',
      from: { path: '^plugins/([^/]+)/src/', pathNot: testFiles },
      to: {
        path: '^(core|api|sdk-clients|tests|migrations|plugins)/',
        pathNot: [
          '^plugins/$1/',
          '^plugins/source-api/src/',
          '^plugins/destination-api/src/',
          '^plugins/plugin-common/src/',
        ],
      },
    },
    {
      name: 'plugins-declared-dependencies-only',
      comment: 'A plugin imports no package its own package.json does not list in dependencies.',
      severity: 'error',
      from: { path: '^plugins/[^/]+/src/', pathNot: testFiles },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown', 'npm-optional', 'npm-bundled'] },
    },
    {
      name: 'api-no-storage-adapters',
      comment:
        'api/ is HTTP only: it calls core through @caravan/core, never a storage or log adapter, SQL or Kafka.',
      severity: 'error',
      from: { path: '^api/src/', pathNot: testFiles },
      to: {
        path: [
          '^core/src/storage/knex/',
          '^core/src/log/(kafka|sql)/',
          '^node_modules/(knex|kafkajs|mysql2|better-sqlite3|ioredis)(/|$)',
        ],
      },
    },
    {
      name: 'api-through-core-barrel',
      comment:
        'api/ reaches core through its entries only (@caravan/core, and @caravan/core/setup for short commands), never a deep path into core/src.',
      severity: 'error',
      from: { path: '^api/src/' },
      to: { path: '^core/src/', pathNot: '^core/src/(index|setup)[.]ts$' },
    },
    {
      name: 'product-code-no-tests',
      comment: 'Shipped code never imports tests/ (not even @caravan/testing).',
      severity: 'error',
      from: { path: productSources, pathNot: testFiles },
      to: { path: '^tests/' },
    },
    {
      name: 'product-tests-through-caravan-testing',
      comment:
        'Tests inside a package reach shared test helpers through @caravan/testing, not a relative path into tests/.',
      severity: 'error',
      from: { path: `${productSources}.*${testFiles}` },
      to: { path: '^tests/', pathNot: ['^tests/testing/src/', temporaryCompositionHelpers] },
    },
    {
      name: 'caravan-testing-through-package-name',
      comment: 'Tests import @caravan/testing by its name, so it resolves the way a package does.',
      severity: 'error',
      from: { path: `${productSources}.*${testFiles}` },
      to: { path: '^tests/testing/src/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a typo or a missing dependency fails here, not at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['caravan-source', 'import', 'types', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
