import test from 'ava';
import fc from 'fast-check';
import { filterMatches, validateFilter, type EndpointFilter } from './endpointFilter.js';

const literal = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
/** A JSON payload of objects and arrays, with the dot path and value of one of its leaves. */
const payloadWithLeaf = fc
  .array(fc.oneof(key, fc.nat({ max: 3 })), { minLength: 1, maxLength: 5 })
  .chain((steps) =>
    fc.tuple(fc.constant(steps), literal, fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
  )
  .map(([steps, leaf, noise]) => {
    let node: unknown = leaf;
    for (const step of [...steps].reverse()) {
      if (typeof step === 'number') {
        const array: unknown[] = Array.from({ length: step }, () => 'pad');
        array.push(node);
        node = array;
      } else {
        node = { [step]: node };
      }
    }
    const payload = { ...noise, ...(node as Record<string, unknown>) };
    return { payload, path: `payload.${steps.join('.')}`, leaf };
  });
const headers = fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), fc.string({ maxLength: 8 }), {
  maxKeys: 4,
});
const anyFilter = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
const operatorFilter = fc.dictionary(
  fc.oneof(fc.constantFrom('payload.a', 'payload.a.b', 'payload.0', 'headers.x-tag'), fc.string()),
  fc.oneof(
    literal,
    fc.dictionary(
      fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$bogus'),
      fc.oneof(literal, fc.array(literal, { maxLength: 3 })),
      { maxKeys: 3 },
    ),
  ),
  { maxKeys: 3 },
);

test('endpoint filters › validation and matching never throw, whatever the filter and the event', (t) => {
  fc.assert(
    fc.property(fc.oneof(anyFilter, operatorFilter), fc.jsonValue(), headers, (filter, payload, hdrs) => {
      const errors = validateFilter(filter);
      t.true(Array.isArray(errors));
      t.is(typeof filterMatches(filter as EndpointFilter, { payload, headers: hdrs }), 'boolean');
    }),
    { numRuns: 1000 },
  );
});

test('endpoint filters › a literal taken from the payload matches it, and $ne of it does not', (t) => {
  fc.assert(
    fc.property(payloadWithLeaf, headers, ({ payload, path, leaf }, hdrs) => {
      const target = { payload, headers: hdrs };
      t.deepEqual(validateFilter({ [path]: leaf }), []);
      t.true(filterMatches({ [path]: leaf }, target), `${path} = ${JSON.stringify(leaf)}`);
      t.true(filterMatches({ [path]: { $eq: leaf } }, target));
      t.false(filterMatches({ [path]: { $ne: leaf } }, target));
      t.true(filterMatches({ [path]: { $in: [leaf] } }, target));
      t.false(filterMatches({ [path]: { $nin: [leaf] } }, target));
      t.true(filterMatches({ [path]: { $exists: true } }, target));
      t.false(filterMatches({ [path]: { $exists: false } }, target));
    }),
  );
});

test('endpoint filters › $eq and $ne, $in and $nin, $exists true and false are complements', (t) => {
  fc.assert(
    fc.property(
      fc.constantFrom('payload.a', 'payload.a.b', 'payload.list.1', 'headers.x-tag'),
      literal,
      fc.jsonValue({ maxDepth: 3 }),
      headers,
      (path, operand, payload, hdrs) => {
        const target = { payload, headers: hdrs };
        const holds = (condition: unknown) => filterMatches({ [path]: condition }, target);
        t.not(holds({ $eq: operand }), holds({ $ne: operand }));
        t.not(holds({ $in: [operand] }), holds({ $nin: [operand] }));
        t.not(holds({ $exists: true }), holds({ $exists: false }));
      },
    ),
  );
});

test('endpoint filters › an order comparison never holds across types and agrees with its mirror', (t) => {
  fc.assert(
    fc.property(literal, literal, (value, operand) => {
      const target = { payload: { v: value }, headers: {} };
      const holds = (op: string) => filterMatches({ 'payload.v': { [op]: operand } }, target);
      const comparable =
        (typeof value === 'number' && typeof operand === 'number') ||
        (typeof value === 'string' && typeof operand === 'string');
      if (!comparable) for (const op of ['$gt', '$gte', '$lt', '$lte']) t.false(holds(op));
      else {
        t.is(holds('$gte'), holds('$gt') || value === operand);
        t.is(holds('$lt'), !holds('$gte'));
      }
    }),
  );
});

test('endpoint filters › headers are matched by case-insensitive name', (t) => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), fc.string({ maxLength: 8 }), (name, value) => {
      const target = { payload: {}, headers: { [name.toUpperCase()]: value } };
      t.true(filterMatches({ [`headers.${name}`]: value }, target));
    }),
  );
});
