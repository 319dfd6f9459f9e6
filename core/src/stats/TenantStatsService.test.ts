import test from 'ava';
import { ValidationError } from '../errors/index.js';
import type { TenantStatsBucket } from '../storage/TenantStatsStore.js';
import { TenantStatsService } from './TenantStatsService.js';

const NOW = Date.UTC(2026, 11, 6, 12, 30, 15);

function service(stored: TenantStatsBucket[] = []) {
  const calls: unknown[][] = [];
  const svc = new TenantStatsService({
    clock: { now: () => NOW },
    stats: {
      range: (...args) => {
        calls.push(args);
        return Promise.resolve(stored);
      },
    },
  });
  return { svc, calls };
}

test('TenantStatsService › defaults to the last hour by minute, every bucket listed, empty ones zero', async (t) => {
  const at = Date.UTC(2026, 11, 6, 12, 0);
  const { svc, calls } = service([{ at, events: 3, attemptsSucceeded: 2, attemptsFailed: 1 }]);
  const series = await svc.series('tnt_1', {});
  t.is(series.bucketSeconds, 60);
  t.is(series.until, NOW);
  t.is(series.since, Date.UTC(2026, 11, 6, 11, 30));
  t.is(series.data.length, 61);
  t.deepEqual(series.data[30], { at, events: 3, attemptsSucceeded: 2, attemptsFailed: 1 });
  t.deepEqual(series.data[0], { at: series.since, events: 0, attemptsSucceeded: 0, attemptsFailed: 0 });
  t.deepEqual(calls, [['tnt_1', series.since, NOW, 60_000]]);
});

test('TenantStatsService › refuses an empty, too long or too finely cut range, naming the parameter', async (t) => {
  const { svc } = service();
  const empty = await t.throwsAsync(svc.series('tnt_1', { since: NOW, until: NOW - 1 }), {
    instanceOf: ValidationError,
  });
  t.deepEqual(empty.errors[0]?.path, ['since']);
  const long = await t.throwsAsync(
    svc.series('tnt_1', { since: NOW - 40 * 86_400_000, bucketSeconds: 86_400 }),
    {
      instanceOf: ValidationError,
    },
  );
  t.deepEqual(long.errors[0]?.path, ['since']);
  const fine = await t.throwsAsync(svc.series('tnt_1', { since: NOW - 2 * 86_400_000 }), {
    instanceOf: ValidationError,
  });
  t.deepEqual(fine.errors[0]?.path, ['bucketSeconds']);
  t.is(fine.root, 'page');
});
