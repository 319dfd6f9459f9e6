import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import type { EventRecord } from '../domain/pipelineRecords.js';
import type { LogRecord } from '../log/InternalLog.js';
import { RouterWindow, type WindowItem } from './RouterWindow.js';

let offset = 0;

function item(
  tenantId: string,
  partition = 0,
  id = `evt_${++offset}`,
  topic: 'events' | 'events-overflow' = 'events',
) {
  const done: string[] = [];
  const record = {
    topic,
    partition,
    offset: String(offset),
    key: `${tenantId}.0`,
    value: Buffer.alloc(0),
    headers: {},
    timestamp: 0,
    done: () => done.push(id),
  } satisfies LogRecord;
  const event = { v: 1, id, tenantId, createdAt: 1 } as EventRecord;
  return { record, event, done };
}

function setup(options: { maxHandoversPerPartition?: number; activeTenantMs?: number } = {}) {
  const clock = new ManualClock();
  const window = new RouterWindow({
    maxHandoversPerPartition: options.maxHandoversPerPartition ?? 3,
    clock,
    activeTenantMs: options.activeTenantMs ?? 5000,
    fullRecords: 4,
  });
  return { clock, window };
}

const tenants = (items: readonly WindowItem[]) => items.map((i) => i.event.tenantId).join('');

test('RouterWindow › a batch interleaves tenants: a backlog of one does not fill it', (t) => {
  const { window } = setup();
  window.add(
    'events',
    0,
    Array.from({ length: 100 }, () => item('A')),
  );
  window.add('events', 1, [item('B'), item('B')]);
  window.add(
    'events',
    2,
    Array.from({ length: 5 }, () => item('C')),
  );
  const batch = window.take(10);
  t.is(batch.length, 10);
  t.is(
    tenants(batch)
      .split('')
      .filter((x) => x === 'B').length,
    2,
    'every record of B',
  );
  t.is(
    tenants(batch)
      .split('')
      .filter((x) => x === 'C').length,
    4,
    'C gets half of what B left',
  );
  t.is(
    tenants(batch)
      .split('')
      .filter((x) => x === 'A').length,
    4,
  );
  t.is(window.waiting(), 107 - 10);
});

test('RouterWindow › a lone tenant gets the whole batch', (t) => {
  const { window } = setup();
  window.add(
    'events',
    0,
    Array.from({ length: 30 }, () => item('A')),
  );
  t.is(window.take(20).length, 20);
  t.is(window.take(20).length, 10);
});

test('RouterWindow › a quiet batch serves only tenants with nothing being routed', (t) => {
  const { window } = setup();
  window.add(
    'events',
    0,
    Array.from({ length: 30 }, () => item('A')),
  );
  const first = window.take(10);
  t.false(window.quietWaiting(), 'A has records being routed');
  t.deepEqual(window.take(10, Infinity, true), []);
  window.add('events', 1, [item('B'), item('B')]);
  t.true(window.quietWaiting());
  t.is(tenants(window.take(10, Infinity, true)), 'BB');
  t.false(window.quietWaiting(), 'B has records being routed now');
  window.finish(first, true);
  t.true(window.quietWaiting(), 'A has nothing being routed once its batch is finished');
});

test('RouterWindow › a second record of an event waits while the first is routed', (t) => {
  const { window } = setup();
  const first = item('A', 0, 'evt_same');
  window.add('events', 0, [first]);
  const [taken] = window.take(10);
  window.add('events', 0, [item('A', 0, 'evt_same'), item('A', 0, 'evt_other')]);
  t.deepEqual(
    window.take(10).map((i) => i.event.id),
    ['evt_other'],
  );
  window.finish([taken!], true);
  t.deepEqual(
    window.take(10).map((i) => i.event.id),
    ['evt_same'],
  );
});

