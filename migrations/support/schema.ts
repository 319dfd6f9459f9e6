import type { Knex } from 'knex';

/** Length of id columns: prefixed ULIDs and ids derived from them. */
export const ID = 40;

/**
 * The portable column and table choices every migration makes (docs/storage.md): times are epoch
 * milliseconds (BIGINT), so MySQL and SQLite compare and paginate them identically; JSON documents are
 * long text; payloads are long binary (exact bytes); MySQL tables are InnoDB, utf8mb4, binary collation.
 * Files in this folder are not migrations: the migrator runs only `<timestamp>_<name>` files.
 */
export function schema(db: Knex) {
  const mysql = (db.client as { config: { client: string } }).config.client === 'mysql2';
  return {
    /** A JSON document column. */
    json: (t: Knex.CreateTableBuilder, name: string) => t.text(name, 'longtext'),
    /** A column of exact bytes. */
    bytes: (t: Knex.CreateTableBuilder, name: string) =>
      mysql ? t.specificType(name, 'longblob') : t.binary(name),
    /** A time column: epoch milliseconds. */
    ms: (t: Knex.CreateTableBuilder, name: string) => t.bigInteger(name),
    /** The table options every table gets. */
    common: (t: Knex.CreateTableBuilder) => {
      if (mysql) {
        t.engine('InnoDB');
        t.charset('utf8mb4');
        t.collate('utf8mb4_bin');
      }
    },
  };
}
