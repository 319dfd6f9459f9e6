import { CaravanError } from '@caravan/core/setup';

/**
 * The line a failed subcommand prints. Expected failures (bad config, bad usage, a port already
 * taken) print one sentence that says what to change; anything else prints its stack.
 */
export function startFailureMessage(error: unknown): string {
  if (error instanceof CaravanError) return error.message;
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (code === 'EADDRINUSE') {
    return `caravan: cannot listen on ${address ?? 'the configured host'}:${port ?? '?'}: the port is already in use (choose another port with CARAVAN_PORT, or --port with caravan dev)`;
  }
  if (code === 'EACCES' && port !== undefined) {
    return `caravan: cannot listen on ${address ?? 'the configured host'}:${port}: permission denied (ports below 1024 need privileges; choose another port with CARAVAN_PORT, or --port with caravan dev)`;
  }
  return (error as Error).stack ?? String(error);
}
