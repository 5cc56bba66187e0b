// Bootstrap for benchmark worker threads: Node 20 does not hand the tsx loader to workers, so
// register it here, then load the TypeScript task module named in workerData.entry.
import { workerData } from 'node:worker_threads';

(await import('tsx/esm/api')).register();
await import(workerData.entry);
