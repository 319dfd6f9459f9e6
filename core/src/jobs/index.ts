export { createJobRunner, type JobRunnerDeps } from './JobRunner.js';
