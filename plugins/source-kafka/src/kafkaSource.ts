import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { SOURCE_API_VERSION, defineSourcePlugin } from '@caravan/source-api';
import { guardedSocketFactory } from './guardedSocketFactory.js';
import { KafkaSourceConsumer, type KafkaConsumerOptions } from './KafkaSourceConsumer.js';
import {
  kafkaConfigSchema,
  kafkaCredentialsSchema,
  type KafkaConfig,
  type KafkaCredentials,
} from './kafkaSchemas.js';

/** Kafka: a tenant's own cluster, consumed in the tenant's consumer group. */
export const kafkaSource = defineSourcePlugin<KafkaConfig, KafkaCredentials>({
  id: 'kafka',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'Apache Kafka',
  configSchema: kafkaConfigSchema,
  credentialsSchema: kafkaCredentialsSchema,
  create: ({ config, credentials, workers, logger, network }) =>
    new KafkaSourceConsumer({
      connection: { ...connectionOf(config, credentials), socketFactory: guardedSocketFactory(network) },
      topic: config.topic,
      groupId: config.groupId,
      fromBeginning: (config.startFrom ?? 'earliest') === 'earliest',
      sessionTimeoutMs: config.sessionTimeoutMs ?? 30_000,
      maxBatchSize: config.maxBatchSize ?? 100,
      workers,
      retryBackoffMs: 1000,
      logger,
    }),
  // Only the bootstrap brokers are checked: the cluster's metadata names the others.
  brokerAddresses: (config) => config.brokers.map((broker, i) => hostPort(`/brokers/${i}`, broker)),
});

function hostPort(field: string, text: string) {
  const at = text.lastIndexOf(':');
  return { field, host: text.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(at + 1)) };
}

function connectionOf(
  config: KafkaConfig,
  credentials: KafkaCredentials | null,
): KafkaConsumerOptions['connection'] {
  const connection: KafkaConsumerOptions['connection'] = {
    brokers: [...config.brokers],
    clientId: config.clientId ?? 'caravan',
  };
  const ssl = tlsOf(config, credentials);
  if (ssl) connection.ssl = ssl;
  // kafkajs types each mechanism as its own intersection, which a union of mechanisms does not match.
  if (credentials?.sasl) connection.sasl = { ...credentials.sasl } as SASLOptions;
  return connection;
}

/** TLS when asked for, or when a client certificate is given (mutual TLS implies TLS). */
function tlsOf(config: KafkaConfig, credentials: KafkaCredentials | null): ConnectionOptions | undefined {
  const clientCert = credentials?.tls;
  if (!config.ssl && !clientCert) return undefined;
  const options: ConnectionOptions = { rejectUnauthorized: config.rejectUnauthorized ?? true };
  if (config.ca) options.ca = config.ca;
  if (clientCert) {
    options.cert = clientCert.cert;
    options.key = clientCert.key;
    if (clientCert.passphrase) options.passphrase = clientCert.passphrase;
  }
  return options;
}
