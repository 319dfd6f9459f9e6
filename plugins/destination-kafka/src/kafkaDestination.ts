import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { DESTINATION_API_VERSION, defineDestinationPlugin } from '@caravan/destination-api';
import { KafkaDestinationProducer } from './KafkaDestinationProducer.js';
import {
  kafkaDestinationConfigSchema,
  kafkaDestinationCredentialsSchema,
  type KafkaDestinationConfig,
  type KafkaDestinationCredentials,
} from './kafkaDestinationSchemas.js';

/** Kafka: a tenant's own cluster; one message per delivery, keyed by endpoint. */
export const kafkaDestination = defineDestinationPlugin<KafkaDestinationConfig, KafkaDestinationCredentials>({
  id: 'kafka',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Apache Kafka',
  configSchema: kafkaDestinationConfigSchema,
  credentialsSchema: kafkaDestinationCredentialsSchema,
  maxBatchSize: 100,
  create: ({ config, credentials, logger }) =>
    new KafkaDestinationProducer({
      connection: connectionOf(config, credentials),
      topic: config.topic,
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
  config: KafkaDestinationConfig,
  credentials: KafkaDestinationCredentials | null,
): KafkaConfig {
  const connection: KafkaConfig = { brokers: [...config.brokers], clientId: config.clientId ?? 'caravan' };
  const clientCert = credentials?.tls;
  if (config.ssl || clientCert) {
    const ssl: ConnectionOptions = { rejectUnauthorized: config.rejectUnauthorized ?? true };
    if (config.ca) ssl.ca = config.ca;
    if (clientCert) {
      ssl.cert = clientCert.cert;
      ssl.key = clientCert.key;
      if (clientCert.passphrase) ssl.passphrase = clientCert.passphrase;
    }
    connection.ssl = ssl;
  }
  // kafkajs types each mechanism as its own intersection, which a union of mechanisms does not match.
  if (credentials?.sasl) connection.sasl = { ...credentials.sasl } as SASLOptions;
  return connection;
}
