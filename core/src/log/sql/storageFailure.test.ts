import test from 'ava';
import { isStorageFailure } from './storageFailure.js';

const failure = (fields: Record<string, unknown>) => Object.assign(new Error('write failed'), fields);

test('isStorageFailure › a full or failing disk, from SQLite, MySQL or the system, also as a cause', (t) => {
  for (const error of [
    failure({ code: 'SQLITE_FULL' }),
    failure({ code: 'SQLITE_IOERR_WRITE' }),
    failure({ code: 'ENOSPC' }),
    failure({ code: 'EFBIG' }),
    failure({ code: 'ER_RECORD_FILE_FULL', errno: 1114 }),
    failure({ errno: 1021 }),
    new Error('insert failed', { cause: failure({ code: 'SQLITE_IOERR_WRITE' }) }),
  ]) {
    t.true(isStorageFailure(error), String((error as { code?: string }).code ?? error.message));
  }
});

test('isStorageFailure › any other failure is not one', (t) => {
  for (const error of [
    failure({ code: 'SQLITE_BUSY' }),
    failure({ code: 'SQLITE_CONSTRAINT_UNIQUE' }),
    failure({ code: 'ECONNREFUSED' }),
    failure({ code: 'ER_DUP_ENTRY', errno: 1062 }),
    new Error('plain'),
    'a string',
    null,
  ]) {
    t.false(isStorageFailure(error));
  }
});
