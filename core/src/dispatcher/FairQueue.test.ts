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

test('FairQueue › takes tenants in turn, so a tenant with many endpoints gets the share of a tenant with one', async (t) => {
  const queue = new FairQueue(1);
  const order: string[] = [];
  const blocker = gate();
  queue.push({ group: 'x', key: 'x', run: () => blocker.opened });
  for (let n = 1; n <= 6; n++) {
    queue.push({ group: 'big', key: `ep${n}`, run: () => Promise.resolve(void order.push(`big${n}`)) });
  }
  for (let n = 1; n <= 3; n++) {
    queue.push({ group: 'small', key: 'one', run: () => Promise.resolve(void order.push(`small${n}`)) });
  }
  blocker.open();
  await queue.whenIdle();
  t.deepEqual(order, ['big1', 'small1', 'big2', 'small2', 'big3', 'small3', 'big4', 'big5', 'big6']);
});

test('FairQueue › an endpoint at its running cap waits while other endpoints take the free slots', async (t) => {
  const queue = new FairQueue({ concurrency: 4, maxRunningOf: (key) => (key === 'slow' ? 1 : Infinity) });
  const slow = gate();
  const started: string[] = [];
  for (let n = 1; n <= 3; n++) {
    queue.push({
      group: 't',
      key: 'slow',
      run: async () => {
        started.push(`slow${n}`);
        await slow.opened;
      },
    });
  }
  for (let n = 1; n <= 3; n++) {
    queue.push({ group: 't', key: 'fast', run: () => Promise.resolve(void started.push(`fast${n}`)) });
  }
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, ['slow1', 'fast1', 'fast2', 'fast3']);
  t.is(queue.running, 1);
  t.is(queue.queued, 2);
  slow.open();
  await queue.whenIdle();
  t.deepEqual(started.slice(4), ['slow2', 'slow3']);
});

test('FairQueue › a tenant at its running cap leaves the remaining slots to other tenants', async (t) => {
  const queue = new FairQueue({ concurrency: 4, maxRunningPerGroup: 3 });
  const noisy = gate();
  let noisyRunning = 0;
  for (let n = 1; n <= 10; n++) {
    queue.push({
      group: 'noisy',
      key: `ep${n}`,
      run: async () => {
        noisyRunning++;
        await noisy.opened;
      },
    });
  }
  t.is(noisyRunning, 3);
  t.is(queue.inHand('noisy'), 10);
  let quietRan = false;
  queue.push({ group: 'quiet', key: 'q', run: () => Promise.resolve(void (quietRan = true)) });
  await new Promise((resolve) => setImmediate(resolve));
  t.true(quietRan, 'the quiet tenant ran while every noisy request was still in flight');
  noisy.open();
  await queue.whenIdle();
  t.is(noisyRunning, 10);
});

test('FairQueue › refuses a per-tenant cap that is not a positive integer', (t) => {
  t.throws(() => new FairQueue({ concurrency: 2, maxRunningPerGroup: 0 }), { instanceOf: RangeError });
});
