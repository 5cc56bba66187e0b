/**
 * Distributed and resumable proving on BullMQ and Redis: a coordinator (proveDistributed) spreads
 * one proof's counting, stage-1 and stage-2 work over any number of worker processes
 * (startWorker), on this machine or others; `jobStatus` reads a job's state.
 */
export { proveDistributed, type DistributedOptions, type DistributedSummary, type DistributedPhase } from './coordinator.js';
export { startWorker, DEFAULT_QUEUE, DEFAULT_LOCK_MS, DEFAULT_JOB_TIMEOUT_MS, type WorkerOptions, type RunningWorker } from './worker.js';
export { jobStatus, listJobs, type JobStatus } from './status.js';
export { connectRedis, describeRedis, parseRedisUrl, RedisUnavailableError, DEFAULT_REDIS_URL, type RedisConfig } from './connection.js';
export { DIST_VERSION, JobStore } from './store.js';
export { checkJobData, MessageError, type JobData, type JobKind } from './messages.js';
export type { DistributedProgress, AirProgress, WorkerSeen } from './progress.js';
