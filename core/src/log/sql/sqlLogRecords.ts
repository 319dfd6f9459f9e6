import type { Knex } from 'knex';
import { isMysql, type Database } from '../../storage/index.js';
import { chunkRows } from '../../storage/knex/columns.js';
import {
  withSqliteConnection,
  type SqliteConnection,
  type SqliteStatement,
} from '../../storage/knex/sqliteConnection.js';
import type { AppendRecord, LogTopic } from '../InternalLog.js';
import type { FetchedRecord } from '../PartitionFeed.js';
import { partitionForKey } from './partitionForKey.js';

// Reads and writes of `log_partitions` and `log_records`.
//
// Why readers never miss a row: an append locks its partition's `log_partitions` row before it reads
// `next_offset`, and holds the lock until it commits. Appends to one partition are therefore serialised,
// and offsets are handed out in commit order: when a reader sees offset N committed, every offset below
// N was committed earlier. So a consumer can keep a plain "next offset" position and never skip a row
// that commits late. (An auto-increment id would not give that: ids are taken at insert, not at commit.)

interface RecordRow {
  offset: number | string | bigint;
  record_key: string;
  value: Buffer | Uint8Array;
  headers: string | null;
  appended_at: number | string | bigint;
}

interface SqliteLogStatements {
  bump: SqliteStatement;
  insert: SqliteStatement;
  heads: SqliteStatement;
  sizes: SqliteStatement;
  fetch: SqliteStatement;
}

// better-sqlite3 statements are bound to their connection: each pooled connection prepares the hot
// statements once and keeps them as long as it lives.
const preparedByConnection = new WeakMap<SqliteConnection, SqliteLogStatements>();

function sqliteStatements(conn: SqliteConnection): SqliteLogStatements {
  let statements = preparedByConnection.get(conn);
  if (!statements) {
    statements = {
      bump: conn.prepare(
        'update log_partitions set next_offset = next_offset + ? where topic = ? and "partition" = ? returning next_offset',
      ),
      insert: conn.prepare(
        'insert into log_records (topic, "partition", "offset", record_key, value, headers, appended_at) values (?, ?, ?, ?, ?, ?, ?)',
      ),
      heads: conn.prepare('select "partition", next_offset from log_partitions where topic = ?'),
      // length() of a blob reads its size from the row header, not the value.
      sizes: conn.prepare(
        'select length(value) as size from log_records where topic = ? and "partition" = ? and "offset" >= ? order by "offset" limit ?',
      ),
      fetch: conn.prepare(
        'select "offset", record_key, value, headers, appended_at from log_records where topic = ? and "partition" = ? and "offset" >= ? order by "offset" limit ?',
      ),
    };
    preparedByConnection.set(conn, statements);
  }
  return statements;
}

/** Creates the partition rows a topic lacks; returns its partition count, which never shrinks. */
export async function ensurePartitions(db: Database, topic: LogTopic, configured: number): Promise<number> {
  const row = (await db('log_partitions').where({ topic }).max({ last: 'partition' }).first()) as
    { last: number | string | null } | undefined;
  const existing = row?.last == null ? 0 : Number(row.last) + 1;
  const count = Math.max(configured, existing);
  const rows = Array.from({ length: count }, (_, partition) => ({ topic, partition, next_offset: 0 }));
  await db('log_partitions').insert(rows).onConflict(['topic', 'partition']).ignore();
  return count;
}

/** Head of each partition: the offset the next appended record will get. */
export async function partitionHeads(db: Database, topic: LogTopic): Promise<Map<number, bigint>> {
  type Head = { partition: number; next_offset: number | string | bigint };
  const rows = isMysql(db)
    ? await db('log_partitions').where({ topic }).select<Head[]>('partition', 'next_offset')
    : await withSqliteConnection(db, (conn) => sqliteStatements(conn).heads.all(topic) as Head[]);
  return new Map(rows.map((r) => [Number(r.partition), BigInt(r.next_offset)]));
}

/**
 * Records of a partition from `from` on, in offset order: up to `limit` of them and `maxBytes` of values
 * (at least one record, however large). The sizes are read first, so a fetch never loads more than it
 * hands over: on SQLite it runs synchronously on the event loop.
 */
