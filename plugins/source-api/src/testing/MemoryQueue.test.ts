import test from 'ava';
import { MemoryQueue } from './MemoryQueue.js';

const text = (body: Uint8Array) => Buffer.from(body).toString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('MemoryQueue › hands out messages once until acked; an expired lease comes back with the same id', async (t) => {
  const queue = new MemoryQueue({ ackDeadlineMs: 100 });
  const [a, b] = queue.publish([
    { body: Buffer.from('a'), attributes: { k: 'v' } },
    { body: Buffer.from('b') },
  ]);
  const first = await queue.receive(10, { waitMs: 0 });
  t.deepEqual(
    first.map((l) => l.id),
    [a, b],
  );
  t.deepEqual(first[0]!.attributes, { k: 'v' });
  t.deepEqual(await queue.receive(10, { waitMs: 0 }), []);
  queue.ack(first[0]!.receipt);
  await sleep(150);
  const again = await queue.receive(10, { waitMs: 0 });
  t.deepEqual(
    again.map((l) => [l.id, text(l.body), l.deliveryAttempt]),
    [[b, 'b', 2]],
  );
  queue.ack(first[1]!.receipt);
  t.is(queue.depth, 1, 'a stale receipt acks nothing');
});

test('MemoryQueue › extend keeps a lease alive; nack gives the message back, after a delay if asked', async (t) => {
  const queue = new MemoryQueue({ ackDeadlineMs: 400 });
  queue.publish([{ body: Buffer.from('x') }]);
  const [lease] = await queue.receive(1);
  for (let i = 0; i < 4; i++) {
    await sleep(100);
    queue.extend(lease!.receipt);
  }
  t.deepEqual(await queue.receive(1, { waitMs: 0 }), []);
  queue.nack(lease!.receipt, 80);
  t.deepEqual(await queue.receive(1, { waitMs: 0 }), []);
  const [back] = await queue.receive(1, { waitMs: 500 });
  t.is(back?.deliveryAttempt, 2);
});

test('MemoryQueue › an aborted long poll returns nothing and takes nothing', async (t) => {
  const queue = new MemoryQueue();
  const abort = new AbortController();
  const polling = queue.receive(10, { waitMs: 5_000, signal: abort.signal });
  abort.abort();
  t.deepEqual(await polling, []);
  queue.publish([{ body: Buffer.from('later') }]);
  t.is((await queue.receive(10, { waitMs: 0 })).length, 1);
});
