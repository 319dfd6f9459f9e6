import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';
import { fromPointer, type FieldError } from '../errors/index.js';
import { pointerSegment } from './jsonPointer.js';

const addFormats = addFormatsModule.default;
type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

/**
 * Tenants' `pattern` and `patternProperties` run on RE2 (linear time in the input): with a
 * backtracking engine one tenant's `^(a+)+$` and a 40-character payload would hold the event loop
 * for hours. RE2 has no lookaround and no backreferences; such a pattern is refused when the schema
 * is written. Ajv passes only the `u` flag, and RE2 always matches by code point.
 */
const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    try {
      return RE2JS.compile(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `pattern ${JSON.stringify(pattern)} is not a valid RE2 regular expression (lookaround and backreferences are not supported): ${reason}`,
      );
    }
  },
  { code: 'RE2JS.compile' },
);

// One instance per kind of schema. `addUsedSchema: false` and the `removeSchema()` after each
// (synchronous) compile keep one tenant's `$id`s out of the next tenant's reference resolution.
// Not strict: draft-07 allows unknown keywords and formats, and tenants' schemas use them.
// No `loadSchema`: a remote `$ref` is an invalid schema, never a network fetch.
const options = { allErrors: true, strict: false, addUsedSchema: false, logger: false } as const;
const tenantAjv = new Ajv({ ...options, code: { regExp: linearRegExp } });
addFormats(tenantAjv);
// Plugin schemas are code the operator installed: they keep JavaScript's own regular expressions.
const trustedAjv = new Ajv(options);
addFormats(trustedAjv);

/** Bounds on a tenant's schema, checked before it is compiled (see docs/event-types-and-egress-pools.md). */
export const payloadSchemaLimits = {
  /** Size of the schema as JSON, in bytes. */
  maxBytes: 64 * 1024,
  /** Nesting of objects and arrays in the schema document. */
  maxDepth: 32,
  /** Time to compile it; compiling is synchronous, so a slower schema is refused after the fact. */
  maxCompileMs: 2_000,
};

/** Checks one payload; answers every problem found, pointing into the payload (`/amount`). */
export type PayloadValidator = (payload: unknown) => PayloadError[];

/** A JSON Pointer into the payload (empty for the payload itself) and what is wrong there. */
export interface PayloadError {
  pointer: string;
  message: string;
}

/**
 * Compiles a tenant's payload schema. An invalid schema answers the first problem as a field error on
 * `schema…` (`['schema', 'properties', 'amount', 'type']`) with Ajv's message.
 */
export function compilePayloadSchema(
  schema: Record<string, unknown>,
  /** `tenant` (default): RE2 patterns and the size, depth and compile-time bounds. */
  source: 'tenant' | 'plugin' = 'tenant',
): { ok: true; validate: PayloadValidator } | { ok: false; error: FieldError } {
  const ajv = source === 'tenant' ? tenantAjv : trustedAjv;
  if (source === 'tenant') {
    const problem = boundsProblem(schema);
    if (problem) return { ok: false, error: { path: ['schema'], message: problem } };
  }
  try {
    if (!ajv.validateSchema(schema)) {
      const first = metaErrorToReport(ajv.errors ?? []);
      return {
        ok: false,
        error: {
          path: ['schema', ...fromPointer(first?.instancePath ?? '')],
          message: first?.message ?? 'is not a valid JSON Schema',
        },
      };
    }
    const started = performance.now();
    const compiled = ajv.compile(schema);
    if (source === 'tenant' && performance.now() - started > payloadSchemaLimits.maxCompileMs) {
      return {
        ok: false,
        error: {
          path: ['schema'],
          message: `takes longer than ${payloadSchemaLimits.maxCompileMs} ms to compile; simplify it`,
        },
      };
    }
    return { ok: true, validate: (payload) => runValidator(compiled, payload) };
  } catch (error) {
    return {
      ok: false,
      error: { path: ['schema'], message: error instanceof Error ? error.message : String(error) },
    };
  } finally {
    ajv.removeSchema();
  }
}

function boundsProblem(schema: Record<string, unknown>): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  if (bytes > payloadSchemaLimits.maxBytes) {
    return `must be at most ${payloadSchemaLimits.maxBytes} bytes as JSON (is ${bytes})`;
  }
  if (depthOf(schema, payloadSchemaLimits.maxDepth + 1) > payloadSchemaLimits.maxDepth) {
    return `must nest objects and arrays at most ${payloadSchemaLimits.maxDepth} levels deep`;
  }
  return undefined;
}

/** Nesting depth of a JSON value, counted no further than `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (stopAt <= 1) return 1;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, stopAt - 1));
    if (deepest >= stopAt - 1) break;
  }
  return 1 + deepest;
}

function metaErrorToReport(errors: ErrorObject[]): ErrorObject | undefined {
  // `anyOf` summaries say less than the branch errors before them.
  return errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? errors[0];
}

function runValidator(compiled: ValidateFunction, payload: unknown): PayloadError[] {
  if (compiled(payload)) return [];
  const errors = compiled.errors ?? [];
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const out: PayloadError[] = [];
  const seen = new Set<string>();
  for (const e of specific.length ? specific : errors) {
    let pointer = e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      pointer += `/${pointerSegment(String((e.params as { missingProperty: unknown }).missingProperty))}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${pointerSegment(String((e.params as { additionalProperty: unknown }).additionalProperty))}`;
      message = 'is not an allowed field';
    }
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
  }
  return out;
}
