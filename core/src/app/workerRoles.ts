/** The pipeline roles a worker process can run, in the order they start. */
export const WORKER_ROLES = ['router', 'dispatcher', 'scheduler', 'sources'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];
