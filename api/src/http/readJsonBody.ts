import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { setImmediate } from 'node:timers/promises';
import { ClientAbortedError } from './ClientAbortedError.js';
import { jsonSyntaxError } from './jsonSyntaxError.js';
import { HttpProblem } from './problems.js';

/** A request body as received: the exact bytes and the parsed document. */
export interface JsonBody {
  raw: Buffer;
  json: unknown;
}

/**
 * How deep objects and arrays may nest in a request body, counted from the body itself (an event's
 * payload in `sendEvent` may nest 63 levels). Deeper documents cannot be serialised back by
 * `JSON.stringify` without exhausting the stack, so they are refused at the door.
 */
export const maxJsonDepth = 64;

/** Bodies larger than this are read, decoded, parsed and checked with a turn of the loop between steps. */
const YIELD_ABOVE_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body. Refuses a non-JSON media type (415), a body over `limitBytes` (413, without
 * reading the rest), bytes that are not valid UTF-8 (400: the exact bytes are kept and delivered, so
 * nothing may be replaced), malformed JSON (400, naming the line and column) and nesting deeper than
 * `maxJsonDepth` (400, naming the field).
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
    throw new HttpProblem(
      'CARAVAN_UNSUPPORTED_MEDIA_TYPE',
      `Send the body as application/json (got ${type ? `"${type}"` : 'no content-type'}).`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) throw tooLarge(limitBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    // Node ends the body of a request whose client hung up with `Error: aborted` (ECONNRESET).
    if (!(error instanceof HttpProblem) && (req.destroyed || req.socket.destroyed)) {
      throw new ClientAbortedError(error);
    }
    throw error;
  }
  const raw = Buffer.concat(chunks);
  // A large body is handled in steps with a turn of the event loop between them, so other requests
  // are answered in between rather than after the whole of it.
  const large = raw.length > YIELD_ABOVE_BYTES;
  if (large) await setImmediate();
  if (!isUtf8(raw)) {
    throw new HttpProblem(
      'CARAVAN_MALFORMED_JSON',
      'The request body is not valid UTF-8; send JSON encoded as UTF-8.',
      [{ field: '/body', message: 'is not valid UTF-8' }],
    );
  }
  const text = raw.toString('utf8');
  if (large) await setImmediate();
  if (text.trim() === '') {
    throw new HttpProblem('CARAVAN_MALFORMED_JSON', 'The request body is empty; send a JSON document.', [
      { field: '/body', message: 'is empty' },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = jsonSyntaxError(text) ?? (error as Error).message;
    throw new HttpProblem('CARAVAN_MALFORMED_JSON', `The request body is not valid JSON: ${message}`, [
      { field: '/body', message },
    ]);
  }
  if (large) await setImmediate();
  if (nestingDepth(raw) > maxJsonDepth) {
    const field = tooDeepField(json);
    const message = `nests objects and arrays more than ${maxJsonDepth} levels deep`;
    throw new HttpProblem('CARAVAN_VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
  }
  return { raw, json };
}

/** The deepest nesting of objects and arrays in valid JSON text, from one pass over its bytes. */
export function nestingDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    // Strings are skipped natively (`stringEnd`): they are most of a large body.
    if (byte === 0x22) i = stringEnd(raw, i) - 1;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}

/**
 * A pointer naming where a document nests too deep: the path to its first value past the limit, cut to
 * the body's first three levels (`/body/payload/a/b`, `/body/events/3/payload`) so it stays readable.
 */
function tooDeepField(json: unknown): string {
  const stack: { value: unknown; path: string[] }[] = [{ value: json, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxJsonDepth) {
      return ['/body', ...path.slice(0, 3).map((k) => k.replaceAll('~', '~0').replaceAll('/', '~1'))].join(
        '/',
      );
    }
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
  }
  return '/body';
}

function tooLarge(limitBytes: number): HttpProblem {
  return new HttpProblem('CARAVAN_PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
}

/**
 * The index just past the JSON string whose opening quote is at `i` (valid JSON). Jumps from quote to
 * quote with `indexOf` (native) instead of looking at every byte in JavaScript; a quote after an odd run
 * of backslashes is escaped.
 */
function stringEnd(bytes: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = bytes.indexOf(0x22, from);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
