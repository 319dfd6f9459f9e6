import type { JsonObjectSchema } from '@caravan/source-api';

/** Config of an `aws-sqs` source (see {@link sqsConfigSchema}). */
export interface SqsConfig {
  queueUrl: string;
  region: string;
  endpoint?: string;
  waitTimeSeconds?: number;
  visibilityTimeoutSeconds?: number;
  maxBatchSize?: number;
}

/** Credentials of an `aws-sqs` source: an access key. Without credentials the default provider chain is used. */
export interface SqsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const sqsConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['queueUrl', 'region'],
  properties: {
    queueUrl: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description: 'The queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/events.',
    },
    region: {
      type: 'string',
      pattern: '^[a-z0-9-]+$',
      maxLength: 64,
      description: 'AWS region of the queue.',
    },
    endpoint: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description: 'SQS endpoint override (VPC endpoint, or an SQS-compatible server in development).',
    },
    waitTimeSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 20,
      default: 20,
      description: 'Long-poll wait of each ReceiveMessage.',
    },
    visibilityTimeoutSeconds: {
      type: 'integer',
      minimum: 2,
      maximum: 43200,
      default: 30,
      description:
        'Visibility timeout of received messages; renewed every third of it while Caravan holds a message.',
    },
    maxBatchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 10,
      default: 10,
      description: 'Messages per ReceiveMessage, and so per batch handed to Caravan (SQS allows 10).',
    },
  },
} as const satisfies JsonObjectSchema;

export const sqsCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accessKeyId', 'secretAccessKey'],
  properties: {
    accessKeyId: { type: 'string', minLength: 16, maxLength: 128 },
    secretAccessKey: { type: 'string', minLength: 1, maxLength: 256 },
    sessionToken: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const satisfies JsonObjectSchema;
