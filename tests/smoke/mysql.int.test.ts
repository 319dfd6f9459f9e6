import test from 'ava';
import { createScratchMysqlDatabase } from '@caravan/testing';

test('MariaDB › knex over mysql2 creates a table, writes and reads it, and reports a supported version', async (t) => {
  const scratch = await createScratchMysqlDatabase('smoke');
  t.teardown(scratch.drop);
  const { db } = scratch;
  const [rows] = (await db.raw('select version() as version')) as [{ version: string }[]];
  const version = rows[0]!.version;
  const [major, minor] = version.split('.').map(Number) as [number, number];
  t.true(version.includes('MariaDB'), version);
  t.true(major > 10 || (major === 10 && minor >= 6), `MariaDB ≥ 10.6 needed, got ${version}`);

  await db.schema.createTable('smoke', (table) => {
    table.increments('id');
    table.string('name', 50).notNullable();
  });
  await db('smoke').insert([{ name: 'a' }, { name: 'b' }]);
  const names = (await db('smoke').orderBy('id').pluck('name')) as string[];
  t.deepEqual(names, ['a', 'b']);
});

test('MariaDB › FOR UPDATE SKIP LOCKED hands different rows to two concurrent claimers', async (t) => {
  const scratch = await createScratchMysqlDatabase('skiplocked');
  t.teardown(scratch.drop);
  const { db } = scratch;
  await db.schema.createTable('jobs', (table) => {
    table.integer('id').primary();
  });
  await db('jobs').insert([{ id: 1 }, { id: 2 }]);
  const trx1 = await db.transaction();
  const first = (await trx1('jobs').orderBy('id').limit(1).forUpdate().skipLocked().pluck('id')) as number[];
  const trx2 = await db.transaction();
  const second = (await trx2('jobs').orderBy('id').limit(1).forUpdate().skipLocked().pluck('id')) as number[];
  await trx1.commit();
  await trx2.commit();
  t.deepEqual([first, second], [[1], [2]]);
});
