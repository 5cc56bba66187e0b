export { DataBus, PendingQueue, type BusDevice } from './data-bus.js';
export { OPERATION_BUS, ROM_BUS, MEMORY_BUS, MAIN_CONTINUATION_BUS, MEMORY_CONTINUATION_BUS, RANGE_BUS } from './ids.js';
export { OP, MEM, MEM_LOAD, MEM_STORE } from './payload.js';
