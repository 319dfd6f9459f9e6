import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Structured JSON logger on stdout; one per process, children per role. */
export function createLogger({ level, name }: { level: string; name: string }): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
