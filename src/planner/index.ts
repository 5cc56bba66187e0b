export { checkPointChunks, checkPointOf, type CheckPoint, type ChunkId, type InstanceType, type Plan } from './plan.js';
export { planByCount, SliceCursor, type ChunkSlice } from './by-count.js';
