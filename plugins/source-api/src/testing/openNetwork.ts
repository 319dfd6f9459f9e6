import { lookup } from 'node:dns';
import type { SourceNetwork } from '../defineSourcePlugin.js';

/**
 * A {@link SourceNetwork} that allows every address: the operating system's `dns.lookup` and no
 * refusal. For tests of a plugin against a broker on loopback; the host never lends it to a consumer.
 */
export const openNetwork: SourceNetwork = Object.freeze({
  lookup,
  allowsAddress: () => true,
});
