import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { EndpointPace } from './EndpointPace.js';

test('EndpointPace › nothing in flight: nothing known, no wait', (t) => {
  const pace = new EndpointPace(new ManualClock(0));
  t.is(pace.startWaitMs('ep_1', 100), 0);
});

test('EndpointPace › an endpoint that has not answered yet is as slow as its oldest request in flight', (t) => {
  const clock = new ManualClock(0);
  const pace = new EndpointPace(clock);
  const sends = [{}, {}];
  for (const send of sends) pace.started('ep_slow', send);
  clock.advance(3000);
  t.is(pace.startWaitMs('ep_slow', 10), 15_000, '10 queued over 2 in flight, 3 s each so far');
  t.is(pace.startWaitMs('ep_other', 10), 0);
});

test('EndpointPace › answered requests set the average; refusals by a gate do not', (t) => {
  const clock = new ManualClock(0);
  const pace = new EndpointPace(clock);
  const first = {};
  pace.started('ep_1', first);
  clock.advance(100);
  pace.finished('ep_1', first, true);
  const refused = {};
  pace.started('ep_1', refused);
  clock.advance(5000);
  pace.finished('ep_1', refused, false);
  const next = {};
  pace.started('ep_1', next);
  t.is(pace.startWaitMs('ep_1', 4), 400, 'four queued behind one send of 100 ms on average');
  clock.advance(600);
  t.is(pace.startWaitMs('ep_1', 4), 2400, 'the send in flight for 600 ms says more than the average');
  pace.finished('ep_1', next, true);
  pace.started('ep_1', {});
  t.is(pace.startWaitMs('ep_1', 1), 200, 'the average moves a fifth of the way: 100 + (600 - 100) / 5');
});
