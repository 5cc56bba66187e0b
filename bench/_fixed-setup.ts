// Time of the fixed setups of the zkVM's tables, twice per table (the second is a disk-cache hit
// when the cache is on; the first too when an earlier run filled it; ZISK_TS_CACHE=0 for neither).
//   node --import tsx bench/_fixed-setup.ts [WORKERS]
import { PROFILES } from '../src/fri/index.js';
import { WorkerPool } from '../src/parallel/index.js';
import { clearSetupCache, fixedSetup } from '../src/stark/index.js';
import { defaultSystem } from '../src/zkvm/index.js';

const pool = new WorkerPool({ workers: Number(process.argv[2] ?? 2) });
const params = PROFILES.standard.params;
for (const air of defaultSystem().airs) {
  if (air.fixedWidth === 0 || air.logRows === undefined) continue;
  for (const mode of ['first', 'again']) {
    clearSetupCache(air);
    const t = performance.now();
    const c = process.resourceUsage();
    await fixedSetup(air, air.logRows, params, pool);
    const d = process.resourceUsage();
    const cpuMs = Math.round((d.userCPUTime - c.userCPUTime + d.systemCPUTime - c.systemCPUTime) / 1000);
    console.log(JSON.stringify({ air: air.name, logRows: air.logRows, fixed: air.fixedWidth, mode, ms: Math.round(performance.now() - t), cpuMs, cache: process.env['ZISK_TS_CACHE'] !== '0' }));
  }
}
await pool.close();
