import { CaravanError } from './CaravanError.js';

/** The internal log cannot make records durable right now (broker or database down, shutting down); try again later. */
export class LogUnavailableError extends CaravanError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CARAVAN_LOG_UNAVAILABLE', message, { ...options, retriable: true });
  }
}
