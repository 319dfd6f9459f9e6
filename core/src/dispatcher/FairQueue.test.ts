import test from 'ava';
import { FairQueue, type FairTask } from './FairQueue.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test('FairQueue › never runs more tasks than its concurrency', async (t) => {
  const queue = new FairQueue(3);
  let running = 0;
  let peak = 0;
  const gates = Array.from({ length: 10 }, () => gate());
  for (const [i, g] of gates.entries()) {
    queue.push({
      key: `k${i % 2}`,
      run: async () => {
        running++;
        peak = Math.max(peak, running);
        await g.opened;
        running--;
      },
    });
  }
  t.is(queue.running, 3);
  t.is(queue.queued, 7);
  for (const g of gates) g.open();
  await queue.whenIdle();
  t.is(peak, 3);
  t.is(queue.running, 0);
});

test('FairQueue › takes keys in turn, so a long queue of one key does not delay another key', async (t) => {
  const queue = new FairQueue(1);
  const order: string[] = [];
  const task = (key: string, n: number): FairTask => ({
    key,
    run: () => {
      order.push(`${key}${n}`);
      return Promise.resolve();
    },
  });
  const blocker = gate();
  queue.push({ key: 'x', run: () => blocker.opened });
  for (let n = 1; n <= 4; n++) queue.push(task('slow', n));
  queue.push(task('fast', 1));
  queue.push(task('fast', 2));
  blocker.open();
  await queue.whenIdle();
  t.deepEqual(order, ['slow1', 'fast1', 'slow2', 'fast2', 'slow3', 'slow4']);
});

test('FairQueue › drain hands back the tasks not started and leaves running ones alone', async (t) => {
  const queue = new FairQueue(1);
  const blocker = gate();
  let finished = false;
  queue.push({
    key: 'a',
    run: async () => {
      await blocker.opened;
      finished = true;
    },
  });
  queue.push({ key: 'a', run: () => Promise.resolve() });
  queue.push({ key: 'b', run: () => Promise.resolve() });
  const dropped = queue.drain();
  t.deepEqual(
    dropped.map((d) => d.key),
    ['a', 'b'],
  );
  t.is(queue.queued, 0);
  const idle = queue.whenIdle();
  blocker.open();
  await idle;
  t.true(finished);
});

test('FairQueue › refuses a concurrency that is not a positive integer', (t) => {
  t.throws(() => new FairQueue(0), { instanceOf: RangeError });
});
