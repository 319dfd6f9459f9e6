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

test('FairQueue › a tenant alone takes every slot; once another tenant waits, freed slots go to it until the first is back under its cap', async (t) => {
  const queue = new FairQueue({ concurrency: 4, maxRunningPerGroup: 2 });
  const running = { noisy: 0, quiet: 0 };
  const gates: Record<string, ReturnType<typeof gate>> = {};
  const task = (group: 'noisy' | 'quiet', name: string): FairTask => {
    gates[name] = gate();
    return {
      group,
      key: name,
      run: async () => {
        running[group]++;
        await gates[name]!.opened;
        running[group]--;
      },
    };
  };
  for (let n = 1; n <= 10; n++) queue.push(task('noisy', `n${n}`));
  t.is(running.noisy, 4, 'alone, the noisy tenant has every slot');
  queue.push(task('quiet', 'q1'));
  queue.push(task('quiet', 'q2'));
  t.is(running.quiet, 0, 'no slot is free yet');
  gates.n1!.open();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(running, { noisy: 3, quiet: 1 });
  gates.n2!.open();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(running, { noisy: 2, quiet: 2 }, 'the freed slot went to the waiting tenant');
  gates.q1!.open();
  gates.q2!.open();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(running, { noisy: 4, quiet: 0 }, 'alone again, the noisy tenant takes every slot');
  for (const g of Object.values(gates)) g.open();
  await queue.whenIdle();
});

test('FairQueue › takeBack removes the last accepted queued task of a group, from its longest key queue', async (t) => {
  const queue = new FairQueue<FairTask & { name: string }>({ concurrency: 1 });
  const blocker = gate();
  const ran: string[] = [];
  const push = (group: string, key: string, name: string) =>
    queue.push({
      group,
      key,
      name,
      run: async () => {
        ran.push(name);
        if (name === 'first') await blocker.opened;
      },
    });
  push('a', 'k1', 'first');
  push('a', 'k1', 'a1');
  push('a', 'k2', 'a2');
  push('a', 'k2', 'a3');
  push('a', 'k2', 'a4');
  push('b', 'k3', 'b1');
  t.is(queue.takeBack('a', (task) => task.name !== 'a4')?.name, 'a3');
  t.is(queue.takeBack('a', () => true)?.name, 'a4');
  t.is(
    queue.takeBack('c', () => true),
    undefined,
  );
  t.is(queue.inHand('a'), 3);
  blocker.open();
  await queue.whenIdle();
  t.deepEqual(ran.sort(), ['a1', 'a2', 'b1', 'first']);
});

test('FairQueue › refuses a per-tenant cap that is not a positive integer', (t) => {
  t.throws(() => new FairQueue({ concurrency: 2, maxRunningPerGroup: 0 }), { instanceOf: RangeError });
});

test('FairQueue › a held key starts nothing until its hold ends, and the other keys go past it', async (t) => {
  const queue = new FairQueue(4);
  const order: string[] = [];
  const task = (key: string, n: number): FairTask => ({
    key,
    run: () => {
      order.push(`${key}${n}`);
      return Promise.resolve();
    },
  });
  queue.hold('key', 'a', 40);
  queue.push(task('a', 1));
  queue.push(task('b', 1));
  queue.pushFront(task('a', 0));
  await new Promise((resolve) => setTimeout(resolve, 10));
  t.deepEqual(order, ['b1'], 'the held key waits');
  await queue.whenIdle();
  t.deepEqual(order, ['b1', 'a0', 'a1'], 'then runs in its order, the task put back first');
});

test('FairQueue › a held group starts nothing, even alone', async (t) => {
  const queue = new FairQueue(4);
  const ran: string[] = [];
  queue.hold('group', 'tenant', 30);
  queue.push({ group: 'tenant', key: 'e1', run: () => Promise.resolve(void ran.push('e1')) });
  queue.push({ group: 'tenant', key: 'e2', run: () => Promise.resolve(void ran.push('e2')) });
  await new Promise((resolve) => setTimeout(resolve, 10));
  t.deepEqual(ran, []);
  t.true(queue.heldBack, 'queued work that cannot use the free slots');
  await queue.whenIdle();
  t.deepEqual(ran, ['e1', 'e2']);
});
