import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import { OverflowSchedule } from './OverflowSchedule.js';

test('OverflowSchedule › spaces a tenant’s parked deliveries at the pace its deliveries complete', (t) => {
  const clock = new ManualClock(0);
  const schedule = new OverflowSchedule({ clock, minDelayMs: 2_000, initialPerSecond: 250 });
  // Eleven completions 100 ms apart: the tenant is measured at 11/s, so its pace is (250 + 11) / 2.
  for (let i = 0; i < 11; i++) {
    clock.advance(100);
    schedule.completed('tnt_slow');
  }
  const first = schedule.parkUntil('tnt_slow');
  t.is(first, clock.now() + 2_000);
  const next = schedule.parkUntil('tnt_slow');
  t.is(next - first, Math.round(1_000 / 130.5));
  // A thousand more come back over about 7.7 s, not all at once.
  let last = next;
  for (let i = 0; i < 1_000; i++) last = schedule.parkUntil('tnt_slow');
  t.true(last - first > 7_000 && last - first < 8_000, `${last - first} ms`);
  t.is(schedule.parkUntil('tnt_other'), clock.now() + 2_000, 'another tenant has its own pace');
});

test('OverflowSchedule › never parks past maxDelayMs', (t) => {
  const clock = new ManualClock(0);
  const schedule = new OverflowSchedule({ clock, maxDelayMs: 10_000, initialPerSecond: 1 });
  let last = 0;
  for (let i = 0; i < 100; i++) last = schedule.parkUntil('tnt_a');
  t.is(last, 10_000);
});
