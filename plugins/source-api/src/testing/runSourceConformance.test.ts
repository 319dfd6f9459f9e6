import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import type { ExecutionContext, TestFn } from 'ava';
import {
  SOURCE_API_VERSION,
  defineSourcePlugin,
  type SourcePluginDefinition,
} from '../defineSourcePlugin.js';
import type { SourceConsumer, SourceMessage, SourceOutcome, SourceSink } from '../SourceConsumer.js';
import { MemoryQueue } from './MemoryQueue.js';
import { memoryQueueSource, type MemoryQueueConfig } from './memoryQueueSource.js';
import { runSourceConformance } from './runSourceConformance.js';

type Plugin = SourcePluginDefinition<MemoryQueueConfig, Record<string, never>>;
type Scenario = (t: ExecutionContext) => Promise<void>;

/** Just enough of ava's `t` for the kit: assertions record failures instead of throwing. */
function recordingContext(failures: string[], teardowns: (() => unknown)[]): ExecutionContext {
  const check = (ok: boolean, message: string | undefined, fallback: string) => {
    if (!ok) failures.push(message ?? fallback);
    return ok;
  };
  const t = {
    timeout: () => undefined,
    log: () => undefined,
    teardown: (fn: () => unknown) => teardowns.push(fn),
    is: (a: unknown, b: unknown, m?: string) => check(Object.is(a, b), m, `${String(a)} is not ${String(b)}`),
    true: (v: unknown, m?: string) => check(v === true, m, 'not true'),
    deepEqual: (a: unknown, b: unknown, m?: string) =>
      check(isDeepStrictEqual(a, b), m, `${JSON.stringify(a)} differs from ${JSON.stringify(b)}`),
    regex: (s: string, r: RegExp, m?: string) => check(r.test(s), m, `${s} does not match ${String(r)}`),
  };
  return t as unknown as ExecutionContext;
}

/** Runs the kit's scenarios whose title contains `only` against `plugin`; answers the failures of each. */
async function conformanceFailures(plugin: Plugin, only: string): Promise<Map<string, string[]>> {
  const scenarios = new Map<string, Scenario>();
  const register = (title: string, fn: Scenario) => void scenarios.set(title, fn);
  const fakeTest = Object.assign(register, { serial: register }) as unknown as TestFn;
  runSourceConformance(fakeTest, {
    plugin,
    setup: () => {
      const name = `self-check-${randomUUID()}`;
      MemoryQueue.create(name, { ackDeadlineMs: 300 });
      return Promise.resolve(name);
    },
    teardown: (name) => Promise.resolve(MemoryQueue.delete(name)),
    config: (name) => ({ queue: name, maxBatchSize: 5 }),
    publish: (messages, name) => Promise.resolve(MemoryQueue.find(name)!.publish(messages)),
    slowDeliverMs: 900,
    quietMs: 500,
    timeoutMs: 2_500,
  });
  const results = new Map<string, string[]>();
  await Promise.all(
    [...scenarios]
      .filter(([title]) => title.includes(only))
      .map(async ([title, scenario]) => {
        const failures: string[] = [];
        const teardowns: (() => unknown)[] = [];
        try {
          await scenario(recordingContext(failures, teardowns));
        } catch (error) {
          failures.push(String(error));
        } finally {
          for (const teardown of teardowns.reverse()) await teardown();
        }
        results.set(title, failures);
      }),
  );
  return results;
}

/** The reference plugin with one defect put in between it and the host. */
function broken(defect: {
  sink?: (sink: SourceSink) => SourceSink;
  consumer?: (consumer: SourceConsumer) => SourceConsumer;
  workers?: (workers: number) => number;
  noLeaseExtension?: boolean;
}): Plugin {
  return defineSourcePlugin({
    ...memoryQueueSource,
    id: 'caravan-broken',
    apiVersion: SOURCE_API_VERSION,
    create: (context) => {
      if (defect.noLeaseExtension) MemoryQueue.find(context.config.queue)!.extend = () => undefined;
      const inner = memoryQueueSource.create({
        ...context,
        workers: defect.workers?.(context.workers) ?? context.workers,
      });
      const consumer: SourceConsumer = {
        start: (sink) => inner.start(defect.sink?.(sink) ?? sink),
        stop: () => inner.stop(),
      };
      return defect.consumer?.(consumer) ?? consumer;
    },
  });
}

/** A sink that rewrites what the plugin sees (its messages are what the host receives). */
function rewriting(
  sink: SourceSink,
  rewrite: { message?: (m: SourceMessage) => SourceMessage; outcome?: (o: SourceOutcome) => SourceOutcome },
): SourceSink {
  return {
    fail: (error) => sink.fail(error),
    deliver: async (messages) => {
      const outcomes = await sink.deliver(messages.map(rewrite.message ?? ((m) => m)));
      return outcomes.map(rewrite.outcome ?? ((o) => o));
    },
  };
}

const defects: [what: string, scenario: string, expected: string, plugin: Plugin][] = [
  [
    'drops attributes',
    'delivers every message once',
    'keeps its attributes',
    broken({ sink: (s) => rewriting(s, { message: (m) => ({ ...m, attributes: {} }) }) }),
  ],
  [
    'acknowledges retry-later messages',
    'retry-later leaves a message',
    'timed out',
    broken({ sink: (s) => rewriting(s, { outcome: () => ({ kind: 'accepted' }) }) }),
  ],
  [
    'does not acknowledge rejected messages',
    'rejected messages are acknowledged',
    'the rejected message is delivered once',
    broken({
      sink: (s) => rewriting(s, { outcome: (o) => (o.kind === 'rejected' ? { kind: 'retry-later' } : o) }),
    }),
  ],
  [
    'gives a redelivered message a new id',
    'retry-later leaves a message',
    'timed out',
    broken({
      sink: (s) => rewriting(s, { message: (m) => ({ ...m, id: `${m.id}#${m.deliveryAttempt ?? 0}` }) }),
    }),
  ],
  [
    'resolves stop() before pending calls settle',
    'stop() lets pending calls settle',
    'stop() resolves with no deliver call pending',
    broken({
      consumer: (c) => ({
        start: (sink) => c.start(sink),
        stop: () => {
          void c.stop();
          return Promise.resolve();
        },
      }),
    }),
  ],
  ['ignores workers', 'up to workers calls at once', 'kept the contract', broken({ workers: (n) => n * 3 })],
  [
    'does not extend leases',
    'a host slower than the ack deadline',
    'kept the contract',
    broken({ noLeaseExtension: true }),
  ],
];

for (const [what, scenario, expected, plugin] of defects) {
  test(`runSourceConformance › fails a plugin that ${what}`, async (t) => {
    const results = await conformanceFailures(plugin, scenario);
    t.is(results.size, 1, `one scenario matches "${scenario}"`);
    const [failures] = [...results.values()];
    t.true(
      (failures ?? []).some((failure) => failure.includes(expected)),
      `"${scenario}" fails with "${expected}": ${JSON.stringify(failures)}`,
    );
  });
}

test('runSourceConformance › passes the reference plugin in the same harness', async (t) => {
  const results = await conformanceFailures(memoryQueueSource, '');
  t.true(results.size >= 8);
  for (const [title, failures] of results) t.deepEqual(failures, [], title);
});
