import { randomBytes } from 'node:crypto';

/**
 * A JSON value kept as the exact text it was stored as (an event's payload). The API answers the text
 * itself, never a re-serialisation: the bytes stay the tenant's, and a document nested too deep for
 * `JSON.stringify` (one that came from a broker) can still be read back. Anything else that serialises
 * it gets the parsed value.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** `JSON.stringify(body)`, with every `JsonText` inside written as its own text. */
export function serialiseJson(body: unknown): string {
  const texts: string[] = [];
  // A marker no value can spell by chance: random per answer.
  const marker = `caravan-json-text-${randomBytes(12).toString('hex')}-`;
  // `toJSON` runs before a replacer sees the value, so the replacer looks at the holder's own member.
  const json = JSON.stringify(body, function (this: Record<string, unknown>, key: string, value: unknown) {
    const own = this[key];
    if (own instanceof JsonText) {
      texts.push(own.text);
      return `${marker}${texts.length - 1}`;
    }
    return value;
  });
  if (texts.length === 0) return json;
  return json.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), (_match, index: string) => texts[Number(index)]!);
}
