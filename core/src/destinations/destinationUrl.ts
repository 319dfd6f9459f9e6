import type { BrokerAddress } from '@caravan/destination-api';

/**
 * What an endpoint that delivers into a broker shows as its `url` (and each attempt records): the
 * plugin id as the scheme and the first broker address, e.g. `aws-sqs://sqs.eu-west-1.amazonaws.com:443`;
 * `<type>://` alone when the plugin names no address.
 */
export function destinationUrl(type: string, addresses: readonly BrokerAddress[]): string {
  const first = addresses[0];
  if (!first) return `${type}://`;
  const host = first.host.includes(':') ? `[${first.host}]` : first.host;
  return `${type}://${host}${first.port === undefined ? '' : `:${first.port}`}`;
}
