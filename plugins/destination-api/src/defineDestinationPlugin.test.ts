import test from 'ava';
import {
  DESTINATION_API_VERSION,
  defineDestinationPlugin,
  destinationPluginProblem,
  type DestinationPluginDefinition,
} from './defineDestinationPlugin.js';
import { outcomeOfError, type DestinationProducer } from './DestinationProducer.js';
import {
  DestinationConfigError,
  DestinationMessageRejectedError,
  DestinationUnavailableError,
  InvalidDestinationPluginError,
} from './errors.js';

const producer: DestinationProducer = { send: () => Promise.resolve([]), close: () => Promise.resolve() };
const valid: DestinationPluginDefinition<{ topic: string }, null> = {
  id: 'acme-bus',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Acme Bus',
  configSchema: { type: 'object', additionalProperties: false, properties: { topic: { type: 'string' } } },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  create: () => producer,
};

test('defineDestinationPlugin › returns the definition deeply frozen, maxBatchSize filled in', (t) => {
  const plugin = defineDestinationPlugin(valid);
  t.true(Object.isFrozen(plugin));
  t.true(Object.isFrozen((plugin.configSchema.properties as Record<string, object>).topic));
  t.is(plugin.maxBatchSize, 1);
  t.is(
    plugin.create({ config: { topic: 't' }, credentials: null, endpointId: 'ep_1', logger: console }),
    producer,
  );
});

test('defineDestinationPlugin › refuses a definition that breaks the contract, naming what', (t) => {
  const cases: [Partial<DestinationPluginDefinition<unknown, unknown>>, RegExp][] = [
    [{ id: 'Acme_Bus' }, /id must be/],
    [{ id: 'http' }, /built-in HTTP/],
    [{ apiVersion: 2 as 1 }, /apiVersion 2 is not supported/],
    [{ displayName: '' }, /displayName/],
    [{ configSchema: { type: 'string' } as never }, /configSchema/],
    [{ maxBatchSize: 0 }, /maxBatchSize/],
    [{ maxBatchSize: 501 }, /maxBatchSize/],
  ];
  for (const [change, message] of cases) {
    const error = t.throws(() => defineDestinationPlugin({ ...valid, ...change }), {
      instanceOf: InvalidDestinationPluginError,
    });
    t.regex(error.message, message);
    t.is(error.code, 'CARAVAN_DESTINATION_PLUGIN_INVALID');
  }
  t.is(destinationPluginProblem(null), 'is not an object');
});

test('outcomeOfError › a retriable or unknown error is retry, a rejected message is failed', (t) => {
  t.deepEqual(outcomeOfError(new DestinationUnavailableError('down')), {
    kind: 'retry',
    reason: 'CARAVAN_DESTINATION_UNAVAILABLE: down',
  });
  t.is(outcomeOfError(new DestinationConfigError('no such queue')).kind, 'retry');
  t.is(outcomeOfError(new Error('ECONNRESET')).kind, 'retry');
  t.deepEqual(outcomeOfError(new DestinationMessageRejectedError('too large')), {
    kind: 'failed',
    reason: 'CARAVAN_DESTINATION_MESSAGE_REJECTED: too large',
  });
});
