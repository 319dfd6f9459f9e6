import { createJobRunner } from '../../jobs/JobRunner.js';
import { replayEventJob } from '../../jobs/replayEvent.js';
import { createScheduler } from '../../scheduler/Scheduler.js';
import type { RoleDeps, RunningRole } from '../Runtime.js';

/** The scheduler (due deliveries back onto `deliveries`) and the background jobs it runs beside. */
export function startScheduler(deps: RoleDeps): RunningRole[] {
  const { storage, clock, logger } = deps;
  const scheduler = createScheduler({
    log: deps.log,
    deliveries: storage.scheduler,
    clock,
    logger: logger.child({ role: 'scheduler' }),
  });
  scheduler.start();
  const jobs = createJobRunner({
    jobs: storage.jobs,
    deliveries: storage.deliveries,
    clock,
    logger: logger.child({ role: 'jobs' }),
    extraHandlers: {
      event_replay: replayEventJob({
        events: storage.events,
        routing: storage.routing,
        deliveries: storage.deliveries,
        jobs: storage.jobs,
        clock,
      }),
    },
  });
  jobs.start();
  return [
    { name: 'scheduler', stop: () => scheduler.stop() },
    { name: 'jobs', stop: () => jobs.stop() },
  ];
}
