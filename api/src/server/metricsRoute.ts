import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Registry } from 'prom-client';
import type { Runtime } from '@caravan/core';

/** Who may read `/metrics`: the `metrics` configuration's `token` and `requireToken`. */
export interface MetricsAccess {
  token: string | null;
  requireToken: boolean;
}

/**
 * Serves the registry in Prometheus' text format. With a token configured, only a request carrying
 * `Authorization: Bearer <token>` is answered (others get 401); with none while one is required (the
 * default outside `caravan dev`), the route is off and answers 404 naming the setting; with none and none
 * required, it is open.
 */
export function metricsRoute(registry: Registry, access: MetricsAccess): Middleware {
  const expected = access.token === null ? null : digest(access.token);
  return async (ctx) => {
    if (expected === null && access.requireToken) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body =
        'metrics are off: set metrics.token (CARAVAN_METRICS_TOKEN), or metrics.requireToken=false to serve them without one\n';
      return;
    }
    if (expected !== null) {
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'))?.[1];
      // Digests of equal length, so the comparison takes the same time whatever was presented.
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Bearer realm="metrics"');
        ctx.type = 'text/plain';
        ctx.body = 'a bearer token (metrics.token) is required\n';
        return;
      }
    }
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Says once, at start, that `/metrics` is off because the token it requires is not set. */
export function warnWhenMetricsOff({ config, logger }: Pick<Runtime, 'config' | 'logger'>): void {
  if (config.metrics.token === null && config.metrics.requireToken)
    logger.warn(
      'metrics are off: /metrics requires metrics.token (CARAVAN_METRICS_TOKEN); set it, or metrics.requireToken=false',
    );
}
