import { DestinationConfigError, type JsonObjectSchema } from '@caravan/destination-api';

/** Config of a `gcp-pubsub` destination (see {@link pubSubDestinationConfigSchema}). */
export interface PubSubDestinationConfig {
  projectId: string;
  topic: string;
  apiEndpoint?: string;
  emulatorHost?: string;
  orderingKeys?: boolean;
}

/** Credentials of a `gcp-pubsub` destination: a service account key file, as text. */
export interface PubSubDestinationCredentials {
  serviceAccountKey: string;
}

export const pubSubDestinationConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['projectId', 'topic'],
  properties: {
    projectId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Google Cloud project of the topic.',
    },
    topic: {
      type: 'string',
      pattern: '^(projects/[^/]+/topics/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}$',
      description: 'Topic name, or its full path projects/<project>/topics/<name>.',
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
    orderingKeys: {
      type: 'boolean',
      default: false,
      description:
        'Publish with the endpoint id as ordering key, so a subscription with message ordering receives one endpoint’s messages in order.',
    },
  },
} as const satisfies JsonObjectSchema;

export const pubSubDestinationCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['serviceAccountKey'],
  properties: {
    serviceAccountKey: {
      type: 'string',
      minLength: 2,
      maxLength: 20000,
      description:
        'The JSON key file of a service account with roles/pubsub.publisher on the topic. Omit credentials to use the ambient identity.',
    },
  },
} as const satisfies JsonObjectSchema;

/** The parts of a service account key the client needs. */
export interface ServiceAccount {
  client_email: string;
  private_key: string;
}

/** Reads the key file text; throws a {@link DestinationConfigError} naming the field when it is not a service account key. */
export function parseServiceAccountKey(text: string): ServiceAccount {
  const field = '/credentials/serviceAccountKey';
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch (cause) {
    throw new DestinationConfigError('serviceAccountKey is not JSON: paste the whole key file', {
      field,
      cause,
    });
  }
  const { client_email: email, private_key: privateKey } = (key ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || typeof privateKey !== 'string')
    throw new DestinationConfigError(
      'serviceAccountKey has no client_email and private_key: is it a service account key?',
      {
        field,
      },
    );
  return { client_email: email, private_key: privateKey };
}
