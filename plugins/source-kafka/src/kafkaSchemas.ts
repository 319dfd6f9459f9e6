import type { JsonObjectSchema } from '@caravan/source-api';

/** Config of a `kafka` source (see {@link kafkaConfigSchema}). */
export interface KafkaConfig {
  brokers: string[];
  topic: string;
  groupId: string;
  clientId?: string;
  ssl?: boolean;
  ca?: string;
  rejectUnauthorized?: boolean;
  startFrom?: 'earliest' | 'latest';
  sessionTimeoutMs?: number;
  maxBatchSize?: number;
}

/** Credentials of a `kafka` source: SASL and/or a TLS client certificate. */
export interface KafkaCredentials {
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  tls?: { cert: string; key: string; passphrase?: string };
}

export const kafkaConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['brokers', 'topic', 'groupId'],
  properties: {
    brokers: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}$' },
      description: 'Bootstrap brokers, host:port.',
    },
    topic: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$', description: 'The topic to consume.' },
    groupId: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'Consumer group; its committed offsets are where Caravan resumes.',
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
    startFrom: {
      type: 'string',
      enum: ['earliest', 'latest'],
      default: 'earliest',
      description:
        'Where a group without committed offsets starts: the oldest retained message, or new ones only.',
    },
    sessionTimeoutMs: {
      type: 'integer',
      minimum: 6000,
      maximum: 300000,
      default: 30000,
      description:
        'Consumer group session timeout; the consumer heartbeats every tenth of it, also while Caravan works.',
    },
    maxBatchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most messages of one partition handed to Caravan at once.',
    },
  },
} as const satisfies JsonObjectSchema;

export const kafkaCredentialsSchema = {
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
