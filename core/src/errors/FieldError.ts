/**
 * Where a value sits inside the input of a call: property names and array indexes from the input's
 * top, e.g. `['payload', 'amount']` or `['events', 3, 'eventType']`. Empty for the input itself.
 * Core names inputs this way and never says where they travelled (an HTTP body, a query string, a
 * broker message); the API adds that when it answers.
 */
export type FieldPath = readonly (string | number)[];

/** One invalid input value: where it is and what is wrong with it. */
export interface FieldError {
  path: FieldPath;
  message: string;
}

/** The path as a JSON Pointer (RFC 6901) relative to the input: `['a/b', 0]` → `/a~1b/0`, `[]` → ``. */
export function toPointer(path: FieldPath): string {
  return path.map((step) => `/${String(step).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** A JSON Pointer (RFC 6901) as a path of property names: `/a~1b/0` → `['a/b', '0']`, `` → `[]`. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}
