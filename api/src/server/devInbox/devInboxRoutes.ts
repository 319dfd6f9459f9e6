import type { Context, Middleware } from 'koa';
import type { InboxStore } from './InboxStore.js';

const PREFIX = '/dev/inboxes';
const ID = /^inb_[A-Za-z0-9_-]{22}$/;

/**
 * The test request inbox, outside the contract (docs/dashboard.md):
 * - `POST /dev/inboxes` creates an inbox and answers its id and URL;
 * - any request to `/dev/inboxes/{id}` is kept and answered `200` (the webhook receiver), or the status
 *   set with `PUT /dev/inboxes/{id}/status` (`{"status": 500}`), to watch retries;
 * - `GET /dev/inboxes/{id}/requests` lists what it received, newest first, and the status it answers.
 *
 * The inbox id is the capability; none of these routes reads a key, so the routes are mounted only
 * when `devInbox.enabled` is set (`caravan dev` sets it). Nothing here is logged or stored on disk.
 */
export function devInboxRoutes(store: InboxStore): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== PREFIX && !ctx.path.startsWith(`${PREFIX}/`)) {
      await next();
      return;
    }
    ctx.set('cache-control', 'no-store');
    ctx.set('x-content-type-options', 'nosniff');
    const [id, rest, ...more] = ctx.path.slice(PREFIX.length + 1).split('/');
    if (ctx.path === PREFIX) {
      if (ctx.method !== 'POST') return answer(ctx, 405, { error: 'POST creates an inbox' }, 'POST');
      const created = store.create();
      return answer(ctx, 201, { id: created, url: `${ctx.protocol}://${ctx.host}${PREFIX}/${created}` });
    }
    if (!id || !ID.test(id) || more.length > 0 || !store.has(id)) {
      return answer(ctx, 404, { error: 'no such inbox (inboxes live in memory: a restart forgets them)' });
    }
    if (rest === 'requests') {
      if (ctx.method !== 'GET') return answer(ctx, 405, { error: 'GET lists the requests' }, 'GET');
      return answer(ctx, 200, { data: store.list(id) ?? [], status: store.status(id) });
    }
    if (rest === 'status') {
      if (ctx.method !== 'PUT') return answer(ctx, 405, { error: 'PUT sets the status' }, 'PUT');
      const status = parseStatus((await readBody(ctx, 1024)).body);
      if (status === undefined) {
        return answer(ctx, 400, { error: 'status: send {"status": <an integer from 200 to 599>}' });
      }
      store.setStatus(id, status);
      return answer(ctx, 200, { status });
    }
    if (rest !== undefined) return answer(ctx, 404, { error: 'no such inbox route' });
    const { body, bytes } = await readBody(ctx, store.maxBodyBytes);
    const status = store.record(id, {
      method: ctx.method,
      url: ctx.originalUrl,
      headers: Object.fromEntries(
        Object.entries(ctx.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      ),
      body,
      bodyBytes: bytes,
    });
    return answer(ctx, status ?? 404, { received: true });
  };
}

function parseStatus(body: Buffer): number | undefined {
  try {
    const { status } = JSON.parse(body.toString('utf8')) as { status?: unknown };
    return Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599
      ? (status as number)
      : undefined;
  } catch {
    return undefined;
  }
}

function answer(ctx: Context, status: number, body: unknown, allow?: string): void {
  ctx.status = status;
  ctx.body = body;
  if (allow) ctx.set('allow', allow);
}

/** Reads the body, keeping at most `keep` bytes while counting all of them. */
async function readBody(ctx: Context, keep: number): Promise<{ body: Buffer; bytes: number }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let bytes = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (kept < keep + 1) {
      chunks.push(chunk);
      kept += chunk.length;
    }
  }
  return { body: Buffer.concat(chunks), bytes };
}
