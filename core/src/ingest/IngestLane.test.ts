import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { IngestLane } from './IngestLane.js';

const lane = (eventsPerSecond = 100, burst?: number) => {
  const clock = new ManualClock(0);
  return {
    clock,
    lane: new IngestLane({ clock, eventsPerSecond, ...(burst === undefined ? {} : { burst }) }),
  };
};

test('IngestLane › a tenant within its rate stays on events; a flood beyond it goes to events-overflow', (t) => {
  const { lane: l, clock } = lane(100);
  const topics: string[] = [];
  for (let i = 0; i < 150; i++) topics.push(l.topicFor('tnt_a', 1));
  t.is(topics.filter((x) => x === 'events').length, 100, 'a second’s worth at once');
  t.is(topics.filter((x) => x === 'events-overflow').length, 50);
  clock.advance(100);
  t.is(l.topicFor('tnt_a', 10), 'events', 'a tenth of a second later, ten more fit');
  t.is(l.topicFor('tnt_a', 1), 'events-overflow');
});

test('IngestLane › one tenant’s flood leaves another tenant on events', (t) => {
  const { lane: l } = lane(100);
  for (let i = 0; i < 10; i++) l.topicFor('tnt_a', 100);
  t.is(l.topicFor('tnt_a', 1), 'events-overflow');
  t.is(l.topicFor('tnt_b', 1), 'events');
});

test('IngestLane › a batch larger than the burst goes whole to events from a full bucket, then the tenant waits its turn', (t) => {
  const { lane: l, clock } = lane(100, 50);
  t.is(l.topicFor('tnt_a', 500), 'events', 'a whole batch goes to one topic');
  clock.advance(1000);
  t.is(l.topicFor('tnt_a', 1), 'events-overflow', 'the batch took 500 of a 100/s rate: 4 s in debt');
  clock.advance(4000);
  t.is(l.topicFor('tnt_a', 500), 'events');
});

test('IngestLane › refuses a rate or burst that is not positive', (t) => {
  const clock = new ManualClock(0);
  t.throws(() => new IngestLane({ clock, eventsPerSecond: 0 }), { instanceOf: RangeError });
  t.throws(() => new IngestLane({ clock, eventsPerSecond: 10, burst: 0 }), { instanceOf: RangeError });
});
