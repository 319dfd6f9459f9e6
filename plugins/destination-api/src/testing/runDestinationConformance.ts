import type { TestFn } from 'ava';
import { checkDefinition } from './checkDefinition.js';
import type { DestinationConformanceOptions } from './DestinationConformanceOptions.js';
import { DestinationRun, perFixture, sleep, type ResolvedOptions } from './DestinationRun.js';
import { OutageProxy } from './OutageProxy.js';

/**
 * Registers the conformance suite of a destination plugin as ava tests: everything the host relies
 * on, proven against a real broker. Call it once from the plugin's `*.int.test.ts` with ava's `test`.
 *
 * The suite checks that every message arrives with its exact body and every attribute (the
 * Standard Webhooks headers a consumer verifies with), that each is answered `delivered`, that
 * concurrent calls work, that order per key holds where the broker keeps it (`ordered`), that an
 * unreachable broker is answered `retry` for every message without a rejection, that one producer
 * rides out an outage (`outage`: retry while it lasts, delivered after), and that `close()` is safe
 * to repeat and turns later sends into `retry`.
 */
export function runDestinationConformance<Config, Credentials, Fixture = undefined>(
  test: TestFn,
  options: DestinationConformanceOptions<Config, Credentials, Fixture>,
): void {
  const o: ResolvedOptions<Config, Credentials, Fixture> = {
    ...options,
    timeoutMs: options.timeoutMs ?? 30_000,
    title: options.title ?? options.plugin.id,
  };
  const register = options.setup ? test : test.serial;
  const scenario = (what: string, body: (r: DestinationRun<Config, Credentials, Fixture>) => Promise<void>) =>
    register(`${o.title} destination conformance › ${what}`, async (t) => {
      t.timeout(8 * o.timeoutMs);
      const fixture = options.setup ? await options.setup() : (undefined as Fixture);
      const run = new DestinationRun(t, o, fixture);
      t.teardown(async () => {
        await run.close();
        await options.teardown?.(fixture);
      });
      await body(run);
    });

  scenario('the definition is valid and its schemas admit the test config', (r) => {
    const config = perFixture(o.config, r.fixture);
    const credentials = perFixture(o.credentials ?? null, r.fixture);
    checkDefinition(r.t, o.plugin, config, credentials);
    return Promise.resolve();
  });

  scenario('every message arrives with its exact body and attributes, each answered delivered', async (r) => {
    const t = r.t;
    const sent = r.messages(12);
    const producer = r.producer();
    const outcomes = await r.send(producer, sent);
    t.deepEqual(
      outcomes.map((x) => x.kind),
      sent.map(() => 'delivered'),
      `every message is delivered: ${JSON.stringify(outcomes.filter((x) => x.kind !== 'delivered'))}`,
    );
    const got = await r.receive(sent);
    for (const received of got)
      t.truthy(r.which(received, sent), 'nothing arrives that the test did not send');
    for (const m of sent) {
      const copies = got.filter((x) => r.which(x, sent) === m);
      t.true(copies.length >= 1, `message ${m.n} arrives`);
      const first = copies[0];
      if (!first) continue;
      t.deepEqual(
        { ...first.attributes },
        { ...m.attributes },
        `message ${m.n} carries its attributes, no more`,
      );
      if (first.key !== undefined) t.is(first.key, m.key, `message ${m.n} keeps its key`);
    }
  });

  scenario('several send calls at once are each answered, every message delivered', async (r) => {
    const t = r.t;
    const producer = r.producer();
    const size = o.plugin.maxBatchSize ?? 1;
    const calls = Array.from({ length: 5 }, () => r.messages(Math.min(size, 4)));
    const answers = await Promise.all(calls.map((batch) => r.sendOnce(producer, batch)));
    t.true(
      answers.flat().every((x) => x.kind === 'delivered'),
      'every message of every call is delivered',
    );
    const got = await r.receive(calls.flat());
    for (const m of calls.flat())
      t.truthy(
        got.find((x) => r.which(x, [m])),
        `message ${m.n} arrives`,
      );
  });

  if (o.ordered) {
    scenario('messages with the same key arrive in the order they were sent', async (r) => {
      const t = r.t;
      const producer = r.producer();
      const sent = r.messages(24);
      const outcomes = await r.send(producer, sent);
      t.true(outcomes.every((x) => x.kind === 'delivered'));
      const got = await r.receive(sent);
      for (const key of new Set(sent.map((m) => m.key))) {
        const order = got
          .map((x) => r.which(x, sent))
          .filter((m) => m?.key === key)
          .map((m) => m!.n);
        const firstSightings = order.filter((n, i) => order.indexOf(n) === i);
        t.deepEqual(
          firstSightings,
          sent.filter((m) => m.key === key).map((m) => m.n),
          `key ${key} keeps its order`,
        );
      }
    });
  }

  scenario(
    'an unreachable broker is answered retry for every message, with a reason, never a rejection',
    async (r) => {
      const t = r.t;
      const producer = r.producer(perFixture(o.unreachable, r.fixture));
      const sent = r.messages(3);
      const outcomes = await r.send(producer, sent);
      for (const outcome of outcomes) {
        t.is(outcome.kind, 'retry', 'an outage is not a permanent failure');
        if (outcome.kind === 'retry') t.true(outcome.reason.length > 0, 'the reason is given');
      }
    },
  );

  if (o.outage) {
    const outage = o.outage;
    scenario(
      'one producer rides out an outage: retry while the broker is away, delivered once it is back',
      async (r) => {
        const t = r.t;
        const proxy = await OutageProxy.start(outage.target(r.fixture));
        t.teardown(() => proxy.close());
        const producer = r.producer(outage.config(r.fixture, proxy.address));
        const before = r.messages(2);
        t.true(
          (await r.send(producer, before)).every((x) => x.kind === 'delivered'),
          'delivered before the outage',
        );
        await proxy.cut();
        const during = r.messages(2);
        const outcomes = await r.send(producer, during);
        t.true(
          outcomes.every((x) => x.kind === 'retry'),
          `retry during the outage: ${JSON.stringify(outcomes)}`,
        );
        await proxy.heal();
        // The host sends the retried messages again later; the producer must have reconnected by then.
        const deadline = Date.now() + o.timeoutMs;
        let after = await r.send(producer, during);
        while (!after.every((x) => x.kind === 'delivered') && Date.now() < deadline) {
          await sleep(500);
          after = await r.send(producer, during);
        }
        t.deepEqual(
          after.map((x) => x.kind),
          ['delivered', 'delivered'],
          'delivered once the broker is back',
        );
        const got = await r.receive([...before, ...during]);
        for (const m of [...before, ...during])
          t.truthy(
            got.find((x) => r.which(x, [m])),
            `message ${m.n} arrives`,
          );
      },
    );
  }

  scenario('close() is safe to call twice, and a send after it answers retry', async (r) => {
    const t = r.t;
    const producer = r.producer();
    const [first] = r.messages(1);
    t.is((await r.sendOnce(producer, [first!]))[0]?.kind, 'delivered');
    await producer.close();
    await producer.close();
    const late = await r.sendOnce(producer, r.messages(1));
    t.is(late[0]?.kind, 'retry', 'a closed producer does not write');
  });
}
