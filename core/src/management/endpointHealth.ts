import type { Endpoint, EndpointStatus } from '../domain/endpoint.js';
import type { EndpointHealthRecord } from '../storage/EndpointRepository.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export type AttemptErrorCode =
  'non_2xx_status' | 'timeout' | 'dns_failed' | 'connection_failed' | 'tls_failed' | 'address_not_allowed';

/** Circuit breaker state and recent delivery figures of one endpoint. */
export interface EndpointHealth {
  endpointId: string;
  status: EndpointStatus;
  breakerState: BreakerState;
  breakerOpenedAt: number | null;
  nextProbeAt: number | null;
  /** Share of successful attempts in the window, `null` without attempts. */
  recentSuccessRate: number | null;
  recentAttempts: number;
  windowSeconds: number;
  lastSuccessAt: number | null;
  lastError: { code: AttemptErrorCode; message: string; statusCode: number | null; at: number } | null;
  failingSince: number | null;
}

/** The window the recent figures of {@link EndpointHealth} cover. */
export const HEALTH_WINDOW_SECONDS = 900;

const BREAKER_STATES: readonly string[] = ['closed', 'open', 'half_open'];
const ERROR_CODES: readonly string[] = [
  'non_2xx_status',
  'timeout',
  'dns_failed',
  'connection_failed',
  'tls_failed',
  'address_not_allowed',
];

/** Health from the breaker's row (closed when it has none) and the attempts of the last window. */
export function toEndpointHealth(endpoint: Endpoint, record: EndpointHealthRecord): EndpointHealth {
  const breaker =
    record.breaker && BREAKER_STATES.includes(record.breaker.state) ? record.breaker : undefined;
  const failure = record.lastFailure;
  return {
    endpointId: endpoint.id,
    status: endpoint.status,
    breakerState: (breaker?.state ?? 'closed') as BreakerState,
    breakerOpenedAt: breaker?.openedAt ?? null,
    nextProbeAt: breaker?.nextProbeAt ?? null,
    recentSuccessRate: record.attempts > 0 ? record.successes / record.attempts : null,
    recentAttempts: record.attempts,
    windowSeconds: HEALTH_WINDOW_SECONDS,
    lastSuccessAt: record.lastSuccessAt,
    lastError: failure && {
      code: errorCodeOf(failure.errorCode, failure.statusCode),
      message: (failure.errorMessage ?? defaultMessage(failure.statusCode)).slice(0, 1024),
      statusCode: failure.statusCode,
      at: failure.at,
    },
    failingSince: endpoint.failingSince,
  };
}

function errorCodeOf(code: string | null, statusCode: number | null): AttemptErrorCode {
  if (code !== null && ERROR_CODES.includes(code)) return code as AttemptErrorCode;
  return statusCode !== null ? 'non_2xx_status' : 'connection_failed';
}

function defaultMessage(statusCode: number | null): string {
  return statusCode !== null ? `Receiver answered ${statusCode}.` : 'The request could not be sent.';
}
