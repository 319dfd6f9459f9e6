import { randomUUID } from 'node:crypto';
import test from 'ava';
import { MemoryTopic, memoryTopicDestination } from './memoryTopicDestination.js';
import { runDestinationConformance } from './runDestinationConformance.js';

runDestinationConformance(test, {
  plugin: memoryTopicDestination,
  setup: () => {
    const name = `conformance-${randomUUID()}`;
    MemoryTopic.create(name);
    const down = MemoryTopic.create(`${name}-down`);
    down.reachable = false;
    return Promise.resolve(name);
  },
  teardown: (name) => {
    MemoryTopic.delete(name);
    MemoryTopic.delete(`${name}-down`);
    return Promise.resolve();
  },
  config: (topic) => ({ topic }),
  unreachable: (topic) => ({ topic: `${topic}-down` }),
  ordered: true,
  receive: (topic) =>
    Promise.resolve(
      (MemoryTopic.find(topic)?.read() ?? []).map((m) => ({
        body: m.body,
        attributes: m.attributes,
        key: m.key,
      })),
    ),
});
