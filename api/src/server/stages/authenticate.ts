import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { hashApiKey, PORTAL_TOKEN_PREFIX, type Principal } from '@caravan/core';
import { HttpProblem } from '../../http/problems.js';
import type { Services } from '../Services.js';
import type { ApiStage } from './ApiStage.js';

export interface AuthenticateDeps {
  tenants: Pick<Services['tenants'], 'authenticate'>;
  /** Customer portal tokens (`cpt_…`), checked without a database read. */
  portalTokens: Pick<Services['portalTokens'], 'verify'>;
  /** Failed authentications per source address (`api.authFailuresPerMinute`). */
  authFailureLimiter: RateLimiterAbstract;
}

// Hashes of keys that authenticated in this process, so their holders pass an address that is over its
// failure limit: many clients may share one address (NAT, a proxy), and one guesser must not lock them out.
const REMEMBERED_KEYS = 10_000;

/**
 * Reads the `Authorization: Bearer <key>` header and finds its principal; anything else is a 401. A
 * source address past its limit of failed keys gets a 429 with `Retry-After` instead, and its further
 * unknown keys are refused without a lookup until the window ends.
 */
export function authenticate(deps: AuthenticateDeps): ApiStage {
  const recentlyGood = new Set<string>();
  return async (ctx, next) => {
    ctx.state.principal = await principalOf(ctx.get('authorization'), ctx.ip, deps, recentlyGood);
    await next();
  };
}

async function principalOf(
  header: string,
  address: string,
  deps: AuthenticateDeps,
  recentlyGood: Set<string>,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new HttpProblem(
      'CARAVAN_UNAUTHORIZED',
      header
        ? 'The Authorization header must be "Bearer <key>".'
        : 'Send an API key: Authorization: Bearer <key>.',
    );
  }
  const bearer = match[1]!;
  const hash = hashApiKey(bearer);
  if (!recentlyGood.has(hash)) {
    const waitMs = await blockedFor(deps.authFailureLimiter, address);
    if (waitMs !== undefined) throw tooManyFailures(waitMs);
  }
  const principal = bearer.startsWith(PORTAL_TOKEN_PREFIX)
    ? deps.portalTokens.verify(bearer)
    : await deps.tenants.authenticate(bearer);
  if (principal) {
    remember(recentlyGood, hash);
    return principal;
  }
  recentlyGood.delete(hash);
  const waitMs = await countFailure(deps.authFailureLimiter, address);
  if (waitMs !== undefined) throw tooManyFailures(waitMs);
  throw new HttpProblem('CARAVAN_UNAUTHORIZED', 'The API key is unknown, expired or revoked.');
}

// A failing limiter store (Redis down) lets requests through to the ordinary 401: throttling guesses
// must not take authentication down with it.
async function blockedFor(limiter: RateLimiterAbstract, address: string): Promise<number | undefined> {
  const res = await limiter.get(address).catch(() => null);
  return res && res.consumedPoints >= limiter.points ? res.msBeforeNext : undefined;
}

async function countFailure(limiter: RateLimiterAbstract, address: string): Promise<number | undefined> {
  try {
    await limiter.consume(address);
    return undefined;
  } catch (error) {
    return error instanceof RateLimiterRes ? error.msBeforeNext : undefined;
  }
}

function tooManyFailures(waitMs: number): HttpProblem {
  const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
  return new HttpProblem(
    'CARAVAN_RATE_LIMITED',
    `Too many failed authentications from this address; retry in ${retryAfter} s.`,
    undefined,
    { 'Retry-After': retryAfter },
  );
}

function remember(keys: Set<string>, hash: string): void {
  keys.delete(hash);
  keys.add(hash);
  if (keys.size > REMEMBERED_KEYS) keys.delete(keys.values().next().value!);
}
