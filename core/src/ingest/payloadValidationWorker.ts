import { parentPort } from 'node:worker_threads';
import { compilePayloadSchema, type PayloadError, type PayloadValidator } from '../domain/payloadSchema.js';

/** A payload to check, with its schema the first time this worker sees the key. */
export interface ValidationRequest {
  id: number;
  /** Names one version of one event type's schema. */
  key: string;
  /** The schema as JSON, sent when this worker has not compiled `key` yet. */
  schema?: string;
  payloadText: string;
}

export type ValidationReply =
  | { id: number; errors: PayloadError[] }
  /** The schema or the payload could not be used (a bug: both were checked before). */
  | { id: number; failure: string };

// The worker of `PayloadValidationPool`: compiles tenants' schemas (RE2 patterns, the same bounds as on
// the main thread) and checks payloads against them, off the event loop that answers requests.
const MAX_COMPILED = 500;
const compiled = new Map<string, PayloadValidator>();

parentPort?.on('message', (request: ValidationRequest) => {
  parentPort!.postMessage(answer(request));
});
parentPort?.postMessage('ready');

function answer({ id, key, schema, payloadText }: ValidationRequest): ValidationReply {
  try {
    let validate = compiled.get(key);
    if (!validate) {
      if (schema === undefined) return { id, failure: `no schema for ${key}` };
      const result = compilePayloadSchema(JSON.parse(schema) as Record<string, unknown>);
      if (!result.ok) return { id, failure: result.error.message };
      validate = result.validate;
      compiled.set(key, validate);
      for (const oldest of compiled.keys()) {
        if (compiled.size <= MAX_COMPILED) break;
        compiled.delete(oldest);
      }
    }
    return { id, errors: validate(JSON.parse(payloadText)) };
  } catch (error) {
    return { id, failure: error instanceof Error ? error.message : String(error) };
  }
}
