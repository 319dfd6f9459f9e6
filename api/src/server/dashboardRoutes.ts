import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';

export interface DashboardOptions {
  /** The built single-page app (`web/dist`). */
  dir: string;
  /** Origins that may frame `/portal` (CSP `frame-ancestors`); the dashboard itself is never framed. */
  portalFrameAncestors: readonly string[];
}

// Vite names every asset after its content hash: a cached copy is never stale.
const IMMUTABLE = 'public, max-age=31536000, immutable';

function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * Serves the dashboard at `/dashboard` and the customer portal at `/portal` (the same app): hashed
 * assets cached for good, the page itself revalidated on every load, any other path under either
 * prefix answered with the page (the app routes in the URL hash). The page may call only this origin.
 */
export function dashboardRoutes({ dir, portalFrameAncestors }: DashboardOptions): Middleware {
  const dashboardCsp = contentSecurityPolicy([]);
  const portalCsp = contentSecurityPolicy(portalFrameAncestors);
  return async (ctx, next) => {
    const portal = ctx.path === '/portal' || ctx.path.startsWith('/portal/');
    const dashboard = ctx.path === '/dashboard' || ctx.path.startsWith('/dashboard/');
    if ((!portal && !dashboard) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    if (ctx.path.startsWith('/dashboard/assets/')) {
      const file = ctx.path.slice('/dashboard/'.length);
      try {
        await send(ctx, file, { root: dir, immutable: true, maxAge: 31_536_000_000, index: false });
        ctx.set('cache-control', IMMUTABLE);
        return;
      } catch {
        ctx.status = 404;
        ctx.type = 'text/plain';
        ctx.body = 'not found';
        return;
      }
    }
    if (!(await exists(join(dir, 'index.html')))) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = 'The dashboard is not built: run `npm run build` (it builds web/ into web/dist).';
      return;
    }
    await send(ctx, 'index.html', { root: dir });
    ctx.set('cache-control', 'no-cache');
    ctx.set('content-security-policy', portal ? portalCsp : dashboardCsp);
    if (!portal) ctx.set('x-frame-options', 'DENY');
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
