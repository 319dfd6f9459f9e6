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

/** Decodes a cursor from a previous page; @throws InvalidCursorError for a cursor Caravan did not make. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'number' || typeof parsed[0] === 'string') &&
      typeof parsed[1] === 'string'
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
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
