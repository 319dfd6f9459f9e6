import type { SourceConsumer } from '../SourceConsumer.js';
import { perFixture, type ConformanceRun } from './ConformanceRun.js';
import { RecordingSink } from './RecordingSink.js';
import type { ConformanceStartFailure } from './SourceConformanceOptions.js';

/** The code each kind of expected start failure must carry. */
export const startFailureCodes = {
  config: 'CARAVAN_SOURCE_CONFIG_INVALID',
  auth: 'CARAVAN_SOURCE_AUTH_FAILED',
  unavailable: 'CARAVAN_SOURCE_UNAVAILABLE',
} as const;

const codeOf = (error: unknown) => (error as { code?: unknown } | undefined)?.code;

/**
 * A consumer given a config it cannot work with reports the expected typed error, from `create()`,
 * from `start()` or through `sink.fail()`, delivers nothing, and still stops cleanly.
 */
export async function startFailureTest<C, K, F>(
  r: ConformanceRun<C, K, F>,
  failure: ConformanceStartFailure<C, K, F>,
): Promise<void> {
  const { t, options } = r;
  const expected = startFailureCodes[failure.error];
  let consumer: SourceConsumer;
  try {
    // Quiet: the plugin's error logs are expected here.
    consumer = r.create(
      perFixture(failure.config, r.fixture),
      perFixture(failure.credentials ?? null, r.fixture),
      {
        quiet: true,
      },
    );
  } catch (error) {
    t.is(codeOf(error), expected, `create() throws ${expected}`);
    return;
  }
  const sink = new RecordingSink({ workers: options.workers });
  let timer: NodeJS.Timeout | undefined;
  const startError = await Promise.race([
    consumer.start(sink).then(
      () => undefined,
      (error: unknown) => error ?? new Error('start() rejected without an error'),
    ),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.timeoutMs))),
  ]);
  clearTimeout(timer);
  if (startError === undefined)
    await r.waitFor(() => sink.failures.length > 0, `start() to reject or sink.fail() with ${expected}`);
  const error = startError ?? sink.failures[0];
  t.true(error instanceof Error, 'the error is an Error');
  t.is(codeOf(error), expected, `the consumer reports ${expected}: ${(error as Error).message}`);
  await consumer.stop();
  t.deepEqual(sink.deliveries, [], 'nothing was delivered');
  t.deepEqual(sink.problems, []);
}
