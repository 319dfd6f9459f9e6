export { createScheduler, type DeliveryScheduler, type SchedulerDeps } from './Scheduler.js';
