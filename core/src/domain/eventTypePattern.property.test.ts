import test from 'ava';
import fc from 'fast-check';
import { eventTypePatternMatches } from './endpoint.js';

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
const eventType = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));

test('event-type patterns › a name matches itself, and `*` alone matches every name', (t) => {
  fc.assert(
    fc.property(
      eventType,
      (type) => eventTypePatternMatches(type, type) && eventTypePatternMatches('*', type),
    ),
  );
  t.pass();
});

test('event-type patterns › a `*` segment stands for exactly one non-empty segment', (t) => {
  fc.assert(
    fc.property(
      fc.array(segment, { minLength: 2, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      (segments, wild) => {
        const pattern = segments.map((s, i) => (wild[i] ? '*' : s)).join('.');
        const type = segments.join('.');
        t.true(eventTypePatternMatches(pattern, type), `${pattern} ~ ${type}`);
        // One segment more or less never matches.
        t.false(eventTypePatternMatches(pattern, `${type}.extra`));
        t.false(eventTypePatternMatches(pattern, segments.slice(1).join('.')));
        // An empty segment never satisfies a wildcard.
        const holes = segments.map((s, i) => (wild[i] ? '' : s)).join('.');
        if (wild.slice(0, segments.length).some(Boolean)) t.false(eventTypePatternMatches(pattern, holes));
      },
    ),
  );
});

test('event-type patterns › a literal segment matches only itself, case-sensitively', (t) => {
  fc.assert(
    fc.property(eventType, eventType, (a, b) => {
      t.is(eventTypePatternMatches(a, b), a === b || (a === '*' && b !== ''));
      if (a !== a.toUpperCase()) t.false(eventTypePatternMatches(a.toUpperCase(), a));
    }),
  );
});

test('event-type patterns › never throws, whatever the strings', (t) => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (p, e) => typeof eventTypePatternMatches(p, e) === 'boolean'),
  );
  t.pass();
});
