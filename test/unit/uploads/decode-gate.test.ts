import assert from 'node:assert/strict';
import { DecodeGate, GateFullError } from '../../../src/uploads/decode-gate.js';

describe('the decode gate', () => {
  it('runs at most its limit at once, the rest in arrival order, and passes on failures', async () => {
    const gate = new DecodeGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const task = (n: number) =>
      gate.run(async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        if (n === 3) throw new Error('three failed');
        return n;
      });
    const results = [1, 2, 3, 4, 5].map((n) => task(n).catch((error: Error) => error.message));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.load, { running: 2, waiting: 3 });
    while (releases.length > 0 || order.length < 5) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await Promise.all(results), [1, 2, 'three failed', 4, 5]);
    assert.equal(most, 2);
    assert.deepEqual(order, [1, 2, 3, 4, 5]);
    assert.deepEqual(gate.load, { running: 0, waiting: 0 });
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new DecodeGate(0), RangeError);
    assert.throws(() => new DecodeGate(1, -1), RangeError);
  });

  it('refuses at once a task past its waiting room, and takes tasks again once there is room', async () => {
    const gate = new DecodeGate(1, 2);
    const releases: Array<() => void> = [];
    const task = (n: number) =>
      gate.run(async () => {
        await new Promise<void>((resolve) => releases.push(resolve));
        return n;
      });
    const results = [1, 2, 3, 4].map((n) => task(n).catch((error: Error) => error));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.load, { running: 1, waiting: 2 });
    // The fourth was neither run nor queued: refused without waiting for the others.
    const fourth = await results[3];
    assert.ok(fourth instanceof GateFullError);
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.load, { running: 1, waiting: 1 });
    const fifth = task(5);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(gate.load, { running: 1, waiting: 2 });
    while (releases.length > 0 || gate.load.running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await Promise.all([...results.slice(0, 3), fifth]), [1, 2, 3, 5]);
    assert.deepEqual(gate.load, { running: 0, waiting: 0 });
  });
});
