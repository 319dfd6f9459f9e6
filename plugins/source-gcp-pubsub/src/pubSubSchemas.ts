import { SourceConfigError, type JsonObjectSchema } from '@caravan/source-api';

/** Config of a `gcp-pubsub` source (see {@link pubSubConfigSchema}). */
export interface PubSubConfig {
  projectId: string;
  subscription: string;
  apiEndpoint?: string;
  emulatorHost?: string;
  maxBatchSize?: number;
  maxBatchWaitMs?: number;
  maxOutstandingMessages?: number;
  maxOutstandingBytes?: number;
  minAckDeadlineSeconds?: number;
  maxExtensionMinutes?: number;
}

/** Credentials of a `gcp-pubsub` source: a service account key file, as text. */
export interface PubSubCredentials {
  serviceAccountKey: string;
}

export const pubSubConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['projectId', 'subscription'],
  properties: {
    projectId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Google Cloud project of the subscription.',
    },
    subscription: {
      type: 'string',
      pattern: '^(projects/[^/]+/subscriptions/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}$',
      description: 'Subscription name, or its full path projects/<project>/subscriptions/<name>.',
    },
    apiEndpoint: {
      type: 'string',
      pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
      description:
        'host[:port] of the Pub/Sub API (a regional or private endpoint). Default pubsub.googleapis.com.',
    },
    emulatorHost: {
      type: 'string',
      pattern: '^[A-Za-z0-9.-]+:[0-9]{1,5}$',
      description: 'host:port of a Pub/Sub emulator: plaintext, no credentials. For development and tests.',
    },
    maxBatchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most messages handed to Caravan at once.',
    },
    maxBatchWaitMs: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 20,
      description: 'How long a message may wait for others to fill its batch.',
    },
    maxOutstandingMessages: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      description: 'Flow control: most messages leased at once. Default workers × maxBatchSize.',
    },
    maxOutstandingBytes: {
      type: 'integer',
      minimum: 1024,
      maximum: 1073741824,
      description: 'Flow control: most message bytes leased at once. Default workers × 10 MiB.',
    },
    minAckDeadlineSeconds: {
      type: 'integer',
      minimum: 10,
      maximum: 600,
      description:
        'Shortest ack deadline the client asks for while it holds a message. Unset: it starts at 10 s and adapts to how long Caravan takes.',
    },
    maxExtensionMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 1440,
      default: 60,
      description:
        'Longest time one message stays leased while Caravan works on it; then Pub/Sub may redeliver it.',
    },
  },
} as const satisfies JsonObjectSchema;

export const pubSubCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['serviceAccountKey'],
  properties: {
    serviceAccountKey: {
      type: 'string',
      minLength: 2,
      maxLength: 20000,
      description:
        'The JSON key file of a service account with roles/pubsub.subscriber on the subscription. Omit credentials to use the ambient identity.',
    },
  },
} as const satisfies JsonObjectSchema;

/** The parts of a service account key the client needs. */
export interface ServiceAccount {
  client_email: string;
  private_key: string;
}

/** Reads the key file text; throws a {@link SourceConfigError} naming the field when it is not a service account key. */
export function parseServiceAccountKey(text: string): ServiceAccount {
  const field = '/credentials/serviceAccountKey';
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch (cause) {
    throw new SourceConfigError('serviceAccountKey is not JSON: paste the whole key file', { field, cause });
  }
  const { client_email: email, private_key: privateKey } = (key ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || typeof privateKey !== 'string')
    throw new SourceConfigError(
      'serviceAccountKey has no client_email and private_key: is it a service account key?',
      {
        field,
      },
    );
  return { client_email: email, private_key: privateKey };
}
