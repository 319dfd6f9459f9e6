import type { JsonObjectSchema } from '@caravan/destination-api';

/** Config of a `kafka` destination (see {@link kafkaDestinationConfigSchema}). */
export interface KafkaDestinationConfig {
  brokers: string[];
  topic: string;
  clientId?: string;
  ssl?: boolean;
  ca?: string;
  rejectUnauthorized?: boolean;
}

/** Credentials of a `kafka` destination: SASL and/or a TLS client certificate. */
export interface KafkaDestinationCredentials {
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  tls?: { cert: string; key: string; passphrase?: string };
}

export const kafkaDestinationConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['brokers', 'topic'],
  properties: {
    brokers: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}$' },
      description: 'Bootstrap brokers, host:port.',
    },
    topic: {
      type: 'string',
      pattern: '^[A-Za-z0-9._-]{1,249}$',
      description:
        'The topic to write to; it must exist (Caravan never creates topics in a tenant’s cluster).',
    },
    clientId: { type: 'string', minLength: 1, maxLength: 255, default: 'caravan' },
    ssl: { type: 'boolean', default: false, description: 'Connect with TLS.' },
    ca: {
      type: 'string',
      maxLength: 65536,
      description: 'PEM CA certificate(s) to trust, for a private CA.',
    },
    rejectUnauthorized: {
      type: 'boolean',
      default: true,
      description: 'Refuse a broker certificate that does not verify. Turn off only for tests.',
    },
  },
} as const satisfies JsonObjectSchema;

export const kafkaDestinationCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    sasl: {
      type: 'object',
      additionalProperties: false,
      required: ['mechanism', 'username', 'password'],
      properties: {
        mechanism: { type: 'string', enum: ['plain', 'scram-sha-256', 'scram-sha-512'] },
        username: { type: 'string', minLength: 1, maxLength: 1024 },
        password: { type: 'string', minLength: 1, maxLength: 4096 },
      },
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      required: ['cert', 'key'],
      description: 'A client certificate (mutual TLS), PEM.',
      properties: {
        cert: { type: 'string', minLength: 1, maxLength: 65536 },
        key: { type: 'string', minLength: 1, maxLength: 65536 },
        passphrase: { type: 'string', maxLength: 1024 },
      },
    },
  },
} as const satisfies JsonObjectSchema;
