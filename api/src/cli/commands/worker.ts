import { CaravanError } from '@caravan/core';

/** The roles a worker process can run. */
export const workerRoles = ['router', 'dispatcher', 'scheduler', 'sources'] as const;
export type WorkerRole = (typeof workerRoles)[number];

/** Parses `--roles a,b` and refuses unknown names, naming them and the known ones. */
export function parseRoles(raw: string): WorkerRole[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(workerRoles as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    throw new CaravanError(
      'CARAVAN_USAGE',
      `--roles: unknown role(s) ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; expected a comma-separated subset of ${workerRoles.join(', ')}`,
    );
  }
  return [...new Set(names)] as WorkerRole[];
}

/** `caravan worker --roles …`: runs pipeline roles. */
export function worker(options: { roles: string; config?: string }): Promise<void> {
  const roles = parseRoles(options.roles);
  // The pipeline roles are built on the internal log; until they exist a worker refuses to start
  // rather than run and do nothing.
  throw new CaravanError(
    'CARAVAN_ROLE_UNAVAILABLE',
    `caravan worker: the role(s) ${roles.join(', ')} are not available in this version of Caravan`,
  );
}
