import type { IncomingMessage } from 'node:http';
import { jsonSyntaxError } from './jsonSyntaxError.js';
import { HttpProblem } from './problems.js';

/** A request body as received: the exact bytes and the parsed document. */
export interface JsonBody {
  raw: Buffer;
  json: unknown;
}

/**
 * Reads a JSON request body. Refuses a non-JSON media type (415), a body over `limitBytes` (413, without
 * reading the rest) and malformed JSON (400, naming the line and column).
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
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    throw new HttpProblem('CARAVAN_MALFORMED_JSON', 'The request body is empty; send a JSON document.', [
      { field: '/body', message: 'is empty' },
    ]);
  }
  try {
    return { raw, json: JSON.parse(text) };
  } catch (error) {
    const message = jsonSyntaxError(text) ?? (error as Error).message;
    throw new HttpProblem('CARAVAN_MALFORMED_JSON', `The request body is not valid JSON: ${message}`, [
      { field: '/body', message },
    ]);
  }
}

function tooLarge(limitBytes: number): HttpProblem {
  return new HttpProblem('CARAVAN_PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes.`);
}
