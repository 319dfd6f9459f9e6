const cidr = {
  type: 'string',
  pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:.]+/[0-9]{1,3})$',
  description: 'CIDR, e.g. 127.0.0.0/8 or ::1/128',
};

const port = { type: 'integer', minimum: 0, maximum: 65535 };

const sqliteDatabase = {
  type: 'object',
  additionalProperties: false,
  required: ['client', 'filename'],
  properties: { client: { const: 'sqlite' }, filename: { type: 'string', minLength: 1 } },
};

const mysqlDatabase = {
  type: 'object',
  additionalProperties: false,
  required: ['client', 'host', 'port', 'user', 'password', 'database', 'pool'],
  properties: {
    client: { const: 'mysql' },
    host: { type: 'string', minLength: 1 },
    port,
    user: { type: 'string', minLength: 1 },
    password: { type: 'string' },
    database: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_$]+$' },
    pool: {
      type: 'object',
      additionalProperties: false,
      required: ['min', 'max'],
      properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 1 } },
    },
  },
};

const kafkaLog = {
  type: 'object',
  additionalProperties: false,
  required: ['engine', 'brokers', 'clientId', 'topicPrefix', 'partitions', 'replicationFactor'],
  properties: {
    engine: { const: 'kafka' },
    brokers: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[^\\s:]+:[0-9]{1,5}$', description: 'host:port' },
    },
    clientId: { type: 'string', minLength: 1 },
    topicPrefix: { type: 'string', pattern: '^[A-Za-z0-9._-]*$' },
    partitions: {
      type: 'object',
      additionalProperties: false,
      required: ['events', 'deliveries'],
      properties: {
        events: { type: 'integer', minimum: 1, maximum: 1024 },
        deliveries: { type: 'integer', minimum: 1, maximum: 1024 },
        'events-overflow': { type: 'integer', minimum: 1, maximum: 1024 },
        'deliveries-overflow': { type: 'integer', minimum: 1, maximum: 1024 },
      },
    },
    replicationFactor: { type: 'integer', minimum: 1, maximum: 16 },
  },
};

