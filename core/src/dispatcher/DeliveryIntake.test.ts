import test from 'ava';
import { pino } from 'pino';
import { ManualClock } from '../domain/Clock.js';
import type { Endpoint } from '../domain/endpoint.js';
import { encodeRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import type { LogRecord } from '../log/InternalLog.js';
import type { DeliveryState } from '../storage/DispatchRepository.js';
import type { DeliveryExecutor, DeliveryInHand, Execution } from './DeliveryExecutor.js';
import { bytesInHand, DeliveryIntake, type DeliveryIntakeDeps } from './DeliveryIntake.js';
import {
  MemoryDispatchRepository,
  MemoryDispatchTargets,
  stateOf,
  testEndpoint,
  testRecord,
} from './testing/memoryDispatch.js';

interface Running {
  delivery: DeliveryInHand;
  /** Settles the execution: `recorded` also stores the outcome at once. */
  settle(execution: Execution | Error): void;
}

/** An executor whose executions stay running until the test settles them; parks are stored at once. */
class HeldExecutor implements Pick<DeliveryExecutor, 'execute' | 'park'> {
  readonly running: Running[] = [];
  readonly executed: DeliveryInHand[] = [];
  readonly parked: { delivery: DeliveryInHand; until: number }[] = [];

  execute(delivery: DeliveryInHand, onStored: () => void): Promise<Execution> {
    this.executed.push(delivery);
    return new Promise((resolve, reject) => {
      const entry: Running = {
        delivery,
        settle: (execution) => {
          this.running.splice(this.running.indexOf(entry), 1);
          if (execution instanceof Error) return reject(execution);
          if (execution.kind === 'recorded') onStored();
          resolve(execution);
        },
      };
      this.running.push(entry);
    });
  }

  park(delivery: DeliveryInHand, until: number, onStored: () => void): void {
    this.parked.push({ delivery, until });
    onStored();
  }
}

type TestLogRecord = LogRecord & { doneCalls: number };

let offset = 0;
function logRecordOf(value: DeliveryRecord | Buffer): TestLogRecord {
  const record: TestLogRecord = {
    topic: 'deliveries',
    partition: 0,
    offset: String(offset++),
    key: 'k',
    value: Buffer.isBuffer(value) ? value : encodeRecord(value),
    headers: {},
    timestamp: 0,
    doneCalls: 0,
    done: () => void record.doneCalls++,
  };
  return record;
}

/** What one record of these tests holds of the budget (tenant ids of nine characters). */
const unit = bytesInHand(logRecordOf(testRecord(testEndpoint({ tenantId: 'tnt_noisy' }))));

function spilled() {
  return { records: [] as LogRecord[] };
}

function spillInto(out: { records: LogRecord[] }) {
  return (records: readonly LogRecord[]) => {
    out.records.push(...records);
    return Promise.resolve();
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const recorded: Execution = { kind: 'recorded' };

function setup(options: Partial<DeliveryIntakeDeps> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const deliveries = new MemoryDispatchRepository();
  const targets = new MemoryDispatchTargets();
  const executor = new HeldExecutor();
  const intake = new DeliveryIntake({
    deliveries,
    endpoints: targets,
    executor,
    clock,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  /** A current delivery to `endpoint` (its row stored), as a log record. */
  const current = (endpoint: Endpoint, state: Partial<DeliveryState> = {}) => {
    const record = testRecord(endpoint);
    deliveries.add(stateOf(record, state));
    return logRecordOf(record);
  };
  const endpoint = (overrides: Partial<Endpoint> = {}) => {
    const ep = testEndpoint(overrides);
    targets.add(ep);
    return ep;
  };
  return { clock, deliveries, targets, executor, intake, current, endpoint };
}

test('DeliveryIntake › executes a current record and marks it done only once its outcome is stored', async (t) => {
  const s = setup();
  const record = s.current(s.endpoint());
  await s.intake.take([record]);
  t.is(s.executor.running.length, 1, 'take returned with the send still running');
  t.is(record.doneCalls, 0);
  s.executor.running[0]!.settle(recorded);
  await tick();
  t.is(record.doneCalls, 1);
});

test('DeliveryIntake › stale, settled, unknown, foreign, copied and unreadable records are done without a send', async (t) => {
  const s = setup();
  const ep = s.endpoint();
  const fresh = s.current(ep);
  const skipped = [
    s.current(ep, { status: 'succeeded' }),
    s.current(ep, { attemptCount: 1 }),
    s.current(ep, { tenantId: 'tnt_other' }),
    logRecordOf(testRecord(ep)),
    logRecordOf(fresh.value),
    logRecordOf(Buffer.from('{"v":2}')),
  ];
  await s.intake.take([fresh, ...skipped]);
  t.deepEqual(
    skipped.map((r) => r.doneCalls),
    [1, 1, 1, 1, 1, 1],
  );
  t.is(s.executor.executed.length, 1);
  t.is(fresh.doneCalls, 0);
});

test('DeliveryIntake › a record taken again while its first copy is in hand is not sent twice', async (t) => {
  const s = setup();
  const first = s.current(s.endpoint());
  await s.intake.take([first]);
  const copy = logRecordOf(first.value);
  await s.intake.take([copy]);
  t.is(copy.doneCalls, 1);
  t.is(s.executor.executed.length, 1);
});

test('DeliveryIntake › a tenant alone is never spilled: a full budget holds its partition back until room frees', async (t) => {
  const s = setup({ memoryBudgetBytes: 2 * unit, spill: spillInto(spilled()) });
  const ep = s.endpoint({ tenantId: 'tnt_alone' });
  const records = [s.current(ep), s.current(ep), s.current(ep), s.current(ep)];
  let returned = false;
  const taking = s.intake.take(records).then(() => (returned = true));
  await tick();
  t.is(s.executor.executed.length, 4, 'every record is queued and sent, none spilled');
  t.false(returned, 'the partition is held back while the budget is over');
  for (let i = 0; i < 2; i++) s.executor.running[0]!.settle(recorded);
  await tick();
  t.false(returned, 'still full: two records in hand fill the budget');
  s.executor.running[0]!.settle(recorded);
  await taking;
  t.is(s.intake.stats().spilled, 0);
});

test("DeliveryIntake › with the budget full and another tenant waiting, the heaviest tenant's surplus is spilled", async (t) => {
  const out = spilled();
  const s = setup({ memoryBudgetBytes: 3 * unit, spill: spillInto(out), concurrency: 1 });
  const noisy = s.endpoint({ tenantId: 'tnt_noisy' });
  const quiet = s.endpoint({ tenantId: 'tnt_quiet' });
  const backlog = [s.current(noisy), s.current(noisy), s.current(noisy), s.current(noisy)];
  const calm = s.current(quiet);
  void s.intake.take([...backlog, calm]);
  await tick();
  // Three fit; the fourth is the noisy tenant's and it is the heaviest: spilled. The quiet record then
  // takes the place of the noisy tenant's last queued one, which is spilled too.
  t.deepEqual(
    out.records.map((r) => r.offset),
    [backlog[3]!.offset, backlog[2]!.offset],
  );
  t.deepEqual(
    [...backlog, calm].map((r) => r.doneCalls),
    [0, 0, 1, 1, 0],
    'a spilled record is done here once its append is durable',
  );
  for (let i = 0; i < 2; i++) {
    s.executor.running[0]!.settle(recorded);
    await tick();
  }
  t.deepEqual(
    s.executor.executed.map((d) => d.record.tenantId),
    ['tnt_noisy', 'tnt_noisy', 'tnt_quiet'],
  );
  t.is(s.intake.stats().spilled, 2);
  await s.intake.stop(0);
});

test('DeliveryIntake › records read back from overflow are queued and never spilled again', async (t) => {
  const out = spilled();
  const s = setup({ memoryBudgetBytes: unit, spill: spillInto(out), concurrency: 1 });
  const noisy = s.endpoint({ tenantId: 'tnt_noisy' });
  const quiet = s.endpoint({ tenantId: 'tnt_quiet' });
  void s.intake.take([s.current(quiet)]);
  const back = [s.current(noisy), s.current(noisy)].map((r) => ({
    ...r,
    topic: 'deliveries-overflow' as const,
  }));
  await s.intake.take(back);
  t.is(out.records.length, 0);
  t.is(s.intake.stats().fromOverflow, 2);
  await s.intake.stop(0);
});

test('DeliveryIntake › work held back by caps past the budget is spilled without waiting for the stall rule, so the partition moves on', async (t) => {
  const out = spilled();
  const s = setup({ memoryBudgetBytes: 2 * unit, spill: spillInto(out), stallMs: 60_000 });
  const ep = s.endpoint({ tenantId: 'tnt_alone', maxConcurrency: 1 });
  const records = [s.current(ep), s.current(ep), s.current(ep), s.current(ep)];
  await s.intake.take(records);
  t.is(s.executor.running.length, 1, 'the cap lets one run');
  t.true(out.records.length >= 2, 'the queued surplus was spilled without waiting for the stall rule');
  t.is(s.intake.stats().stallSpills, out.records.length);
  await s.intake.stop(0);
});

test("DeliveryIntake › an endpoint's backlog held back by its cap is cut down to a reserve while the budget has room, so its partition moves on", async (t) => {
  const out = spilled();
  // A budget far from full, the partition at its fetch bound: only the held-back rule can move anything.
  const s = setup({ concurrency: 8, spill: spillInto(out), maxUnfinishedPerPartition: 10 });
  const ep = s.endpoint({ tenantId: 'tnt_alone', maxConcurrency: 1 });
  const records = Array.from({ length: 10 }, () => s.current(ep));
  await s.intake.take(records);
  t.is(s.executor.running.length, 1, 'the cap lets one run');
  t.is(out.records.length, 0, 'nothing moved at once: a moment at a cap is not a backlog');
  await new Promise((resolve) => setTimeout(resolve, 600));
  // Four stay queued (twice the per-endpoint share of 8 slots), the other five go to overflow.
  t.is(out.records.length, 5);
  t.deepEqual(
    out.records.map((r) => r.offset),
    records
      .slice(5)
      .reverse()
      .map((r) => r.offset),
    'from the back of the queue',
  );
  await s.intake.stop(0);
});

test("DeliveryIntake › a delivery that would wait a long time behind a slow endpoint's queue is moved aside on arrival; a fast endpoint's is kept", async (t) => {
  const out = spilled();
  const s = setup({ concurrency: 8, spill: spillInto(out), stallMs: 60_000 });
  const slow = s.endpoint({ tenantId: 'tnt_noisy', maxConcurrency: 1 });
  await s.intake.take(Array.from({ length: 6 }, () => s.current(slow)));
  t.is(s.executor.running.length, 1, 'the cap lets one run');
  t.is(out.records.length, 0, 'no request has taken any time yet: everything is queued');
  s.clock.advance(2000);
  const later = Array.from({ length: 5 }, () => s.current(slow));
  await s.intake.take(later);
  t.deepEqual(
    out.records.map((r) => r.offset),
    later.map((r) => r.offset),
    'its one request has run 2 s with 5 queued (the reserve of 4 and more): the newcomers go to overflow',
  );
  t.is(s.intake.stats().stallSpills, 5);
  t.true(
    later.every((r) => r.doneCalls === 1),
    'marked done here once appended',
  );

  // A fast endpoint of the same size of queue: its requests take no time, so nothing waits long.
  const fast = s.endpoint({ tenantId: 'tnt_quiet', maxConcurrency: 1 });
  await s.intake.take(Array.from({ length: 6 }, () => s.current(fast)));
  const fastRun = s.executor.running.find((r) => r.delivery.record.endpointId === fast.id)!;
  fastRun.settle(recorded);
  await tick();
  await s.intake.take(Array.from({ length: 5 }, () => s.current(fast)));
  t.is(out.records.length, 5, 'nothing of the fast endpoint was moved aside');
  await s.intake.stop(0);
});

test('DeliveryIntake › stall rule: a budget full of sends that never finish is spilled after stallMs', async (t) => {
  const out = spilled();
  const s = setup({ memoryBudgetBytes: 2 * unit, spill: spillInto(out), stallMs: 30, concurrency: 1 });
  const ep = s.endpoint({ tenantId: 'tnt_alone' });
  const records = [s.current(ep), s.current(ep), s.current(ep), s.current(ep)];
  const started = performance.now();
  await s.intake.take(records);
  t.is(s.executor.running.length, 1, 'one slot, taken by a send that hangs');
  t.true(out.records.length >= 2, 'the queued surplus was spilled, so the partition moves on');
  t.true(performance.now() - started >= 25, 'only once nothing finished for stallMs');
  await s.intake.stop(0);
});

test("DeliveryIntake › an endpoint's maxConcurrency bounds its sends in flight from its first batch", async (t) => {
  const s = setup();
  const ep = s.endpoint({ maxConcurrency: 1 });
  await s.intake.take([s.current(ep), s.current(ep), s.current(ep)]);
  t.is(s.executor.running.length, 1);
  s.executor.running[0]!.settle(recorded);
  await tick();
  t.is(s.executor.running.length, 1);
  t.is(s.executor.executed.length, 2);
});

test("DeliveryIntake › tenants take turns for the free slots: one tenant's backlog does not go first", async (t) => {
  const s = setup({ concurrency: 1 });
  const a = s.endpoint({ tenantId: 'tnt_a' });
  const b = s.endpoint({ tenantId: 'tnt_b' });
  await s.intake.take([s.current(a), s.current(a), s.current(a), s.current(b)]);
  for (let i = 0; i < 3; i++) {
    s.executor.running[0]!.settle(recorded);
    await tick();
  }
  // a's second delivery was waiting before b's arrived; after it, b's goes ahead of a's third.
  t.deepEqual(
    s.executor.executed.map((d) => d.record.tenantId),
    ['tnt_a', 'tnt_a', 'tnt_b', 'tnt_a'],
  );
});

test('DeliveryIntake › a short gate refusal is waited out in memory, a longer one is parked', async (t) => {
  const s = setup({ holdInMemoryMs: 1_000 });
  const ep = s.endpoint();
  const short = s.current(ep);
  const long = s.current(ep);
  await s.intake.take([short, long]);
  const now = s.clock.now();
  s.executor.running[0]!.settle({
    kind: 'refused',
    until: now + 20,
    waitMs: 20,
    reason: 'endpoint_rate_limit',
  });
  s.executor.running[0]!.settle({
    kind: 'refused',
    until: now + 5_000,
    waitMs: 5_000,
    reason: 'breaker_open',
  });
  await tick();
  t.deepEqual(s.executor.parked, [{ delivery: s.executor.executed[1]!, until: now + 5_000 }]);
  t.is(long.doneCalls, 1);
  await new Promise((resolve) => setTimeout(resolve, 40));
  t.is(s.executor.executed.length, 3, 'the held delivery was executed again');
  t.is(s.executor.executed[2]?.record.deliveryId, s.executor.executed[0]?.record.deliveryId);
  t.is(short.doneCalls, 0);
});

test("DeliveryIntake › a rate limit's refusal holds its endpoint in the queue until the window ends, without parking or a refusal per delivery", async (t) => {
  const s = setup({ concurrency: 20 });
  const limited = s.endpoint();
  const other = s.endpoint();
  const records = [s.current(limited), s.current(limited), s.current(limited)];
  await s.intake.take(records);
  t.is(s.executor.running.length, 3);
  const now = s.clock.now();
  // The first is refused by the endpoint's limiter for 60 ms; the other two are already running.
  s.executor.running[0]!.settle({
    kind: 'refused',
    until: now + 60,
    waitMs: 60,
    reason: 'endpoint_rate_limit',
    scope: 'endpoint',
  });
  await tick();
  await s.intake.take([s.current(limited), s.current(other)]);
  await tick();
  t.deepEqual(
    s.executor.running.map((r) => r.delivery.record.endpointId),
    [limited.id, limited.id, other.id],
    "the limited endpoint's queued deliveries wait; another endpoint's go past",
  );
  t.deepEqual(s.executor.parked, [], 'nothing parked in the database');
  await new Promise((resolve) => setTimeout(resolve, 80));
  const started = s.executor.executed.map((d) => d.record.deliveryId);
  t.is(started.length, 6, 'after the window the refused delivery and the one behind it start');
  t.is(started[4], started[0], 'the refused delivery first, in its place');
  t.is(records[0]!.doneCalls, 0, 'still in hand');
});

test('DeliveryIntake › a delivery held in memory for a gate still holds its part of the budget', async (t) => {
  const s = setup({ memoryBudgetBytes: 2 * unit });
  const ep = s.endpoint({ tenantId: 'tnt_alone' });
  await s.intake.take([s.current(ep)]);
  s.executor.running[0]!.settle({ kind: 'refused', until: s.clock.now() + 500, waitMs: 500, reason: 'x' });
  await tick();
  let returned = false;
  void s.intake.take([s.current(ep)]).then(() => (returned = true));
  await tick();
  t.false(returned, 'the budget is full: the held delivery still counts');
  await s.intake.stop(0);
});

test('DeliveryIntake › a delivery whose execution fails is tried again after a back-off', async (t) => {
  const s = setup();
  const record = s.current(s.endpoint());
  await s.intake.take([record]);
  s.executor.running[0]!.settle(new Error('database unavailable'));
  await tick();
  t.is(s.executor.executed.length, 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.is(s.executor.executed.length, 2);
  s.executor.running[0]!.settle(recorded);
  await tick();
  t.is(record.doneCalls, 1);
});

test('DeliveryIntake › a batch whose rows cannot be read rejects, its records left for the log to hand over again', async (t) => {
  const s = setup();
  const record = s.current(s.endpoint());
  s.deliveries.states = () => Promise.reject(new Error('database unavailable'));
  await t.throwsAsync(s.intake.take([record]), { message: 'database unavailable' });
  t.is(record.doneCalls, 0);
  t.is(s.executor.executed.length, 0);
});

test('DeliveryIntake › stop drops queued deliveries unfinished, waits for running ones, and takes nothing more', async (t) => {
  const s = setup({ concurrency: 1 });
  const ep = s.endpoint();
  const running = s.current(ep);
  const queued = s.current(ep);
  await s.intake.take([running, queued]);
  let stopped = false;
  const stopping = s.intake.stop(5_000).then(() => (stopped = true));
  await tick();
  t.false(stopped, 'stop waits for the send in flight');
  s.executor.running[0]!.settle(recorded);
  await stopping;
  t.is(running.doneCalls, 1);
  t.is(queued.doneCalls, 0, 'the queued record is left for the next owner of its partition');
  const late = s.current(ep);
  await s.intake.take([late]);
  t.is(s.executor.executed.length, 1);
  t.is(late.doneCalls, 0);
});

test('DeliveryIntake › stop gives up waiting after graceMs', async (t) => {
  const s = setup();
  await s.intake.take([s.current(s.endpoint())]);
  await s.intake.stop(20);
  t.is(s.executor.running.length, 1);
});
