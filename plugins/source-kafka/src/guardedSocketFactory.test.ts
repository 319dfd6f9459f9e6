import { once } from 'node:events';
import type { Socket } from 'node:net';
import test from 'ava';
import type { SourceNetwork } from '@caravan/source-api';
import { guardedSocketFactory } from './guardedSocketFactory.js';

/** A guard that refuses everything and records what it was asked. */
function refusingNetwork() {
  const asked: string[] = [];
  const network: SourceNetwork = {
    lookup: (hostname, _options, callback) => {
      asked.push(hostname);
      callback(Object.assign(new Error('refused'), { code: 'CARAVAN_SOURCE_ADDRESS_REFUSED' }), []);
    },
    allowsAddress: (address) => {
      asked.push(address);
      return false;
    },
  };
  return { network, asked };
}

async function errorOf(socket: Socket): Promise<NodeJS.ErrnoException> {
  const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
  return error;
}

test('guardedSocketFactory › an IP literal the guard refuses is never connected to', async (t) => {
  const { network, asked } = refusingNetwork();
  let connected = false;
  const socket = guardedSocketFactory(network)({
    host: '169.254.169.254',
    port: 80,
    ssl: undefined as never,
    onConnect: () => (connected = true),
  });
  t.is((await errorOf(socket)).code, 'CARAVAN_SOURCE_ADDRESS_REFUSED');
  t.deepEqual(asked, ['169.254.169.254']);
  t.false(connected);
});

test('guardedSocketFactory › names resolve through the guard, with and without TLS (brokers the metadata names too)', async (t) => {
  for (const ssl of [undefined, { rejectUnauthorized: true }]) {
    const { network, asked } = refusingNetwork();
    const socket = guardedSocketFactory(network)({
      host: 'broker-2.internal.example',
      port: 9092,
      ssl: ssl as never,
      onConnect: () => t.fail('connected'),
    });
    t.is((await errorOf(socket)).code, 'CARAVAN_SOURCE_ADDRESS_REFUSED');
    t.deepEqual(asked, ['broker-2.internal.example']);
  }
});
