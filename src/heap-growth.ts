import v8 from 'node:v8';

/**
 * How far V8's old generation may grow past what survived the last full collection before it
 * collects again: by half. Left to V8, a server answering twenty requests at once let it grow to
 * four times its ~60 MB of live objects, so RSS floated at 330–350 MB while serving pages and went
 * over 400 MB with a report's photos on top. Measured with 50 (`bench/`, `npm run bench`): 190–210
 * MB serving the same pages, and no more CPU per request (a smaller heap is walked and mapped less).
 */
const HEAP_GROWING_PERCENT = 50;

/** Whether node's command line already chose it (`node --heap-growing-percent=… dist/src/server.js`). */
export function heapGrowthChosen(execArgv: readonly string[]): boolean {
  return execArgv.some((argument) => /^--heap[-_]growing[-_]percent(=|$)/.test(argument));
}

/**
 * Sets the growth for this process unless its command line set one (node refuses this flag in
 * NODE_OPTIONS). V8 reads it each time it sizes the heap after a full collection, so setting it
 * after node has started works; but only from the next sizing on, so it is set before the app's
 * modules load (limit-heap.ts).
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (heapGrowthChosen(execArgv)) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
