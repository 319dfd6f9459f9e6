import { InvalidCursorError } from '../errors/index.js';

/** One page of a list and the cursor of the next one (`null` on the last page). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Where a keyset page starts: after the row with this sort value and id. */
export interface CursorPosition {
  /** The sort column's value (epoch ms for time-ordered lists, a name for name-ordered ones). */
  value: number | string;
  id: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

/**
 * Decodes a cursor from a previous page: a sort value (a whole number of at least 0, or a name) and an
 * id. @throws InvalidCursorError for a cursor Caravan did not make.
 */
export function decodeCursor(cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [value, id] = parsed as unknown[];
    const validValue =
      (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
      (typeof value === 'string' && value.length > 0 && value.length <= 255);
    if (validValue && typeof id === 'string' && id.length > 0 && id.length <= 255) {
      return { value, id };
    }
  }
  throw new InvalidCursorError();
}

/** A cursor of a list ordered by time (or another count): its value is a number. */
export function decodeTimeCursor(cursor: string): CursorPosition & { value: number } {
  const at = decodeCursor(cursor);
  if (typeof at.value !== 'number') throw new InvalidCursorError();
  return { value: at.value, id: at.id };
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says that another page exists. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
  positionOf: (row: Row) => CursorPosition,
): Page<T> {
  const more = rows.length > limit;
  const visible = more ? rows.slice(0, limit) : rows;
  const last = visible[visible.length - 1];
  return { data: visible.map(map), nextCursor: more && last ? encodeCursor(positionOf(last)) : null };
}