export async function fetchRecords(
  db: Database,
  topic: LogTopic,
  partition: number,
  from: bigint,
  { limit, maxBytes = Infinity }: { limit: number; maxBytes?: number },
): Promise<FetchedRecord[]> {
  type Size = { size: number | string | null };
  const sizes = isMysql(db)
    ? await db('log_records')
        .where({ topic, partition })
        .andWhere('offset', '>=', Number(from))
        .orderBy('offset')
        .limit(limit)
        .select<Size[]>(db.raw('length(value) as size'))
    : await withSqliteConnection(
        db,
        (conn) => sqliteStatements(conn).sizes.all(topic, partition, Number(from), limit) as Size[],
      );
  let count = 0;
  for (let bytes = 0; count < sizes.length; count++) {
    bytes += Number(sizes[count]!.size ?? 0);
    if (count > 0 && bytes > maxBytes) break;
  }
  if (count === 0) return [];
  const rows = isMysql(db)
    ? await db('log_records')
        .where({ topic, partition })
        .andWhere('offset', '>=', Number(from))
        .orderBy('offset')
        .limit(count)
        .select<RecordRow[]>('offset', 'record_key', 'value', 'headers', 'appended_at')
    : await withSqliteConnection(
        db,
        (conn) => sqliteStatements(conn).fetch.all(topic, partition, Number(from), count) as RecordRow[],
      );
  return rows.map((r) => ({
    offset: BigInt(r.offset),
    key: r.record_key,
    value: Buffer.from(r.value),
    headers: r.headers ? (JSON.parse(r.headers) as Record<string, string>) : {},
    timestamp: Number(r.appended_at),
  }));
}

/**
 * Appends records in one transaction. Partition rows are locked in ascending order, so concurrent
 * appends from several processes cannot deadlock; records of one key keep their order.
 */
export async function appendRecords(
  db: Database,
  topic: LogTopic,
  partitions: number,
  records: readonly AppendRecord[],
  now: number,
): Promise<void> {
  const byPartition = new Map<number, AppendRecord[]>();
  for (const record of records) {
    const partition = partitionForKey(record.key, partitions);
    const list = byPartition.get(partition);
    if (list) list.push(record);
    else byPartition.set(partition, [record]);
  }
  const groups = [...byPartition.entries()].sort(([a], [b]) => a - b);
  if (isMysql(db)) await appendMysql(db, topic, groups, now);
  else await appendSqlite(db, topic, groups, now);
}

type Groups = readonly (readonly [number, readonly AppendRecord[]])[];

function rowFor(topic: LogTopic, partition: number, offset: number, record: AppendRecord, now: number) {
  const headers =
    record.headers && Object.keys(record.headers).length > 0 ? JSON.stringify(record.headers) : null;
  return { topic, partition, offset, record_key: record.key, value: record.value, headers, appended_at: now };
}

async function appendMysql(db: Database, topic: LogTopic, groups: Groups, now: number): Promise<void> {
  await db.transaction(async (trx: Knex.Transaction) => {
    for (const [partition, list] of groups) {
      const head = await trx('log_partitions')
        .where({ topic, partition })
        .forUpdate()
        .first<{ next_offset: number | string } | undefined>('next_offset');
      if (!head) throw new Error(`log partition ${topic}/${partition} has no row; init() creates it`);
      const base = Number(head.next_offset);
      const rows = list.map((record, i) => rowFor(topic, partition, base + i, record, now));
      // Bounded statements: a payload may be up to a few MiB and max_allowed_packet defaults to 16 MiB.
      const chunks = chunkRows(rows, {
        maxRows: 200,
        maxBytes: 4 * 1024 * 1024,
        size: (r) => r.value.length,
      });
      for (const chunk of chunks) await trx('log_records').insert(chunk);
      await trx('log_partitions')
        .where({ topic, partition })
        .update({ next_offset: base + list.length });
    }
  });
}

// On SQLite the whole append runs as one synchronous better-sqlite3 transaction opened with
// BEGIN IMMEDIATE. knex would issue a deferred BEGIN and await between statements; another pooled
// connection of this process that wants to write meanwhile would then busy-wait synchronously (blocking
// the event loop that the open transaction needs in order to finish) until busy_timeout expires.
// A synchronous transaction holds the write lock only while it runs, and IMMEDIATE takes it up front, so
// it never fails halfway with SQLITE_BUSY on a read-to-write upgrade.
async function appendSqlite(db: Database, topic: LogTopic, groups: Groups, now: number): Promise<void> {
  await withSqliteConnection(db, (conn) => {
    const { bump, insert } = sqliteStatements(conn);
    conn
      .transaction(() => {
        for (const [partition, list] of groups) {
          const head = bump.get(list.length, topic, partition) as
            { next_offset: number | bigint } | undefined;
          if (!head) throw new Error(`log partition ${topic}/${partition} has no row; init() creates it`);
          const base = Number(head.next_offset) - list.length;
          list.forEach((record, i) => {
            const row = rowFor(topic, partition, base + i, record, now);
            insert.run(
              row.topic,
              row.partition,
              row.offset,
              row.record_key,
              row.value,
              row.headers,
              row.appended_at,
            );
          });
        }
      })
      .immediate();
  });
}
