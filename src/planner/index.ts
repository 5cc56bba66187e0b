export { checkPointChunks, checkPointOf, type CheckPoint, type ChunkId, type InstanceType, type Plan } from './plan.js';
export { fitLogRows, planByCount, SliceCursor, takenBy, type ChunkSlice } from './by-count.js';
