import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fromPointer, type FieldError } from '../errors/index.js';
import { pointerSegment } from './jsonPointer.js';

const addFormats = addFormatsModule.default;

// One instance for every tenant's schemas. `addUsedSchema: false` and the `removeSchema()` after each
// (synchronous) compile keep one tenant's `$id`s out of the next tenant's reference resolution.
// Not strict: draft-07 allows unknown keywords and formats, and tenants' schemas use them.
// No `loadSchema`: a remote `$ref` is an invalid schema, never a network fetch.
const ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false, logger: false });
addFormats(ajv);

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
): { ok: true; validate: PayloadValidator } | { ok: false; error: FieldError } {
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
    const compiled = ajv.compile(schema);
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
