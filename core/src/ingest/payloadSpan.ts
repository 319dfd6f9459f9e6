/** A byte range `[start, end)` of a request body. */
export interface Span {
  start: number;
  end: number;
}

// Structural bytes. Every one is ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so the
// scanner works on the raw bytes and never splits a character.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isWhitespace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * The exact source bytes of the top-level `payload` member of a JSON object (`{"eventType":"a",
 * "payload": {"b":1,  "a":2} }` → `{"b":1,  "a":2}`), so the event keeps the bytes the tenant sent.
 * The body must already be known to be valid JSON (it was parsed); this only locates values. Like
 * `JSON.parse`, a repeated member name counts its last occurrence, and names are compared after
 * unescaping (`"pay\u006coad"` is `payload`).
 */
export function payloadSpan(body: Buffer): Span {
  const scanner = new Scanner(body);
  const span = scanner.member(scanner.topLevel(), 'payload');
  if (!span) throw new Error('the JSON object has no "payload" member');
  return span;
}

/**
 * The exact source bytes of the top-level member `name` of a JSON object, or `undefined` when there is
 * none (broker sources: `data` of a Convoy message). Same rules as {@link payloadSpan}.
 */
export function memberSpan(body: Buffer, name: string): Span | undefined {
  const scanner = new Scanner(body);
  return scanner.member(scanner.topLevel(), name);
}

/** The exact source bytes of `events[i].payload` of a batch body, in array order. */
export function batchPayloadSpans(body: Buffer): Span[] {
  const scanner = new Scanner(body);
  const events = scanner.member(scanner.topLevel(), 'events');
  if (!events || body[events.start] !== OPEN_ARRAY) throw new Error('the JSON object has no "events" array');
  return scanner.elements(events.start).map((element, i) => {
    const span = body[element.start] === OPEN_OBJECT ? scanner.member(element.start, 'payload') : undefined;
    if (!span) throw new Error(`events[${i}] has no "payload" member`);
    return span;
  });
}

class Scanner {
  constructor(private readonly bytes: Buffer) {}

  /** Where the top-level object starts. */
  topLevel(): number {
    const start = this.skipWhitespace(0);
    if (this.bytes[start] !== OPEN_OBJECT) throw new Error('the JSON document is not an object');
    return start;
  }

  /** The value of the last member called `name` of the object starting at `objectStart`. */
  member(objectStart: number, name: string): Span | undefined {
    let found: Span | undefined;
    let i = this.skipWhitespace(objectStart + 1);
    if (this.bytes[i] === CLOSE_OBJECT) return undefined;
    for (;;) {
      this.expect(i, QUOTE);
      const keyEnd = this.skipString(i);
      const key = this.decodeKey(i, keyEnd);
      i = this.skipWhitespace(keyEnd);
      this.expect(i, COLON);
      const valueStart = this.skipWhitespace(i + 1);
      const valueEnd = this.skipValue(valueStart);
      if (key === name) found = { start: valueStart, end: valueEnd };
      i = this.skipWhitespace(valueEnd);
      if (this.bytes[i] === CLOSE_OBJECT) return found;
      this.expect(i, COMMA);
      i = this.skipWhitespace(i + 1);
    }
  }

  /** The elements of the array starting at `arrayStart`. */
  elements(arrayStart: number): Span[] {
    const out: Span[] = [];
    let i = this.skipWhitespace(arrayStart + 1);
    if (this.bytes[i] === CLOSE_ARRAY) return out;
    for (;;) {
      const end = this.skipValue(i);
      out.push({ start: i, end });
      i = this.skipWhitespace(end);
      if (this.bytes[i] === CLOSE_ARRAY) return out;
      this.expect(i, COMMA);
      i = this.skipWhitespace(i + 1);
    }
  }

  private decodeKey(start: number, end: number): string {
    const raw = this.bytes.toString('utf8', start, end);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private skipWhitespace(i: number): number {
    while (isWhitespace(this.bytes[i])) i++;
    return i;
  }

  /** The index just past the string whose opening quote is at `i`. */
  private skipString(i: number): number {
    return stringEnd(this.bytes, i);
  }

  /**
   * The index just past the value starting at `i`. Containers are skipped by counting brackets outside
   * strings rather than by recursion, so deep nesting cannot overflow the stack.
   */
  private skipValue(i: number): number {
    const first = this.bytes[i];
    if (first === QUOTE) return this.skipString(i);
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      let j = i;
      while (j < this.bytes.length) {
        const b = this.bytes[j];
        if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isWhitespace(b)) break;
        j++;
      }
      if (j === i) throw new Error(`expected a JSON value at byte ${i}`);
      return j;
    }
    let depth = 0;
    for (let j = i; j < this.bytes.length; j++) {
      const b = this.bytes[j];
      if (b === QUOTE) j = this.skipString(j) - 1;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new Error('unterminated JSON container');
  }

  private expect(i: number, byte: number): void {
    if (this.bytes[i] !== byte) {
      throw new Error(`expected "${String.fromCharCode(byte)}" at byte ${i} of the JSON document`);
    }
  }
}

/**
 * The index just past the JSON string whose opening quote is at `i`. Jumps from quote to quote with
 * `indexOf` (native, memchr speed) rather than looking at every byte in JavaScript: a quote preceded by
 * an odd run of backslashes is escaped. Long strings, most of a large body, cost next to nothing.
 */
export function stringEnd(bytes: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) throw new Error('unterminated JSON string');
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
