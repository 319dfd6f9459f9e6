// Test tiers are chosen by file, never by title:
// - unit: every *.test.ts beside the code of a product package that is not *.int.test.ts. Needs no
//   running service (npm run test:unit).
// - int: *.int.test.ts beside the code, and every suite in tests/ (end-to-end, smoke, bench smoke),
//   against the real services of scripts/services.sh (npm run test:int).
// - chaos: tests/chaos/, which kill workers and restart shared servers, so scripts/test.sh runs them
//   alone, after everything else, with CARAVAN_CHAOS=1 (npm run test:chaos).
// - fuzz: the fast-check property tests beside the code (*.property.test.ts), run by scripts/fuzz.sh
//   with schemathesis (npm run test:fuzz). Need no running service.
// - guard: tests/guard/, the noisy-tenant guard (npm run test:guard). It compares latencies, so
//   scripts/test.sh runs it alone, right after the fuzz tier (see docs/testing.md).
// With no tier named, ava runs unit and int together (npx ava; npm test runs the other tiers after).
const productSources = ['core/src', 'api/src', 'plugins/*/src', 'sdk-clients/typescript/src', 'migrations'];
const inProducts = (file) => productSources.map((folder) => `${folder}/**/${file}`);

const tiers = {
  unit: [...inProducts('*.test.ts'), '!**/*.int.test.ts', '!**/*.property.test.ts'],
  int: [...inProducts('*.int.test.ts'), 'tests/**/*.test.ts', '!tests/chaos/**'],
  chaos: ['tests/chaos/**/*.test.ts'],
  fuzz: inProducts('*.property.test.ts'),
  guard: ['tests/guard/**/*.guard.ts'],
};
tiers.all = [...inProducts('*.test.ts'), 'tests/**/*.test.ts', '!tests/chaos/**', '!**/*.property.test.ts'];

const tier = process.env.CARAVAN_CHAOS === '1' ? 'chaos' : (process.env.CARAVAN_TEST_TIER ?? 'all');
if (!(tier in tiers)) throw new Error(`CARAVAN_TEST_TIER must be one of ${Object.keys(tiers).join(', ')}`);

export default {
  files: tiers[tier],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx', '--conditions=caravan-source'],
  // No test may reach a cloud metadata server; kafkajs's partitioner notice is noise.
  environmentVariables: { METADATA_SERVER_DETECTION: 'none', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
  workerThreads: false,
  // Two cores run the services and the suites: more parallel files only add contention.
  concurrency: 2,
  timeout: '5m',
};
