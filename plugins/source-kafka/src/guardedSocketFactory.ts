import { Socket, connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import type { SourceNetwork } from '@caravan/source-api';

const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * kafkajs's socket factory with every connection put through the host's address guard: the bootstrap
 * brokers and every broker the cluster's metadata names later. A name is resolved by the guard's
 * `lookup` (a refused address fails the connection, and the socket connects to the address that was
 * checked); an IP literal, which Node connects to without a lookup, is checked here.
 */
export function guardedSocketFactory(network: SourceNetwork): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    if (isIP(host) && !network.allowsAddress(host)) {
      const socket = new Socket();
      const error = Object.assign(new Error(`connecting to ${host} is not allowed by this installation`), {
        code: 'CARAVAN_SOURCE_ADDRESS_REFUSED',
      });
      process.nextTick(() => socket.destroy(error));
      return socket;
    }
    const socket = ssl
      ? tlsConnect(
          { host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl, lookup: network.lookup },
          onConnect,
        )
      : netConnect({ host, port, lookup: network.lookup }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    return socket;
  };
}
