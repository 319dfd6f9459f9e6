import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { expectedTables, migrateUpDownUp, migrationsDir, roundTripEvent } from '@caravan/testing';
import { createDatabase } from './createDatabase.js';
import { createMigrator } from './Migrator.js';

function sqliteFile() {
  return join(mkdtempSync(join(tmpdir(), 'caravan-migrate-')), 'caravan.sqlite');
}

test('Migrator › on SQLite, migrates up, down and up again', async (t) => {
  const db = createDatabase({ client: 'sqlite', filename: sqliteFile() });
  t.teardown(() => db.destroy());
  const r = await migrateUpDownUp(db, migrationsDir);
  t.true(r.firstUp.length >= 1);
  t.deepEqual(r.afterUp, expectedTables);
  t.deepEqual(r.statusUp.pending, []);
  t.deepEqual(r.down, [...r.firstUp].reverse(), 'rolls back the newest migration first');
  t.deepEqual(r.afterDown, []);
  t.deepEqual(r.statusDown.applied, []);
  t.deepEqual(r.statusDown.pending, r.firstUp);
  t.deepEqual(r.secondUp, r.firstUp);
  t.deepEqual(r.afterSecondUp, expectedTables);
});

test('Migrator › on SQLite, payload bytes and millisecond times come back exactly', async (t) => {
  const db = createDatabase({ client: 'sqlite', filename: sqliteFile() });
  t.teardown(() => db.destroy());
  await createMigrator({ db, directory: migrationsDir }).latest();
  const r = await roundTripEvent(db);
  t.true(r.stored.equals(r.sent));
  t.is(Number(r.createdAt), r.now);
});

test('Migrator › running latest twice applies nothing the second time', async (t) => {
  const db = createDatabase({ client: 'sqlite', filename: sqliteFile() });
  t.teardown(() => db.destroy());
  const migrator = createMigrator({ db, directory: migrationsDir });
  t.not((await migrator.latest()).length, 0);
  t.deepEqual(await migrator.latest(), []);
});
