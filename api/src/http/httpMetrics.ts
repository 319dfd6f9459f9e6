import type { Middleware } from 'koa';
import { Histogram, type Registry } from 'prom-client';

/** Records every API request's duration by operation and status (`caravan_http_request_duration_seconds`). */
export function httpMetrics(registry: Registry): Middleware {
  const duration = new Histogram({
    name: 'caravan_http_request_duration_seconds',
    help: 'Duration of public API requests, by operation and status',
    labelNames: ['operation', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      const operation = (ctx.state as { operationId?: string }).operationId ?? 'unknown';
      end({ operation, method: ctx.method, status: String(ctx.status) });
    }
  };
}
