// Unit tests sit beside the code (*.test.ts); tests needing a real server are *.int.test.ts;
// black-box suites against running processes live in tests/.
// Chaos suites kill workers and restart shared servers: scripts/test.sh runs them alone, after
// everything else, with CARAVAN_CHAOS=1.
const chaos = process.env.CARAVAN_CHAOS === '1';

export default {
  files: chaos
    ? ['tests/chaos/**/*.test.ts']
    : [
        'core/src/**/*.test.ts',
        'api/src/**/*.test.ts',
        'plugins/*/src/**/*.test.ts',
        'sdk-clients/typescript/src/**/*.test.ts',
        'migrations/**/*.test.ts',
        'tests/**/*.test.ts',
        '!tests/chaos/**',
      ],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx', '--conditions=caravan-source'],
  // No test may reach a cloud metadata server; kafkajs's partitioner notice is noise.
  environmentVariables: { METADATA_SERVER_DETECTION: 'none', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
  workerThreads: false,
  // Two cores run the services and the suites: more parallel files only add contention.
  concurrency: 2,
  timeout: '5m',
};
