import type { TestFn } from 'ava';
import type { SourceOutcome } from '../SourceConsumer.js';
import { checkDefinition } from './checkDefinition.js';
import { ConformanceRun, perFixture, sleep, type ResolvedOptions } from './ConformanceRun.js';
import type { SourceConformanceOptions } from './SourceConformanceOptions.js';
import { startFailureCodes, startFailureTest } from './startFailureTest.js';

const accepted: SourceOutcome = { kind: 'accepted' };

/**
 * Registers the conformance suite of a source plugin as ava tests: everything the host relies on,
 * proven against a real broker. Call it once from the plugin's `*.int.test.ts` with ava's `test`.
 *
 * Each test gets a fresh fixture (`setup`) and drives consumers of the plugin through a recording
 * host. The suite checks that the consumer delivers every message with its id, body and
 * attributes; that `accepted` and `rejected` messages are acknowledged and never come back, not
 * even to a restarted consumer; that `retry-later` ones come back with the same id; that `stop()`
 * waits for pending calls, applies their outcomes, starts no new call and leaves everything else in
 * the broker; that waiting messages arrive in batches, with up to `workers` calls at once and never
 * more; and that a host slower than the ack deadline does not get a message redelivered while it
 * is pending. Every test also checks the message shape and the id a redelivery carries.
 */
