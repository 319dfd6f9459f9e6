import test from 'ava';
import type { SourceMessage } from '@caravan/source-api';
import { ManualClock } from '../domain/Clock.js';
import {
  CaravanError,
  IngestRateLimitedError,
  LogUnavailableError,
  TenantGoneError,
  ValidationError,
} from '../errors/index.js';
import type { IngestItem } from '../ingest/ingestItem.js';
import type { StoredDeadLetter } from '../storage/SourceRepository.js';
import { deliverMessages, type DeliverDeps } from './deliverMessages.js';

const source = { id: 'src_1', tenantId: 'tnt_1', format: 'caravan' as const, raw: null };
const message = (id: string, body: string): SourceMessage => ({
  id,
  body: new TextEncoder().encode(body),
  attributes: {},
  publishTime: null,
});
const good = (n: number) => message(`m${n}`, `{"eventType":"a","payload":${n}}`);

function host(ingest: DeliverDeps['ingest']['ingest'], failDeadLetters = false) {
  const deadLetters: StoredDeadLetter[] = [];
  const calls: { tenantId: string; items: readonly IngestItem[] }[] = [];
  const deps: DeliverDeps = {
    clock: new ManualClock(1_000),
    ingest: {
      ingest: (tenantId, items, options) => {
        calls.push({ tenantId, items });
        return ingest(tenantId, items, options);
      },
    },
    deadLetters: {
      insertDeadLetter: (d) =>
        failDeadLetters ? Promise.reject(new Error('db down')) : (deadLetters.push(d), Promise.resolve()),
    },
  };
  return { deps, deadLetters, calls };
}

test('deliverMessages › ingests valid messages in one batch for the source tenant, dead-letters malformed ones', async (t) => {
  const { deps, deadLetters, calls } = host((_, items) =>
    Promise.resolve(items.map((_, i) => ({ id: `evt_${i}`, duplicate: false }))),
  );
  const outcomes = await deliverMessages(deps, source, [good(1), message('m2', '{oops'), good(3)]);
  t.deepEqual(
    outcomes.map((o) => o.kind),
    ['accepted', 'rejected', 'accepted'],
  );
  t.is(calls.length, 1);
  t.is(calls[0]?.tenantId, 'tnt_1');
  t.is(calls[0]?.items.length, 2);
  t.is(deadLetters[0]?.messageId, 'm2');
  t.is(deadLetters[0]?.reason.code, 'CARAVAN_MALFORMED_JSON');
});

test('deliverMessages › an item ingest refuses becomes a dead letter and the rest is ingested again', async (t) => {
  const { deps, deadLetters, calls } = host((_, items) =>
    items.length === 3
      ? Promise.reject(
          new ValidationError(
            [
              { path: ['events', 1, 'payload', 'x'], message: 'must be a string' },
              { path: ['events', 1, 'payload', 'a/b'], message: 'is required' },
            ],
            { code: 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH' },
          ),
        )
      : Promise.resolve(items.map((_, i) => ({ id: `evt_${i}`, duplicate: false }))),
  );
  const outcomes = await deliverMessages(deps, source, [good(1), good(2), good(3)]);
  t.deepEqual(
    outcomes.map((o) => o.kind),
    ['accepted', 'rejected', 'accepted'],
  );
  t.is(calls.length, 2);
  t.deepEqual(deadLetters[0]?.reason, {
    code: 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH',
    message: '/body/payload/x: must be a string',
    errors: [
      { field: '/body/payload/x', message: 'must be a string' },
      { field: '/body/payload/a~1b', message: 'is required' },
    ],
  });
});

test('deliverMessages › a validation error that names no item of the batch leaves every message to retry', async (t) => {
  const { deps, deadLetters } = host(() =>
    Promise.reject(new ValidationError([{ path: ['payload'], message: 'is odd' }])),
  );
  const outcomes = await deliverMessages(deps, source, [good(1), good(2)]);
  t.deepEqual(
    outcomes.map((o) => o.kind),
    ['retry-later', 'retry-later'],
  );
  t.is(deadLetters.length, 0);
});

test('deliverMessages › log unavailable is retry-later; a dead letter that cannot be stored is not acknowledged', async (t) => {
  const down = host(() => Promise.reject(new LogUnavailableError('down')));
  const outcomes = await deliverMessages(down.deps, source, [good(1), good(2)]);
  t.deepEqual(
    outcomes.map((o) => o.kind),
    ['retry-later', 'retry-later'],
  );
  const noDb = host((_, items) => Promise.resolve(items.map(() => ({ id: 'evt', duplicate: false }))), true);
  const mixed = await deliverMessages(noDb.deps, source, [good(1), message('m2', 'nope')]);
  t.deepEqual(
    mixed.map((o) => o.kind),
    ['accepted', 'retry-later'],
  );
});

test("deliverMessages › over the tenant's ingest limit every message is retry-later after the limiter's wait", async (t) => {
  const limited = host(() => Promise.reject(new IngestRateLimitedError(2_500, 10)));
  const outcomes = await deliverMessages(limited.deps, source, [good(1), good(2)]);
  t.deepEqual(outcomes, [
    { kind: 'retry-later', delayMs: 2_500 },
    { kind: 'retry-later', delayMs: 2_500 },
  ]);
  t.is(limited.deadLetters.length, 0);
});

test('deliverMessages › a retriable failure is retried soon; any other failure later, and never dead-lettered', async (t) => {
  const busy = host(() =>
    Promise.reject(new CaravanError('CARAVAN_UNAVAILABLE', 'busy', { retriable: true })),
  );
  t.deepEqual(await deliverMessages(busy.deps, source, [good(1)]), [{ kind: 'retry-later', delayMs: 1_000 }]);
  const gone = host(() => Promise.reject(new TenantGoneError('tnt_1')));
  t.deepEqual(await deliverMessages(gone.deps, source, [good(1)]), [{ kind: 'retry-later', delayMs: 5_000 }]);
  const bug = host(() => Promise.reject(new TypeError('bug')));
  t.deepEqual(await deliverMessages(bug.deps, source, [good(1)]), [{ kind: 'retry-later', delayMs: 5_000 }]);
  t.is(gone.deadLetters.length + bug.deadLetters.length, 0);
});

test("deliverMessages › a message's traceparent attribute is the trace the ingest continues", async (t) => {
  const seen: (string | undefined)[] = [];
  const { deps } = host((_, items, options) => {
    seen.push(options?.traceparent);
    return Promise.resolve(items.map((_, i) => ({ id: `evt_${i}`, duplicate: false })));
  });
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  await deliverMessages(deps, source, [good(1), { ...good(2), attributes: { traceparent } }]);
  await deliverMessages(deps, source, [good(3)]);
  t.deepEqual(seen, [traceparent, undefined]);
});
