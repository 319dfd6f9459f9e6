import type { FieldError, FieldPath } from '../errors/index.js';
import { HTTP_TOKEN } from './customHeaders.js';

/**
 * An endpoint's filter: dot path → literal (equality) or object of operators. Every condition must hold.
 * Paths start with `payload.` (into the event's JSON payload; a numeric segment indexes an array) or
 * `headers.` (an event header, by case-insensitive name).
 */
export type EndpointFilter = Record<string, unknown>;

/** What a filter is evaluated against: the event's parsed payload and its headers. */
export interface FilterTarget {
  payload: unknown;
  headers: Readonly<Record<string, string>>;
}

type Literal = string | number | boolean | null;

const OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'] as const;
type Operator = (typeof OPERATORS)[number];
const OPERATOR_LIST = OPERATORS.join(', ');

const MISSING = Symbol('missing');
type Resolved = unknown;

const PAYLOAD_PATH = /^payload(\.[^.]+)+$/;
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

const isLiteral = (v: unknown): v is Literal =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isOperator = (key: string): key is Operator => (OPERATORS as readonly string[]).includes(key);

/** Whether the event satisfies every condition of the filter (`null` or `{}` lets every event through). */
export function filterMatches(filter: EndpointFilter | null, target: FilterTarget): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([path, condition]) =>
    conditionHolds(condition, resolve(path, target)),
  );
}

function resolve(path: string, target: FilterTarget): Resolved {
  if (path.startsWith('headers.')) {
    const name = path.slice('headers.'.length).toLowerCase();
    const found = Object.entries(target.headers).find(([k]) => k.toLowerCase() === name);
    return found ? found[1] : MISSING;
  }
  if (!PAYLOAD_PATH.test(path)) return MISSING;
  let current: unknown = target.payload;
  for (const segment of path.split('.').slice(1)) {
    if (Array.isArray(current) && ARRAY_INDEX.test(segment)) {
      const index = Number(segment);
      if (index >= current.length) return MISSING;
      current = current[index] as unknown;
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return MISSING;
    }
  }
  return current;
}

function conditionHolds(condition: unknown, value: Resolved): boolean {
  if (isLiteral(condition)) return value !== MISSING && value === condition;
  if (!isPlainObject(condition) || Object.keys(condition).length === 0) return false;
  return Object.entries(condition).every(
    ([op, operand]) => isOperator(op) && operatorHolds(op, operand, value),
  );
}

// A missing path only satisfies $ne, $nin and $exists: false; comparisons never coerce types.
function operatorHolds(op: Operator, operand: unknown, value: Resolved): boolean {
  const present = value !== MISSING;
  switch (op) {
    case '$eq':
      return present && value === operand;
    case '$ne':
      return !present || value !== operand;
    case '$in':
      return present && Array.isArray(operand) && operand.includes(value);
    case '$nin':
      return !present || (Array.isArray(operand) && !operand.includes(value));
    case '$exists':
      return operand === present;
    default:
      return present && compares(op, value, operand);
  }
}

function compares(op: '$gt' | '$gte' | '$lt' | '$lte', value: unknown, operand: unknown): boolean {
  const bothNumbers = typeof value === 'number' && typeof operand === 'number';
  const bothStrings = typeof value === 'string' && typeof operand === 'string';
  if (!bothNumbers && !bothStrings) return false;
  const [a, b] = [value, operand] as [number | string, number | string];
  switch (op) {
    case '$gt':
      return a > b;
    case '$gte':
      return a >= b;
    case '$lt':
      return a < b;
    case '$lte':
      return a <= b;
  }
}

/**
 * Every problem of a filter's shape, each named by its path under `at`
 * (`['filter', 'payload.amount', '$gtee']`). An empty list means the filter is valid.
 */
export function validateFilter(filter: EndpointFilter, at: FieldPath = ['filter']): FieldError[] {
  const errors: FieldError[] = [];
  for (const [path, condition] of Object.entries(filter)) {
    const field = [...at, path];
    if (!validPath(path)) {
      errors.push({
        path: field,
        message: 'must be a dot path starting with "payload." or "headers." (e.g. payload.customer.country)',
      });
      continue;
    }
    if (isLiteral(condition)) continue;
    if (!isPlainObject(condition)) {
      errors.push({
        path: field,
        message: 'must be a literal (string, number, boolean or null) or an object of operators',
      });
      continue;
    }
    if (Object.keys(condition).length === 0) {
      errors.push({ path: field, message: `must name at least one operator (${OPERATOR_LIST})` });
      continue;
    }
    for (const [op, operand] of Object.entries(condition)) {
      const opField = [...field, op];
      if (!isOperator(op)) {
        const hint = op.startsWith('$') ? '' : '; to reach a nested field, extend the dot path';
        errors.push({ path: opField, message: `is not a filter operator (use ${OPERATOR_LIST})${hint}` });
        continue;
      }
      const problem = operandProblem(op, operand);
      if (problem) errors.push({ path: opField, message: problem });
    }
  }
  return errors;
}

function validPath(path: string): boolean {
  if (PAYLOAD_PATH.test(path)) return true;
  return path.startsWith('headers.') && HTTP_TOKEN.test(path.slice('headers.'.length));
}

function operandProblem(op: Operator, operand: unknown): string | undefined {
  switch (op) {
    case '$eq':
    case '$ne':
      return isLiteral(operand) ? undefined : 'must be a string, number, boolean or null';
    case '$in':
    case '$nin':
      return Array.isArray(operand) && operand.every(isLiteral)
        ? undefined
        : 'must be an array of literals (strings, numbers, booleans or null)';
    case '$exists':
      return typeof operand === 'boolean' ? undefined : 'must be true or false';
    default:
      return (typeof operand === 'number' && Number.isFinite(operand)) || typeof operand === 'string'
        ? undefined
        : 'must be a number or a string';
  }
}