/** JSON Schema (draft-07) of the whole, merged configuration. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'database',
    'log',
    'redis',
    'encryption',
    'adminKey',
    'listen',
    'ssrf',
    'api',
    'ingest',
    'portal',
    'devInbox',
    'tenantDefaults',
    'plugins',
    'sources',
    'dispatcher',
    'metrics',
    'logLevel',
  ],
  properties: {
    database: {
      type: 'object',
      required: ['client'],
      properties: { client: { enum: ['sqlite', 'mysql'] } },
      if: { properties: { client: { const: 'mysql' } } },
      then: mysqlDatabase,
      else: sqliteDatabase,
    },
    log: {
      type: 'object',
      required: ['engine'],
      properties: { engine: { enum: ['sql', 'kafka'] } },
      if: { properties: { engine: { const: 'kafka' } } },
      then: kafkaLog,
      else: {
        type: 'object',
        additionalProperties: false,
        properties: {
          engine: { const: 'sql' },
          retentionSeconds: { type: 'integer', minimum: 0, maximum: 31_536_000 },
        },
      },
    },
    redis: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: { url: { type: 'string', pattern: '^rediss?://' } },
        },
      ],
    },
    encryption: {
      type: 'object',
      additionalProperties: false,
      required: ['primaryKeyId', 'keys'],
      properties: {
        primaryKeyId: { type: 'string', minLength: 1 },
        keys: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'key'],
            properties: {
              id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
              key: {
                type: 'string',
                pattern: '^[A-Za-z0-9+/]{43}=$',
                description: '32 random bytes, base64 (openssl rand -base64 32)',
              },
            },
          },
        },
      },
    },
    adminKey: { type: 'string', minLength: 24, description: 'at least 24 characters' },
    listen: {
      type: 'object',
      additionalProperties: false,
      required: ['host', 'port'],
      properties: { host: { type: 'string', minLength: 1 }, port },
    },
    ssrf: {
      type: 'object',
      additionalProperties: false,
      required: ['allowedCidrs'],
      properties: { allowedCidrs: { type: 'array', items: cidr } },
    },
    api: {
      type: 'object',
      additionalProperties: false,
      required: ['rateLimitPerSecond', 'authFailuresPerMinute'],
      properties: {
        rateLimitPerSecond: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        authFailuresPerMinute: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      },
    },
    ingest: {
      type: 'object',
      additionalProperties: false,
      required: ['mainTopicEventsPerSecond'],
      properties: {
        mainTopicEventsPerSecond: { type: 'integer', minimum: 1, maximum: 10_000_000 },
      },
    },
    portal: {
      type: 'object',
      additionalProperties: false,
      required: ['frameAncestors'],
      properties: {
        frameAncestors: {
          type: 'array',
          uniqueItems: true,
          maxItems: 32,
          // A CSP source expression: 'self', or an http(s) origin (a leading *. for subdomains).
          items: { type: 'string', pattern: "^('self'|https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?)$" },
        },
      },
    },
    devInbox: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled'],
      properties: { enabled: { type: 'boolean' } },
    },
    plugins: {
      type: 'object',
      additionalProperties: false,
      required: ['directories'],
      properties: {
        directories: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', minLength: 1, maxLength: 4096 },
        },
      },
    },
    sources: {
      type: 'object',
      additionalProperties: false,
      required: ['allowedHosts'],
      properties: {
        plugins: {
          type: ['array', 'null'],
          uniqueItems: true,
          items: { type: 'string', minLength: 1, maxLength: 1024 },
        },
        allowedHosts: {
          type: 'array',
          uniqueItems: true,
          items: {
            type: 'string',
            maxLength: 300,
            pattern: '^(\\*|(\\*\\.)?[A-Za-z0-9.-]+(:([0-9]{1,5}|\\*))?|[0-9a-fA-F:.]+/[0-9]{1,3})$',
          },
        },
      },
    },
    destinations: {
      type: 'object',
      additionalProperties: false,
      required: ['allowedHosts'],
      properties: {
        plugins: {
          type: ['array', 'null'],
          uniqueItems: true,
          items: { type: 'string', minLength: 1, maxLength: 1024 },
        },
        allowedHosts: {
          type: 'array',
          uniqueItems: true,
          items: {
            type: 'string',
            maxLength: 300,
            pattern: '^(\\*|(\\*\\.)?[A-Za-z0-9.-]+(:([0-9]{1,5}|\\*))?|[0-9a-fA-F:.]+/[0-9]{1,3})$',
          },
        },
      },
    },
    tenantDefaults: {
      type: 'object',
      additionalProperties: false,
      required: ['ingestPerSecond', 'deliveriesPerSecond', 'maxEndpoints', 'maxPayloadBytes'],
      properties: {
        ingestPerSecond: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        deliveriesPerSecond: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        maxEndpoints: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        maxPayloadBytes: { type: 'integer', minimum: 256, maximum: 10_485_760 },
        eventShards: { type: 'integer', minimum: 1, maximum: 64 },
      },
    },
    dispatcher: {
      type: 'object',
      additionalProperties: false,
      required: ['breaker', 'memoryBudgetBytes'],
      properties: {
        // 1 MiB to 16 GiB: below a few records' worth the dispatcher would do little but spill.
        memoryBudgetBytes: { type: 'integer', minimum: 1_048_576, maximum: 17_179_869_184 },
        breaker: {
          type: 'object',
          additionalProperties: false,
          required: [
            'windowMs',
            'minRequests',
            'failureRatio',
            'consecutiveErrors',
            'openMs',
            'maxOpenMs',
            'disableAfterMs',
          ],
          properties: {
            windowMs: { type: 'integer', minimum: 1_000, maximum: 3_600_000 },
            minRequests: { type: 'integer', minimum: 1, maximum: 1_000_000 },
            failureRatio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            consecutiveErrors: { type: 'integer', minimum: 1, maximum: 10_000 },
            openMs: { type: 'integer', minimum: 1_000, maximum: 86_400_000 },
            maxOpenMs: { type: 'integer', minimum: 1_000, maximum: 86_400_000 },
            disableAfterMs: { type: 'integer', minimum: 60_000, maximum: 31_536_000_000 },
          },
        },
      },
    },
    metrics: {
      type: 'object',
      additionalProperties: false,
      required: ['token', 'requireToken', 'tenantLabels', 'workerPort'],
      properties: {
        token: {
          oneOf: [{ type: 'null' }, { type: 'string', minLength: 16, description: 'at least 16 characters' }],
        },
        requireToken: { type: 'boolean' },
        tenantLabels: { type: 'boolean' },
        workerPort: { oneOf: [{ type: 'null' }, port] },
      },
    },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  },
} as const;
