import test from 'ava';
import { endpointSubscribes, eventTypePatternMatches } from './endpoint.js';

const cases: [pattern: string, eventType: string, matches: boolean][] = [
  ['invoice.paid', 'invoice.paid', true],
  ['invoice.paid', 'invoice.created', false],
  ['invoice.paid', 'Invoice.paid', false],
  ['invoice.paid', 'invoice.paid.late', false],
  ['invoice.paid', 'invoice', false],
  ['invoice.*', 'invoice.paid', true],
  ['invoice.*', 'invoice.created', true],
  ['invoice.*', 'invoice', false],
  ['invoice.*', 'invoice.line.created', false],
  ['invoice.*', 'customer.paid', false],
  ['invoice.*', 'invoices.paid', false],
  ['*.paid', 'invoice.paid', true],
  ['*.paid', 'invoice.line.paid', false],
  ['*.paid', 'paid', false],
  ['invoice.*.created', 'invoice.line.created', true],
  ['invoice.*.created', 'invoice.line.updated', false],
  ['invoice.*.created', 'invoice.created', false],
  ['*.*', 'invoice.paid', true],
  ['*.*', 'invoice', false],
  ['*.*', 'invoice.line.created', false],
  ['*', 'invoice', true],
  ['*', 'invoice.paid', true],
  ['*', 'invoice.line.created', true],
  ['invoice', 'invoice', true],
  ['invoice', 'invoice.paid', false],
  ['invoice.*', 'invoice.', false],
  ['inv*', 'invoice', false],
  ['inv*', 'inv*', true],
];

for (const [pattern, eventType, matches] of cases) {
  test(`eventTypePatternMatches › ${pattern} ${matches ? 'matches' : 'does not match'} ${eventType}`, (t) => {
    t.is(eventTypePatternMatches(pattern, eventType), matches);
  });
}

test('endpointSubscribes › any one pattern is enough', (t) => {
  const endpoint = { eventTypes: ['invoice.*', 'customer.updated'] };
  t.true(endpointSubscribes(endpoint, 'invoice.paid'));
  t.true(endpointSubscribes(endpoint, 'customer.updated'));
  t.false(endpointSubscribes(endpoint, 'customer.created'));
  t.false(endpointSubscribes(endpoint, 'invoice.line.created'));
});

test('endpointSubscribes › ["*"] subscribes to everything, [] to nothing', (t) => {
  t.true(endpointSubscribes({ eventTypes: ['*'] }, 'a.b.c.d'));
  t.false(endpointSubscribes({ eventTypes: [] }, 'invoice.paid'));
});
