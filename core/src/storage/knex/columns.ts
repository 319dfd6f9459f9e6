// How portable columns are read and written (docs/storage.md): times are epoch ms in BIGINT columns,
// which drivers may hand back as strings; JSON documents are text.

/** A time column (epoch ms) as a number. */
export const ms = (value: number | string): number => Number(value);

/** A nullable time column (epoch ms) as a number or `null`. */
export const msOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

/** A JSON text column holding a document, `null` for none. */
export const jsonOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** A headers column (JSON object text); `null` reads as no headers. */
export const headersOf = (text: string | null): Record<string, string> =>
  text === null ? {} : (JSON.parse(text) as Record<string, string>);

/**
 * Splits rows into multi-row inserts of at most `maxRows` rows and about `maxBytes` of `size(row)`
 * (a single larger row goes alone), so no statement outgrows the server's packet limit.
 */
export function* chunkRows<T>(
  rows: Iterable<T>,
  limits: { maxRows: number; maxBytes: number; size: (row: T) => number },
): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = limits.size(row);
    if (chunk.length > 0 && (chunk.length >= limits.maxRows || bytes + size > limits.maxBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
