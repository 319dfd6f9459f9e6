import Koa from 'koa';
import { pingDatabase, type Database, type Logger } from '@caravan/core';
import { handlers } from '../operations/handlers.js';
import { createApiMiddleware } from './createApiMiddleware.js';
import { loadContract } from './loadContract.js';
import type { Services } from './Services.js';

export interface AppDeps {
  db: Database;
  version: string;
  services: Services;
  logger: Logger;
}

/**
 * The HTTP application: ops routes outside the contract (`/healthz` liveness, `/readyz` readiness with
 * the state of each dependency, `/openapi.yaml`) in front of the public API under `/v1`.
 */
export async function createApp({ db, version, services, logger }: AppDeps): Promise<Koa> {
  const contract = loadContract();
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    switch (ctx.path) {
      case '/healthz':
        ctx.body = { status: 'ok', version };
        return;
      case '/readyz': {
        const database = await pingDatabase(db);
        ctx.status = database ? 200 : 503;
        ctx.body = {
          status: database ? 'ready' : 'unavailable',
          checks: { database: database ? 'ok' : 'unreachable' },
        };
        return;
      }
      case '/openapi.yaml':
        ctx.type = 'application/yaml';
        ctx.body = contract.text;
        return;
      default:
        await next();
    }
  });
  app.use(await createApiMiddleware({ document: contract.document, handlers, services, logger }));
  return app;
}
