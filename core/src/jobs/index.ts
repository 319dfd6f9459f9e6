export { createJobRunner, type JobRunnerDeps } from './JobRunner.js';
export { replayEventJob, type ReplayEventDeps } from './replayEvent.js';
