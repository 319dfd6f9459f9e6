import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import OpenAPIBackendModule, { type Document } from 'openapi-backend';
import {
  createLimiterStore,
  createLogger,
  countingRoutes,
  createRouter,
  createRuntime,
  loadConfig,
  SqlInternalLog,
  type Clock,
  type Logger,
  type InternalLog,
  type Router,
  type Database,
  type FrozenConfig,
} from '@caravan/core';
import { createScratchMysqlDatabase, migrationsDir, repoRoot } from '@caravan/testing';
import { createApp } from '../../api/src/server/createApp.js';
import { createServices } from '../../api/src/server/createServices.js';
import { loadContract } from '../../api/src/server/loadContract.js';
import { startServer } from '../../api/src/server/startServer.js';

const { OpenAPIBackend } = OpenAPIBackendModule;
const addFormats = addFormatsModule.default;

export type Backend = 'sqlite' | 'mysql';

/** A response as a test sees it, already checked against the contract. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

const contract = loadContract();
const validator = new OpenAPIBackend({
  definition: contract.document as unknown as Document,
  quick: false,
  ajvOpts: { strict: false },
  customizeAjv: (ajv) => {
    addFormats(ajv);
    return ajv;
  },
});
const ready = validator.init();
const problemAjv = new Ajv({ strict: false, allErrors: true });
addFormats(problemAjv);
const components = (contract.document as { components: { schemas: Record<string, unknown> } }).components;
problemAjv.addSchema({
  $id: 'c',
  definitions: JSON.parse(
    JSON.stringify(components.schemas).replaceAll('#/components/schemas/', 'c#/definitions/'),
  ) as unknown,
});
const validateProblem = problemAjv.compile({ $ref: 'c#/definitions/Problem' });

/** Every operationId a test exercised, to prove no operation goes untested. */
export const exercisedOperations = new Set<string>();

