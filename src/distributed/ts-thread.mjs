// Job-thread entry when the package runs from its TypeScript sources (tests, tsx): Node 20 does not
// pass the tsx loader to worker threads, so register it here before loading the real entry.
const { register } = await import('tsx/esm/api');
register();
await import(new URL('./thread.ts', import.meta.url).href);