export function runSourceConformance<Config, Credentials, Fixture = undefined>(
  test: TestFn,
  options: SourceConformanceOptions<Config, Credentials, Fixture>,
): void {
  const o: ResolvedOptions<Config, Credentials, Fixture> = {
    ...options,
    workers: options.workers ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    quietMs: options.quietMs ?? 2_000,
    title: options.title ?? options.plugin.id,
  };
  const register = options.setup ? test : test.serial;
  const budget = o.slowDeliverMs + 6 * o.timeoutMs + 10 * o.quietMs;
  const scenario = (what: string, body: (r: ConformanceRun<Config, Credentials, Fixture>) => Promise<void>) =>
    register(`${o.title} conformance › ${what}`, async (t) => {
      t.timeout(budget);
      const fixture = options.setup ? await options.setup() : (undefined as Fixture);
      const run = new ConformanceRun(t, o, fixture);
      t.teardown(async () => {
        await run.close();
        await options.teardown?.(fixture);
      });
      await body(run);
      await run.close();
      run.assertClean();
    });
  const timesDelivered = (r: ConformanceRun<Config, Credentials, Fixture>, id: string) =>
    r.sinks.reduce((sum, sink) => sum + sink.count(id), 0);

  scenario('the definition is valid and its schemas admit the test config', async (r) => {
    const config = perFixture(o.config, r.fixture);
    const credentials = perFixture(o.credentials ?? null, r.fixture);
    checkDefinition(r.t, o.plugin, config, credentials);
    return Promise.resolve();
  });

  scenario(
    'delivers every message once, with the id publish answered, its exact body and its attributes',
    async (r) => {
      const t = r.t;
      const sent = await r.publish(6);
      const { sink } = await r.consume();
      await r.waitFor(() => sent.every((m) => sink.count(m.id) > 0), 'every published message');
      await r.quiet();
      for (const m of sent) {
        const got = sink.deliveriesOf(m.id);
        t.is(got.length, 1, `message ${m.n} is delivered once`);
        const message = got[0]!.message;
        t.true(Buffer.from(message.body).equals(m.body), `message ${m.n} keeps its exact bytes`);
        t.deepEqual(
          { ...message.attributes },
          { ...m.attributes },
          `message ${m.n} keeps its attributes, no more`,
        );
        if (message.publishTime) t.true(Math.abs(message.publishTime.getTime() - Date.now()) < 10 * 60_000);
      }
    },
  );

  scenario(
    'accepted messages are acknowledged: not delivered again, even after a restart, which resumes with the new ones',
    async (r) => {
      const t = r.t;
      const before = await r.publish(5);
      const first = await r.consume();
      await r.waitFor(() => before.every((m) => first.sink.settled(m.id)), 'every message to be accepted');
      await r.quiet();
      await first.stop();
      const after = await r.publish(5);
      const second = await r.consume();
      await r.waitFor(
        () => after.every((m) => second.sink.settled(m.id)),
        'the messages published while stopped',
      );
      await r.quiet();
      for (const m of before) {
        t.is(first.sink.count(m.id), 1, `message ${m.n} is delivered once`);
        t.is(second.sink.count(m.id), 0, `message ${m.n}, accepted before the restart, does not come back`);
      }
      for (const m of after)
        t.is(second.sink.count(m.id), 1, `message ${m.n} reaches the restarted consumer once`);
    },
  );

  scenario(
    'retry-later leaves a message in the broker: it comes back with the same id and body',
    async (r) => {
      const t = r.t;
      const sent = await r.publish(4);
      const retried = [sent[1]!, sent[2]!];
      const answer = (n: number, sighting: number): SourceOutcome => {
        if (n === 1 && sighting === 1) return { kind: 'retry-later', delayMs: 200 };
        if (n === 2 && sighting === 1) return { kind: 'retry-later' };
        return accepted;
      };
      const { sink } = await r.consume({ answer: (message, sighting) => answer(r.nOf(message), sighting) });
      await r.waitFor(() => sent.every((m) => sink.settled(m.id)), 'every message to be accepted in the end');
      await r.quiet();
      for (const m of retried) {
        const got = sink.deliveriesOf(m.id);
        t.is(got.length, 2, `message ${m.n} comes back once after retry-later, then not again`);
        const [a, b] = [got[0]?.message.deliveryAttempt, got[1]?.message.deliveryAttempt];
        if (a !== undefined && b !== undefined) t.true(b > a, 'deliveryAttempt grows');
      }
      if (!o.cumulativeAcks) for (const m of [sent[0]!, sent[3]!]) t.is(sink.count(m.id), 1);
    },
  );

  scenario('rejected messages are acknowledged: they do not come back, even after a restart', async (r) => {
    const t = r.t;
    const sent = await r.publish(3);
    const reject = (n: number): SourceOutcome =>
      n === 0 ? { kind: 'rejected', reason: 'conformance' } : accepted;
    const first = await r.consume({ answer: (message) => reject(r.nOf(message)) });
    await r.waitFor(() => sent.every((m) => first.sink.settled(m.id)), 'every message to be answered');
    await r.quiet();
    await first.stop();
    const [marker] = await r.publish(1);
    const second = await r.consume();
    await r.waitFor(() => second.sink.settled(marker!.id), 'a message published after the restart');
    await r.quiet();
    t.is(timesDelivered(r, sent[0]!.id), 1, 'the rejected message is delivered once');
  });

  scenario(
    'stop() lets pending calls settle and applies them, starts no new call, and leaves the rest in the broker',
    async (r) => {
      const t = r.t;
      const sent = await r.publish(12);
      // Even messages are accepted, odd ones retried; every call is held until stop() has been called.
      const first = await r.consume({
        answer: (message) => (r.nOf(message) % 2 === 0 ? accepted : { kind: 'retry-later' }),
        hold: async (_call, _messages, sink) => {
          await r.waitFor(() => sink.stopping, 'stop()', o.timeoutMs + o.slowDeliverMs);
          await sleep(300);
        },
      });
      await r.waitFor(() => first.sink.inFlight > 0, 'a deliver call');
      await first.stop();
      t.is(first.sink.inFlight, 0, 'stop() resolves with no deliver call pending');
      t.true(first.sink.deliveries.length > 0, 'the pending calls were answered before stop() resolved');
      await sleep(500);
      const second = await r.consume();
      const isAccepted = (id: string) =>
        r.sinks.some((s) => s.deliveries.some((d) => d.message.id === id && d.outcome.kind === 'accepted'));
      await r.waitFor(
        () => sent.every((m) => isAccepted(m.id)),
        'every message to be accepted by one of the consumers',
      );
      await r.quiet();
      const firstRetry = first.sink.deliveries.findIndex((d) => d.outcome.kind === 'retry-later');
      const acked = first.sink.deliveries.filter(
        (d, i) => d.outcome.kind === 'accepted' && (!o.cumulativeAcks || firstRetry === -1 || i < firstRetry),
      );
      for (const d of acked)
        t.is(
          second.sink.count(d.message.id),
          0,
          `message ${r.nOf(d.message)}, accepted before stop() resolved, does not come back`,
        );
    },
  );

  scenario('waiting messages arrive in batches, up to workers calls at once', async (r) => {
    const t = r.t;
    const sent = await r.publish(50);
    const { sink } = await r.consume({ hold: () => sleep(200) });
    await r.waitFor(() => sent.every((m) => sink.settled(m.id)), 'all 50 messages');
    await r.quiet();
    for (const m of sent) t.is(sink.count(m.id), 1, `message ${m.n} is delivered once`);
    if (o.batches ?? true)
      t.true(Math.max(...sink.callSizes) > 1, 'some deliver call carries several messages');
    if (o.workers > 1) t.true(sink.maxInFlight > 1, 'several deliver calls run at once');
  });

  scenario(
    'a host slower than the ack deadline does not get a message redelivered while it is pending',
    async (r) => {
      const t = r.t;
      const sent = await r.publish(2);
      const { sink } = await r.consume({
        hold: (call) => (call === 0 ? sleep(o.slowDeliverMs) : Promise.resolve()),
      });
      await r.waitFor(
        () => sent.every((m) => sink.settled(m.id)),
        'both messages',
        o.slowDeliverMs + o.timeoutMs,
      );
      await r.quiet();
      for (const m of sent) t.is(sink.count(m.id), 1, `message ${m.n} is delivered once`);
    },
  );

  for (const failure of options.startFailures ?? [])
    scenario(`refuses ${failure.name} with ${startFailureCodes[failure.error]}`, (r) =>
      startFailureTest(r, failure),
    );
}
