import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { heapGrowthChosen, limitHeapGrowth } from '../../src/heap-growth.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE = fileURLToPath(new URL('../../src/heap-growth.ts', import.meta.url));

// A server's pattern in small: a live set that stays, and batches that survive a few collections
// (as requests in flight do) before they are dropped. Prints the largest heap V8 let it reach.
const PROBE = `
import v8 from 'node:v8';
import { limitHeapGrowth } from ${JSON.stringify(MODULE)};
if (process.argv[1] === 'limit') limitHeapGrowth([]);
const live = [];
for (let i = 0; i < 100000; i++) live.push({ i, text: 'x' + i });
const kept = [];
let largest = 0;
for (let round = 0; round < 150; round++) {
  const batch = [];
  for (let i = 0; i < 10000; i++) batch.push({ round, i, text: 'y'.repeat(20) + i });
  kept.push(batch);
  if (kept.length > 8) kept.shift();
  largest = Math.max(largest, v8.getHeapStatistics().total_heap_size);
}
console.log(largest, live.length);
`;

async function largestHeap(mode: 'limit' | 'default'): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', PROBE, mode],
    { cwd: ROOT },
  );
  return Number(stdout.split(' ')[0]);
}

describe('the heap’s growth', () => {
  it('is left to node’s command line when it names one', () => {
    assert.equal(heapGrowthChosen(['--heap-growing-percent=80']), true);
    assert.equal(heapGrowthChosen(['--heap_growing_percent', '80']), true);
    assert.equal(heapGrowthChosen(['--max-old-space-size=512', '--import', 'tsx']), false);
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80']), false);
  });

  it('keeps the heap well below what V8 lets it reach by itself, for the same objects', async function () {
    this.timeout(60_000);
    const [limited, unlimited] = await Promise.all([largestHeap('limit'), largestHeap('default')]);
    assert.ok(limited > 0 && unlimited > 0, `heap sizes read: ${limited}, ${unlimited}`);
    assert.ok(
      limited < unlimited * 0.8,
      `limited ${Math.round(limited / 2 ** 20)} MB, left to V8 ${Math.round(unlimited / 2 ** 20)} MB`,
    );
  });
});
