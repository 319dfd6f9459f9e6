import { randomUUID } from 'node:crypto';
import test from 'ava';
import { MemoryQueue } from './MemoryQueue.js';
import { memoryQueueSource } from './memoryQueueSource.js';
import { runSourceConformance } from './runSourceConformance.js';

// The reference plugin passes the kit against the in-process broker; this also runs the kit itself
// on every unit-test run, without servers.
runSourceConformance(test, {
  plugin: memoryQueueSource,
  setup: () => {
    const name = `conformance-${randomUUID()}`;
    MemoryQueue.create(name, { ackDeadlineMs: 400 });
    return Promise.resolve(name);
  },
  teardown: (name) => Promise.resolve(MemoryQueue.delete(name)),
  config: (name) => ({ queue: name, maxBatchSize: 10 }),
  credentials: {},
  publish: (messages, name) => Promise.resolve(MemoryQueue.find(name)!.publish(messages)),
  slowDeliverMs: 1_000,
  quietMs: 600,
  timeoutMs: 10_000,
  binaryBodies: true,
  startFailures: [
    { name: 'a queue that does not exist', config: { queue: 'no-such-queue' }, error: 'config' },
  ],
});
