export type {
  ChunkCount,
  ChunkSummary,
  Collector,
  ComponentBuilder,
  Counter,
  Instance,
  InstanceCtx,
  PlanContext,
  ProofPublics,
  WitnessInputs,
} from './component.js';
export { TableMultiplicities } from './tables.js';
export { BusEmitter } from './emitter.js';
export {
  buildInstances,
  buildTables,
  computeWitnesses,
  countChunks,
  execute,
  minimalTraces,
  planExecution,
  planInstances,
  replayWith,
  FALLBACK_LOG_ROWS,
  type ExecutionPlan,
  type MinimalRun,
  type ExecutorOptions,
  type PlannedInstance,
  type Progress,
  type WitnessOptions,
} from './executor.js';
export {
  checkDescriptor,
  checkPlain,
  describePlan,
  restoreInstance,
  restorePlan,
  DescriptorError,
  MAX_DESCRIPTOR_LOG_ROWS,
  type PlainData,
  type PlanDescriptor,
} from './descriptor.js';
export {
  checkCountJob,
  checkWitnessJob,
  restoreBuilt,
  runCountJob,
  runWitnessJob,
  type BuiltInstance,
  type CountJob,
  type CountJobResult,
  type MatrixData,
  type WitnessJob,
  type WitnessJobResult,
} from './jobs.js';
export { loadRegistry, programHash, romOf, COUNT_TASK, WITNESS_TASK, type RegistryRef, type WorkerSource } from './tasks.js';
export {
  computeWitnessesParallel,
  countChunksParallel,
  executeParallel,
  scheduleWitnessJobs,
  witnessJob,
  type ParallelWitnessOptions,
  type PoolContext,
} from './parallel.js';
