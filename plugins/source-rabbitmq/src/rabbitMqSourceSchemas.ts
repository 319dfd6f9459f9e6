import type { JsonObjectSchema } from '@caravan/source-api';

/** Config of a `rabbitmq` source (see {@link rabbitMqSourceConfigSchema}). */
export interface RabbitMqSourceConfig {
  url: string;
  queue: string;
  maxBatchSize?: number;
  maxBatchWaitMs?: number;
  rejectUnauthorized?: boolean;
  ca?: string;
}

/** Credentials of a `rabbitmq` source: a user of the virtual host. */
export interface RabbitMqSourceCredentials {
  username: string;
  password: string;
}

export const rabbitMqSourceConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'queue'],
  properties: {
    url: {
      type: 'string',
      pattern: '^amqps?://[^@/]+(:[0-9]{1,5})?(/[^?#]*)?$',
      maxLength: 2048,
      description:
        'The broker and virtual host, amqp://host[:port][/vhost] or amqps://… (credentials go in credentials, not here).',
    },
    queue: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The queue to consume; it must exist.',
    },
    maxBatchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 50,
      description: 'Most messages handed to Caravan at once; the prefetch is workers × maxBatchSize.',
    },
    maxBatchWaitMs: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 20,
      description: 'How long a partial batch waits for more messages.',
    },
    rejectUnauthorized: {
      type: 'boolean',
      default: true,
      description: 'With amqps, refuse a broker certificate that does not verify. Turn off only for tests.',
    },
    ca: {
      type: 'string',
      maxLength: 65536,
      description: 'PEM CA certificate(s) to trust, for a private CA.',
    },
  },
} as const satisfies JsonObjectSchema;

export const rabbitMqSourceCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 255 },
    password: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const satisfies JsonObjectSchema;
