import test from 'ava';
import { filterMatches, validateFilter, type EndpointFilter, type FilterTarget } from './endpointFilter.js';

const event: FilterTarget = {
  payload: {
    currency: 'EUR',
    amount: 150,
    zero: 0,
    paid: true,
    note: null,
    customer: { country: 'FR', tier: 'gold', tags: ['vip', 'eu'] },
    lines: [{ sku: 'A-1', qty: 2 }, { sku: 'B-2' }],
    'dotted.key': 'unreachable',
  },
  headers: { 'X-Region': 'eu-west', 'x-empty': '' },
};

const cases: [title: string, filter: EndpointFilter | null, matches: boolean][] = [
  ['no filter', null, true],
  ['empty filter', {}, true],
  ['implicit string equality', { 'payload.currency': 'EUR' }, true],
  ['implicit equality is case-sensitive', { 'payload.currency': 'eur' }, false],
  ['implicit number equality', { 'payload.amount': 150 }, true],
  ['implicit equality never coerces', { 'payload.amount': '150' }, false],
  ['implicit boolean equality', { 'payload.paid': true }, true],
  ['implicit null equality on a null value', { 'payload.note': null }, true],
  ['implicit null equality on a missing path', { 'payload.nothing': null }, false],
  ['0 is not false', { 'payload.zero': false }, false],
  ['nested path', { 'payload.customer.country': 'FR' }, true],
  ['nested path mismatch', { 'payload.customer.country': 'DE' }, false],
  ['array index', { 'payload.lines.0.sku': 'A-1' }, true],
  ['array index out of range is missing', { 'payload.lines.5.sku': { $exists: false } }, true],
  ['array index into an object is missing', { 'payload.customer.0': { $exists: true } }, false],
  ['a key containing a dot cannot be reached', { 'payload.dotted.key': { $exists: true } }, false],
  ['path through a scalar is missing', { 'payload.amount.value': { $exists: false } }, true],
  ['literal against an object value', { 'payload.customer': 'FR' }, false],
  ['every condition must hold', { 'payload.currency': 'EUR', 'payload.amount': 99 }, false],
  ['all conditions hold', { 'payload.currency': 'EUR', 'payload.customer.tier': 'gold' }, true],
  ['$eq', { 'payload.amount': { $eq: 150 } }, true],
  ['$eq on missing', { 'payload.nothing': { $eq: null } }, false],
  ['$ne on a different value', { 'payload.currency': { $ne: 'USD' } }, true],
  ['$ne on the same value', { 'payload.currency': { $ne: 'EUR' } }, false],
  ['$ne on missing', { 'payload.nothing': { $ne: 'x' } }, true],
  ['$gt', { 'payload.amount': { $gt: 100 } }, true],
  ['$gt is strict', { 'payload.amount': { $gt: 150 } }, false],
  ['$gte at the boundary', { 'payload.amount': { $gte: 150 } }, true],
  ['$lt', { 'payload.amount': { $lt: 150 } }, false],
  ['$lte at the boundary', { 'payload.amount': { $lte: 150 } }, true],
  ['range: $gte and $lt together', { 'payload.amount': { $gte: 100, $lt: 200 } }, true],
  ['range excludes', { 'payload.amount': { $gte: 100, $lt: 150 } }, false],
  ['string comparison', { 'payload.currency': { $gt: 'AAA', $lt: 'ZZZ' } }, true],
  ['comparison across types is false', { 'payload.amount': { $gt: '100' } }, false],
  ['comparison on missing is false', { 'payload.nothing': { $lt: 1 } }, false],
  ['comparison on null is false', { 'payload.note': { $lt: 1 } }, false],
  ['$in', { 'payload.currency': { $in: ['USD', 'EUR'] } }, true],
  ['$in without the value', { 'payload.currency': { $in: ['USD', 'GBP'] } }, false],
  ['$in never coerces', { 'payload.amount': { $in: ['150'] } }, false],
  ['$in on missing', { 'payload.nothing': { $in: [null] } }, false],
  ['$in with an empty list', { 'payload.currency': { $in: [] } }, false],
  ['$in does not look inside arrays', { 'payload.customer.tags': { $in: ['vip'] } }, false],
  ['$nin', { 'payload.currency': { $nin: ['USD'] } }, true],
  ['$nin with the value', { 'payload.currency': { $nin: ['EUR'] } }, false],
  ['$nin on missing', { 'payload.nothing': { $nin: ['x'] } }, true],
  ['$exists true', { 'payload.customer.tier': { $exists: true } }, true],
  ['$exists true on null', { 'payload.note': { $exists: true } }, true],
  ['$exists false on present', { 'payload.currency': { $exists: false } }, false],
  ['$exists false on missing', { 'payload.nothing': { $exists: false } }, true],
  ['$exists true on missing', { 'payload.nothing': { $exists: true } }, false],
  ['header by exact name', { 'headers.X-Region': 'eu-west' }, true],
  ['header names are case-insensitive', { 'headers.x-region': 'eu-west' }, true],
  ['empty header value exists', { 'headers.X-Empty': { $exists: true } }, true],
  ['missing header', { 'headers.X-Tenant': { $exists: false } }, true],
  ['missing header equality', { 'headers.X-Tenant': 'acme' }, false],
  ['path outside payload and headers never matches', { 'meta.x': { $exists: false } }, true],
  ['unknown operator never matches', { 'payload.amount': { $gtee: 1 } }, false],
];

