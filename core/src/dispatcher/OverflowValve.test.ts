import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { DispatchBudget } from './DispatchBudget.js';
import { OverflowValve } from './OverflowValve.js';

function setup() {
  const budget = new DispatchBudget({ budgetBytes: 100, clock: new ManualClock(0) });
  const calls: string[] = [];
  const subscription = { pause: () => void calls.push('pause'), resume: () => void calls.push('resume') };
  const valve = new OverflowValve({ budget, credits: 4, pressedCredits: 2 });
  valve.attach(subscription);
  return { budget, calls, valve };
}

test('OverflowValve › reads overflow while there is room, and pauses once its credits are in hand', (t) => {
  const { calls, valve } = setup();
  t.deepEqual(calls, ['resume']);
  valve.taken(3);
  t.false(valve.paused);
  valve.taken(1);
  t.true(valve.paused);
  valve.finished();
  t.false(valve.paused, 'a record finished gives its credit back');
  t.deepEqual(calls, ['resume', 'pause', 'resume']);
});

test('OverflowValve › with the budget full keeps only the pressed credits, and takes more as room frees, never on a timer', (t) => {
  const { budget, valve } = setup();
  budget.take('a', 100);
  valve.update();
  t.false(valve.paused, 'spilled work still gets the free slots');
  valve.taken(2);
  t.true(valve.paused);
  budget.release('a', 60);
  valve.update();
  t.false(valve.paused);
});

test('OverflowValve › keeps fewer credits while the main topic is pressed', (t) => {
  const { budget, valve } = setup();
  budget.take('a', 50);
  valve.taken(2);
  t.true(valve.paused, 'half the budget used: two records in hand are enough');
  budget.release('a', 50);
  valve.update();
  t.false(valve.paused);
});

test('OverflowValve › stays paused once closed', (t) => {
  const { valve } = setup();
  valve.close();
  t.true(valve.paused);
  valve.finished();
  t.true(valve.paused);
});
