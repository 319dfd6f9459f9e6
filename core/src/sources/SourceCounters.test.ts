import test from 'ava';
import type { SourceCountsDelta } from '../storage/SourceMetricsStore.js';
import { SourceCounters } from './SourceCounters.js';

const source = { id: 'src_1', tenantId: 'tnt_1' };

test('SourceCounters › counts every answer by outcome and keeps the newest message time', async (t) => {
  const flushed: SourceCountsDelta[][] = [];
  const counters = new SourceCounters({
    add: (d) => {
      flushed.push([...d]);
      return Promise.resolve();
    },
  });
  counters.record(source, [{ kind: 'accepted' }, { kind: 'rejected', reason: 'bad' }], 2_000);
  counters.record(source, [{ kind: 'retry-later', delayMs: 1 }, { kind: 'accepted' }], 1_000);
  await counters.flush(3_000);
  t.deepEqual(flushed, [
    [
      {
        sourceId: 'src_1',
        tenantId: 'tnt_1',
        messagesReceived: 4,
        eventsAccepted: 2,
        messagesRetried: 1,
        messagesRejected: 1,
        lastMessageAt: 2_000,
      },
    ],
  ]);
  await counters.flush(4_000);
  t.is(flushed.length, 1, 'nothing new, nothing written');
});

test('SourceCounters › a refused flush keeps its counts for the next one', async (t) => {
  let refuse = true;
  const flushed: SourceCountsDelta[] = [];
  const counters = new SourceCounters({
    add: (d) => {
      if (refuse) return Promise.reject(new Error('database away'));
      flushed.push(...d);
      return Promise.resolve();
    },
  });
  counters.record(source, [{ kind: 'accepted' }], 1_000);
  await t.throwsAsync(counters.flush(2_000));
  counters.record(source, [{ kind: 'accepted' }], 3_000);
  refuse = false;
  await counters.flush(4_000);
  t.is(flushed.length, 1);
  t.like(flushed[0], { messagesReceived: 2, eventsAccepted: 2, lastMessageAt: 3_000 });
});