for (const [title, filter, matches] of cases) {
  test(`filterMatches › ${title}`, (t) => {
    t.is(filterMatches(filter, event), matches, JSON.stringify(filter));
  });
}

test('filterMatches › a scalar or missing payload only satisfies absence', (t) => {
  const scalar: FilterTarget = { payload: 42, headers: {} };
  t.false(filterMatches({ 'payload.a': { $exists: true } }, scalar));
  t.true(filterMatches({ 'payload.a': { $ne: 1 } }, scalar));
  t.true(filterMatches({ 'payload.0': 'x' }, { payload: ['x'], headers: {} }));
});

const invalid: [
  title: string,
  filter: EndpointFilter,
  errors: { path: (string | number)[]; message: RegExp }[],
][] = [
  [
    'unknown operator, named under its path',
    { 'payload.amount': { $gtee: 100 } },
    [{ path: ['filter', 'payload.amount', '$gtee'], message: /is not a filter operator/ }],
  ],
  [
    'nested object instead of a dot path',
    { 'payload.customer': { country: 'FR' } },
    [{ path: ['filter', 'payload.customer', 'country'], message: /extend the dot path/ }],
  ],
  [
    'path outside payload and headers',
    { 'customer.country': 'FR' },
    [{ path: ['filter', 'customer.country'], message: /starting with "payload\." or "headers\."/ }],
  ],
  ['bare payload', { payload: 'x' }, [{ path: ['filter', 'payload'], message: /dot path/ }]],
  ['empty segment', { 'payload..a': 1 }, [{ path: ['filter', 'payload..a'], message: /dot path/ }]],
  ['trailing dot', { 'payload.a.': 1 }, [{ path: ['filter', 'payload.a.'], message: /dot path/ }]],
  [
    'header name not a token',
    { 'headers.X Region': 'eu' },
    [{ path: ['filter', 'headers.X Region'], message: /dot path/ }],
  ],
  [
    'array as a literal',
    { 'payload.currency': ['EUR', 'USD'] },
    [{ path: ['filter', 'payload.currency'], message: /literal .* or an object of operators/ }],
  ],
  [
    'empty operator object',
    { 'payload.a': {} },
    [{ path: ['filter', 'payload.a'], message: /at least one operator/ }],
  ],
  [
    '$gt with a boolean',
    { 'payload.a': { $gt: true } },
    [{ path: ['filter', 'payload.a', '$gt'], message: /number or a string/ }],
  ],
  [
    '$lte with null',
    { 'payload.a': { $lte: null } },
    [{ path: ['filter', 'payload.a', '$lte'], message: /number or a string/ }],
  ],
  [
    '$eq with an object',
    { 'payload.a': { $eq: { b: 1 } } },
    [{ path: ['filter', 'payload.a', '$eq'], message: /string, number, boolean or null/ }],
  ],
  [
    '$in with a scalar',
    { 'payload.a': { $in: 'EUR' } },
    [{ path: ['filter', 'payload.a', '$in'], message: /array of literals/ }],
  ],
  [
    '$nin with nested arrays',
    { 'payload.a': { $nin: [['x']] } },
    [{ path: ['filter', 'payload.a', '$nin'], message: /array of literals/ }],
  ],
  [
    '$exists with a string',
    { 'payload.a': { $exists: 'yes' } },
    [{ path: ['filter', 'payload.a', '$exists'], message: /true or false/ }],
  ],
  [
    'a path with / and ~, kept whole (the API escapes it)',
    { 'payload.a/b~c': { $bad: 1 } },
    [{ path: ['filter', 'payload.a/b~c', '$bad'], message: /not a filter operator/ }],
  ],
  [
    'every problem is reported',
    { 'payload.a': { $gt: [], $oops: 1 }, 'x.y': 1 },
    [
      { path: ['filter', 'payload.a', '$gt'], message: /number or a string/ },
      { path: ['filter', 'payload.a', '$oops'], message: /not a filter operator/ },
      { path: ['filter', 'x.y'], message: /dot path/ },
    ],
  ],
];

for (const [title, filter, expected] of invalid) {
  test(`validateFilter › refuses ${title}`, (t) => {
    const errors = validateFilter(filter);
    t.is(errors.length, expected.length, JSON.stringify(errors));
    expected.forEach((e, i) => {
      t.deepEqual(errors[i]?.path, e.path);
      t.regex(errors[i]?.message ?? '', e.message);
    });
  });
}

test('validateFilter › accepts every operator with the right operand', (t) => {
  t.deepEqual(
    validateFilter({
      'payload.currency': 'EUR',
      'payload.note': null,
      'payload.paid': false,
      'payload.amount': { $gte: 100, $lt: 1000.5 },
      'payload.customer.country': { $in: ['FR', 'DE', null, 1, true], $nin: [] },
      'payload.customer.tier': { $eq: 'gold', $ne: null },
      'payload.customer.name': { $gt: 'A', $lte: 'Z' },
      'payload.lines.0.sku': { $exists: true },
      'headers.X-Region': { $ne: 'us' },
    }),
    [],
  );
});

test('validateFilter › names fields under the path it is given', (t) => {
  t.deepEqual(validateFilter({ 'payload.a': { $x: 1 } }, ['endpoints', 2, 'filter'])[0]?.path, [
    'endpoints',
    2,
    'filter',
    'payload.a',
    '$x',
  ]);
});
