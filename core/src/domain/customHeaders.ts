import type { FieldError, FieldPath } from '../errors/index.js';

/** An HTTP field name: RFC 9110 `token` (`tchar`s only). */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const MAX_NAME_LENGTH = 64;

/** Header names Caravan sets on every delivery, which a tenant may not override (lower case). */
export const RESERVED_HEADER_NAMES: readonly string[] = [
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
];
const RESERVED_PREFIXES = ['webhook-', 'caravan-'];

// Connection-level headers: HTTP clients (undici) refuse to send them, so every delivery would fail.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
];

// Headers that describe the body's encoding or framing: Caravan sends the payload bytes as they are, so
// a receiver that believed them would fail to decode the body or to verify its signature.
const FRAMING = ['content-encoding', 'content-range', 'content-md5', 'digest', 'content-digest'];

// RFC 9110 field-value characters; CR, LF and NUL would split or corrupt the request.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Every problem with an endpoint's or event's custom headers, each named by its path under `at`
 * (`['headers', 'Host']`). Names are compared case-insensitively.
 */
export function validateCustomHeaders(
  headers: Readonly<Record<string, string>>,
  at: FieldPath = ['headers'],
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const path = [...at, name];
    const lower = name.toLowerCase();
    const problem = nameProblem(name, lower);
    if (problem) {
      errors.push({ path, message: problem });
      continue;
    }
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      errors.push({ path, message: `repeats header "${earlier}" (header names are case-insensitive)` });
      continue;
    }
    seen.set(lower, name);
    if (!FIELD_VALUE.test(value)) {
      errors.push({ path, message: 'must not contain control characters such as CR, LF or NUL' });
    }
  }
  return errors;
}

function nameProblem(name: string, lower: string): string | undefined {
  if (!HTTP_TOKEN.test(name)) {
    return "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)";
  }
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (RESERVED_HEADER_NAMES.includes(lower) || RESERVED_PREFIXES.some((p) => lower.startsWith(p))) {
    return 'is set by Caravan and cannot be overridden (reserved: content-type, content-length, host, user-agent, webhook-*, caravan-*)';
  }
  if (FRAMING.includes(lower)) {
    return 'describes the encoding of the body, which Caravan sends as the exact payload bytes';
  }
  if (HOP_BY_HOP.includes(lower) || lower.startsWith('proxy-')) {
    return 'is a connection-level header that cannot be set on a delivery';
  }
  return undefined;
}
