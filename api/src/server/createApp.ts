import Koa from 'koa';
import type { Database } from '@caravan/core';
import { pingDatabase } from '@caravan/core';

export interface AppDeps {
  db: Database;
  version: string;
}

/**
 * The HTTP application: ops routes (`/healthz` liveness, `/readyz` readiness with the state of each
 * dependency) in front of the public API.
 */
export function createApp({ db, version }: AppDeps): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok', version };
      return;
    }
    if (ctx.path === '/readyz') {
      const database = await pingDatabase(db);
      ctx.status = database ? 200 : 503;
      ctx.body = {
        status: database ? 'ready' : 'unavailable',
        checks: { database: database ? 'ok' : 'unreachable' },
      };
      return;
    }
    await next();
  });
  return app;
}