test('RouterWindow › a partition blocks at its handover bound until its oldest handover is finished', (t) => {
  const { window } = setup({ maxHandoversPerPartition: 2 });
  const first = window.add('events', 0, [item('A'), item('A')]).handover;
  t.is(window.blockingHandover('events', 0), undefined);
  window.add('events', 0, [item('A')]);
  t.is(window.blockingHandover('events', 0), first);
  t.true(window.anyFull('events'));
  t.false(window.anyFull('events-overflow'));
  t.is(window.blockingHandover('events', 1), undefined, 'other partitions are not held up');
  const batch = window.take(1);
  window.finish(batch, true);
  t.is(window.blockingHandover('events', 0), first, 'one of its two records is still unfinished');
  window.finish(window.take(1), true);
  t.is(window.blockingHandover('events', 0), undefined);
  t.false(window.anyFull('events'));
  t.is(window.unfinished('events'), 1);
  window.add('events', 1, [item('A'), item('A'), item('A'), item('A')]);
  t.true(window.anyFull('events'), 'a partition holding fullRecords records is full too');
});

test('RouterWindow › records are marked done only when finished', (t) => {
  const { window } = setup();
  const a = item('A');
  window.add('events', 0, [a]);
  const batch = window.take(5);
  t.deepEqual(a.done, []);
  window.finish(batch, true);
  t.deepEqual(a.done, [a.event.id]);
});

test('RouterWindow › with a cap, a tenant keeps that many records of a partition and the rest is surplus', (t) => {
  const { window } = setup();
  const { surplus } = window.add(
    'events',
    0,
    Array.from({ length: 5 }, () => item('A')).concat([item('B')]),
    () => 2,
  );
  t.is(surplus.length, 3);
  t.true(surplus.every((s) => s.event.tenantId === 'A'));
  t.is(window.waiting(), 3);
  // What is routed still counts against the cap; what finished no longer does.
  const batch = window.take(10);
  t.is(window.add('events', 0, [item('A')], () => 2).surplus.length, 1);
  window.finish(batch, true);
  t.is(window.add('events', 0, [item('A')], () => 2).surplus.length, 0);
  t.is(window.add('events', 1, [item('A')], () => 2).surplus.length, 0, 'the cap is per partition');
  // A failed move puts the surplus back in line, first.
  window.restore(surplus);
  t.is(window.take(3).filter((i) => surplus.includes(i)).length, 3);
});

test('RouterWindow › tenants count as active for a while after their records arrived', (t) => {
  const { window, clock } = setup({ activeTenantMs: 1000 });
  window.add('events', 0, [item('A')]);
  clock.advance(600);
  window.add('events', 0, [item('B')]);
  t.is(window.activeTenants(), 2);
  clock.advance(600);
  t.is(window.activeTenants(), 1);
});

test("RouterWindow › a tenant's records of the main topic go before its moved ones", (t) => {
  const { window } = setup();
  window.add('events-overflow', 0, [
    item('A', 0, 'evt_o1', 'events-overflow'),
    item('A', 0, 'evt_o2', 'events-overflow'),
  ]);
  window.add('events', 0, [item('A', 0, 'evt_m1')]);
  t.deepEqual(
    window.take(2).map((i) => i.event.id),
    ['evt_m1', 'evt_o1'],
  );
});

test("RouterWindow › a tenant's moved records in hand count against its cap", (t) => {
  const { window } = setup();
  window.add('events-overflow', 3, [item('A', 3, undefined, 'events-overflow')]);
  t.is(window.add('events', 0, [item('A'), item('A')], () => 2).surplus.length, 1);
});

test('RouterWindow › a batch holds at most maxBytes of records, and a larger record goes alone', (t) => {
  const { window } = setup();
  const sized = (tenantId: string, bytes: number) => {
    const made = item(tenantId);
    return { ...made, record: { ...made.record, value: Buffer.alloc(bytes) } };
  };
  window.add(
    'events',
    0,
    Array.from({ length: 10 }, () => sized('A', 600_000)),
  );
  window.add('events', 1, [sized('B', 200), sized('B', 200)]);
  const first = window.take(500, 1_048_576);
  t.is(tenants(first), 'BBA', 'the small tenant first, then what fits of the large one');
  t.is(tenants(window.take(500, 1_048_576)), 'A');
  window.add('events', 2, [sized('C', 3_000_000)]);
  t.is(tenants(window.take(500, 1_048_576)), 'C', 'a record past the bound is still taken, alone');
  t.is(tenants(window.take(500, 1_048_576)), 'A');
});