// Each test process leaves the operations it saw succeed in .cache/coverage; scripts/test.sh checks
// after a full run that together they cover every operation of the contract.
process.on('exit', () => {
  if (exercisedOperations.size === 0) return;
  const dir = join(repoRoot, '.cache', 'coverage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `operations-${process.pid}.json`), JSON.stringify([...exercisedOperations]));
});

/**
 * A real Caravan API server in this process, on a real database (a temporary SQLite file or a scratch
 * database on the harness's MariaDB), called over real HTTP. Every response is validated against the
 * contract: success bodies against their operation's schema, problems against `Problem`.
 */
export class ApiHarness {
  private constructor(
    readonly backend: Backend,
    readonly url: string,
    readonly config: FrozenConfig,
    readonly db: Database,
    /** The internal log ingest appends to: a SQL log on the same database. */
    readonly log: InternalLog,
    /** The router running in this process, when started with `router: true`. */
    readonly router: Router | undefined,
    private readonly closeAll: () => Promise<void>,
  ) {}

  static async start(
    backend: Backend,
    options: { clock?: Clock; env?: Record<string, string>; router?: boolean; logger?: Logger } = {},
  ): Promise<ApiHarness> {
    await ready;
    let scratch: Awaited<ReturnType<typeof createScratchMysqlDatabase>> | undefined;
    const env: Record<string, string> = {
      CARAVAN_ADMIN_KEY: `cadm_test_${Math.random().toString(36).slice(2)}_admin_key`,
      CARAVAN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 9).toString('base64')}`,
      CARAVAN_LOG_LEVEL: 'silent',
      // Test receivers listen on loopback; every other private range stays refused by the SSRF guard.
      CARAVAN_SSRF_ALLOWED_CIDRS: '127.0.0.0/8',
      // Test brokers listen on loopback; tests of the host allowlist set their own.
      CARAVAN_SOURCE_ALLOWED_HOSTS: '*',
      ...options.env,
    };
    if (backend === 'mysql') {
      scratch = await createScratchMysqlDatabase('api');
    } else {
      env.CARAVAN_DATABASE_URL = `sqlite:${join(mkdtempSync(join(tmpdir(), 'caravan-api-')), 'api.sqlite')}`;
    }
    const config = loadConfig({ env });
    const logger =
      options.logger ??
      createLogger({
        level: process.env.CARAVAN_TEST_LOG_LEVEL ?? 'silent',
        name: 'caravan-test',
      });
    const runtime = createRuntime({
      config,
      logger,
      version: 'test',
      migrationsDir,
      // The scratch MariaDB database; SQLite is opened from the configuration.
      ...(scratch ? { db: scratch.db } : {}),
      // Appends in this process wake its subscriptions at once; polling only backs that up.
      log: (deps) => new SqlInternalLog({ db: deps.db, logger, pollIntervalMs: 250, retryBackoffMs: 50 }),
      limiterStore: createLimiterStore(null),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    await runtime.migrator.latest();
    const { db, log } = runtime;
    await log.init();
    // Endpoints are not cached, so a test may create one and send an event to it at once.
    const router = options.router
      ? createRouter({
          log,
          // Counting events as the worker's router does (countingRoutes), for getTenantStats.
          repository: countingRoutes(runtime.storage.routing, runtime.storage.tenantStats, logger),
          logger,
          endpointCacheTtlMs: 0,
          clock: runtime.clock,
        })
      : undefined;
    await router?.start();
    const app = await createApp({
      storage: runtime.storage,
      version: runtime.version,
      services: createServices(runtime),
      logger,
    });
    const server = await startServer(app, '127.0.0.1', 0);
    return new ApiHarness(backend, server.url, config, db, log, router, async () => {
      await server.close();
      await router?.stop({ graceMs: 0 });
      await runtime.close({ graceMs: 0 });
      await scratch?.drop();
    });
  }

  get adminKey(): string {
    return this.config.adminKey;
  }

  close(): Promise<void> {
    return this.closeAll();
  }

  /** Calls the API and checks the answer against the contract; `key: null` sends no Authorization. */
  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.adminKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    checkAgainstContract(method, path, res.status, contentType, parsed);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

function checkAgainstContract(
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
) {
  const pathOnly = path.split('?')[0]!;
  const operation = validator.router.matchOperation({ method, path: pathOnly, headers: {} });
  if (status >= 400) {
    if (!contentType.startsWith('application/problem+json')) {
      throw new Error(`${method} ${path} → ${status} is not application/problem+json (${contentType})`);
    }
    if (!validateProblem(body)) {
      throw new Error(
        `${method} ${path} → ${status}: problem does not match the contract: ${problemAjv.errorsText(validateProblem.errors)}`,
      );
    }
    if (operation) {
      const declared = Object.keys((operation as { responses: Record<string, unknown> }).responses);
      if (!declared.includes(String(status))) {
        throw new Error(
          `${method} ${path} answered ${status}, which ${operation.operationId} does not declare (${declared.join(', ')})`,
        );
      }
    }
    return;
  }
  if (!operation)
    throw new Error(`${method} ${path} answered ${status} but matches no operation of the contract`);
  exercisedOperations.add(operation.operationId!);
  if (status === 204) {
    if (body !== undefined) throw new Error(`${method} ${path} → 204 with a body`);
    return;
  }
  const result = validator.validateResponse(body, operation, status);
  if (result.errors?.length) {
    throw new Error(
      `${method} ${path} → ${status}: response does not match the contract: ${JSON.stringify(result.errors)}`,
    );
  }
}

/** Runs `fn` once per backend with a fresh API server on it. */
export function eachBackend(
  test: (title: string, fn: (t: ExecutionContext) => Promise<void>) => void,
  title: string,
  fn: (t: ExecutionContext, api: ApiHarness) => Promise<void>,
  options: { backends?: Backend[]; clock?: () => Clock; env?: Record<string, string>; router?: boolean } = {},
): void {
  for (const backend of options.backends ?? ['sqlite', 'mysql']) {
    test(`[${backend}] ${title}`, async (t) => {
      const api = await ApiHarness.start(backend, {
        ...(options.clock ? { clock: options.clock() } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(options.router ? { router: true } : {}),
      });
      t.teardown(() => api.close());
      await fn(t, api);
    });
  }
}

/** Creates a tenant and an API key for it through the admin API. */
export async function createTenantWithKey(api: ApiHarness, name = 'Acme') {
  const tenant = await api.request('POST', '/v1/tenants', { body: { name } });
  if (tenant.status !== 201)
    throw new Error(`createTenant answered ${tenant.status}: ${JSON.stringify(tenant.body)}`);
  const key = await api.request('POST', `/v1/tenants/${tenant.body.id}/api-keys`, { body: { name: 'test' } });
  if (key.status !== 201) throw new Error(`createApiKey answered ${key.status}: ${JSON.stringify(key.body)}`);
  return { tenantId: tenant.body.id as string, key: key.body.key as string, keyId: key.body.id as string };
}
