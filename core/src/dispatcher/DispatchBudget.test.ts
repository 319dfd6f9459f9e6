import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { DispatchBudget } from './DispatchBudget.js';

function budget(budgetBytes = 100) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  return { clock, budget: new DispatchBudget({ budgetBytes, clock, activeTenantMs: 1_000 }) };
}

test('DispatchBudget › counts bytes per tenant and in total, and has room until the budget is used', (t) => {
  const { budget: b } = budget();
  b.take('a', 60);
  b.take('b', 30);
  t.is(b.used, 90);
  t.true(b.fits(10));
  t.false(b.fits(11));
  b.take('a', 10);
  t.false(b.hasRoom());
  b.release('a', 70);
  t.is(b.of('a'), 0);
  t.true(b.hasRoom());
});

test('DispatchBudget › the heaviest tenant counts what a tenant is about to add', (t) => {
  const { budget: b } = budget();
  b.take('a', 50);
  b.take('b', 40);
  t.is(b.heaviest(), 'a');
  t.is(b.heaviest('b', 20), 'b');
  t.is(b.heaviest('c', 60), 'c');
});

test('DispatchBudget › another tenant waits while it has work in hand or arrived lately', (t) => {
  const { clock, budget: b } = budget();
  b.take('a', 10);
  t.false(b.othersWaiting('a'), 'alone');
  b.noteArrival('b');
  t.true(b.othersWaiting('a'));
  clock.advance(1_001);
  t.false(b.othersWaiting('a'), 'b arrived too long ago and holds nothing');
  b.take('b', 1);
  t.true(b.othersWaiting('a'));
});

test('DispatchBudget › a waiter for room is woken when bytes are released', async (t) => {
  const { budget: b } = budget(10);
  b.take('a', 10);
  let woken = false;
  const waiting = b.whenRoom(new Promise(() => undefined)).then(() => (woken = true));
  t.is(b.waiting, 1);
  await Promise.resolve();
  t.false(woken);
  b.release('a', 1);
  await waiting;
  t.is(b.waiting, 0);
});

test('DispatchBudget › refuses a budget that is not a positive integer', (t) => {
  const clock = new ManualClock(0);
  t.throws(() => new DispatchBudget({ budgetBytes: 0, clock }), { instanceOf: RangeError });
});

test('DispatchBudget › a tenant whose spilled backlog waits on the log stays the heaviest until it is read back', (t) => {
  const { budget: b } = budget();
  b.take('light', 50);
  b.take('heavy', 10);
  b.noteSpilled('heavy', 100);
  t.is(b.heaviest(), 'heavy');
  t.is(b.heaviestInHand(), 'light', 'what fills the memory now');
  b.noteReadBack('heavy', 80);
  t.is(b.heaviest(), 'light');
});
