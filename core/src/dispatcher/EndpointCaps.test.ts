import test from 'ava';
import { EndpointCaps } from './EndpointCaps.js';
import { MemoryDispatchTargets, testEndpoint, testRecord } from './testing/memoryDispatch.js';

test("EndpointCaps › knows an endpoint's maxConcurrency once a batch of it was learnt, and none otherwise", async (t) => {
  const targets = new MemoryDispatchTargets();
  const capped = testEndpoint({ maxConcurrency: 3 });
  const free = testEndpoint();
  targets.add(capped);
  targets.add(free);
  const caps = new EndpointCaps(targets);
  t.is(caps.capOf(capped.id), Infinity, 'not learnt yet');
  await caps.learn([testRecord(capped), testRecord(capped), testRecord(free)]);
  t.is(caps.capOf(capped.id), 3);
  t.is(caps.capOf(free.id), Infinity);
  t.is(targets.lookups, 2, 'one lookup per endpoint of the batch');
});

test('EndpointCaps › a cap removed from the endpoint is forgotten at the next batch', async (t) => {
  const targets = new MemoryDispatchTargets();
  const endpoint = testEndpoint({ maxConcurrency: 2 });
  targets.add(endpoint);
  const caps = new EndpointCaps(targets);
  await caps.learn([testRecord(endpoint)]);
  targets.add({ ...endpoint, maxConcurrency: null });
  await caps.learn([testRecord(endpoint)]);
  t.is(caps.capOf(endpoint.id), Infinity);
});
