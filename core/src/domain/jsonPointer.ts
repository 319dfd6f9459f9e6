/** One reference token of a JSON Pointer (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
