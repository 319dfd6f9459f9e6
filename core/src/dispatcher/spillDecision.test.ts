import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { DispatchBudget } from './DispatchBudget.js';
import { spillDecision } from './spillDecision.js';

function full() {
  const budget = new DispatchBudget({ budgetBytes: 100, clock: new ManualClock(0) });
  budget.take('heavy', 80);
  budget.take('light', 30);
  return budget;
}

const main = (tenantId: string) => ({ tenantId, fromOverflow: false });

test('spillDecision › queues everything while the budget holds it', (t) => {
  const budget = new DispatchBudget({ budgetBytes: 100, clock: new ManualClock(0) });
  budget.take('heavy', 60);
  budget.take('light', 40);
  t.deepEqual(spillDecision(budget, main('heavy'), true), { kind: 'queue' });
});

test('spillDecision › a tenant alone is never spilled, however far over the budget', (t) => {
  const budget = new DispatchBudget({ budgetBytes: 100, clock: new ManualClock(0) });
  budget.take('alone', 500);
  t.deepEqual(spillDecision(budget, main('alone'), true), { kind: 'queue' });
});

test("spillDecision › over the budget with another tenant waiting, the heaviest tenant's surplus goes", (t) => {
  const budget = full();
  t.deepEqual(spillDecision(budget, main('heavy'), true), { kind: 'spill-this' });
  t.deepEqual(spillDecision(budget, main('light'), true), {
    kind: 'spill-from',
    tenantId: 'heavy',
    bytes: 10,
  });
});

test('spillDecision › a record read back from overflow, or a dispatcher that cannot spill, queues', (t) => {
  const budget = full();
  t.deepEqual(spillDecision(budget, { tenantId: 'heavy', fromOverflow: true }, true), { kind: 'queue' });
  t.deepEqual(spillDecision(budget, main('heavy'), false), { kind: 'queue' });
});
