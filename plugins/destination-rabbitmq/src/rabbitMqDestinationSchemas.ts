import type { JsonObjectSchema } from '@caravan/destination-api';

/** Config of a `rabbitmq` destination (see {@link rabbitMqDestinationConfigSchema}). */
export interface RabbitMqDestinationConfig {
  url: string;
  exchange?: string;
  routingKey: string;
  mandatory?: boolean;
  rejectUnauthorized?: boolean;
  ca?: string;
}

/** Credentials of a `rabbitmq` destination: a user of the virtual host. */
export interface RabbitMqDestinationCredentials {
  username: string;
  password: string;
}

export const rabbitMqDestinationConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'routingKey'],
  properties: {
    url: {
      type: 'string',
      pattern: '^amqps?://[^@/]+(:[0-9]{1,5})?(/[^?#]*)?$',
      maxLength: 2048,
      description:
        'The broker and virtual host, amqp://host[:port][/vhost] or amqps://… (credentials go in credentials, not here).',
    },
    exchange: {
      type: 'string',
      maxLength: 255,
      default: '',
      description:
        'Exchange to publish to; "" (the default exchange) routes to the queue named by routingKey.',
    },
    routingKey: {
      type: 'string',
      maxLength: 255,
      description: 'Routing key (the queue name on the default exchange).',
    },
    mandatory: {
      type: 'boolean',
      default: true,
      description:
        'Refuse a message no queue is bound to receive: it is retried instead of silently dropped by the exchange.',
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

export const rabbitMqDestinationCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 255 },
    password: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const satisfies JsonObjectSchema;
