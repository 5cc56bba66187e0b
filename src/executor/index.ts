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
  computeWitnesses,
  countChunks,
  execute,
  planInstances,
  replayWith,
  FALLBACK_LOG_ROWS,
  type ExecutionPlan,
  type ExecutorOptions,
  type PlannedInstance,
  type Progress,
  type WitnessOptions,
} from './executor.js';
