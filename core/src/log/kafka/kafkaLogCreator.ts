import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../observability/index.js';

// kafkajs warns about this whenever an idempotent producer has bounded retries. Caravan bounds them on
// purpose (an append must fail in bounded time so the API can answer 503) and replaces the producer
// after a failed send, so the sequence numbers the warning is about start afresh.
const EXPECTED_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/**
 * Routes kafkajs's log lines to Caravan's logger. kafkajs INFO (joins, rebalances) becomes debug, and
 * so do the error responses its `Connection` layer logs at ERROR: every routine rebalance produces a
 * few ("The group is rebalancing"), and the layer that handles them logs what matters (the runner
 * warns; a failed append rejects with `LogUnavailableError`).
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      if (message === EXPECTED_WARNING) return;
      const fields = { kafkajs: namespace, ...extra };
      if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else logger.debug(fields, message);
    };
}
