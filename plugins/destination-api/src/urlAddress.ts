import type { BrokerAddress } from '@caravan/plugin-common';

/**
 * The broker address of a URL-valued config field (`https://sqs.eu-west-1.amazonaws.com/…` →
 * host and port 443), for {@link DestinationPluginDefinition.brokerAddresses}; `undefined` when the
 * text is not a URL (the schema reports it).
 */
export function urlAddress(field: string, text: unknown): BrokerAddress | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const url = new URL(text);
    const defaultPort =
      url.protocol === 'http:'
        ? 80
        : url.protocol === 'amqp:'
          ? 5672
          : url.protocol === 'amqps:'
            ? 5671
            : 443;
    const port = url.port ? Number(url.port) : defaultPort;
    return { field, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  } catch {
    return undefined;
  }
}
