import type { JsonObjectSchema } from '@caravan/destination-api';

/** Config of an `aws-sqs` destination (see {@link sqsDestinationConfigSchema}). */
export interface SqsDestinationConfig {
  queueUrl: string;
  region: string;
  endpoint?: string;
}

/** Credentials of an `aws-sqs` destination: an access key. Without credentials the default provider chain is used. */
export interface SqsDestinationCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const sqsDestinationConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['queueUrl', 'region'],
  properties: {
    queueUrl: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description:
        'The queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/webhooks. A name ending in .fifo is a FIFO queue: messages of one endpoint keep their order (one message group per endpoint).',
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
  },
} as const satisfies JsonObjectSchema;

export const sqsDestinationCredentialsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accessKeyId', 'secretAccessKey'],
  properties: {
    accessKeyId: { type: 'string', minLength: 16, maxLength: 128 },
    secretAccessKey: { type: 'string', minLength: 1, maxLength: 256 },
    sessionToken: { type: 'string', minLength: 1, maxLength: 4096 },
  },
} as const satisfies JsonObjectSchema;
