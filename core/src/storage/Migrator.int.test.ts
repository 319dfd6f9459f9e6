import test from 'ava';
import {
  createScratchMysqlDatabase,
  expectedTables,
  migrateUpDownUp,
  migrationsDir,
  roundTripEvent,
} from '@caravan/testing';
import { createMigrator } from './Migrator.js';

test('Migrator › on MariaDB, migrates up, down and up again', async (t) => {
  const scratch = await createScratchMysqlDatabase('migrate');
  t.teardown(scratch.drop);
  const r = await migrateUpDownUp(scratch.db, migrationsDir);
  t.true(r.firstUp.length >= 1);
  t.deepEqual(r.afterUp, expectedTables);
  t.deepEqual(r.down, [...r.firstUp].reverse(), 'rolls back the newest migration first');
  t.deepEqual(r.afterDown, []);
  t.deepEqual(r.statusDown.pending, r.firstUp);
  t.deepEqual(r.afterSecondUp, expectedTables);
});

test('Migrator › on MariaDB, payload bytes and millisecond times come back exactly', async (t) => {
  const scratch = await createScratchMysqlDatabase('roundtrip');
  t.teardown(scratch.drop);
  await createMigrator({ db: scratch.db, directory: migrationsDir }).latest();
  const r = await roundTripEvent(scratch.db);
  t.true(r.stored.equals(r.sent));
  t.is(Number(r.createdAt), r.now);
});
