import assert from 'node:assert/strict';
import type { ReferenceRepository } from '../../../src/reference/repository.js';
import { ReferenceService } from '../../../src/reference/service.js';

function fakeRepository() {
  const calls = { count: 0 };
  let release: (() => void) | undefined;
  const repository = {
    apvienibasWithParishes: async () => {
      calls.count += 1;
      if (calls.count > 1) await new Promise<void>((resolve) => (release = resolve));
      return [];
    },
    categories: () =>
      Promise.resolve([
        {
          code: `c${calls.count}`,
          kind: 'problem',
          visibility: 'public',
          names: { lv: '', en: '', ru: '' },
          active: true,
        },
      ]),
  } as unknown as ReferenceRepository;
  return { repository, calls, release: () => release?.() };
}

describe('the reference cache', () => {
  it('answers a stale cache at once and refreshes it in the background, never making a caller wait', async () => {
    let now = 0;
    const fake = fakeRepository();
    const service = new ReferenceService(fake.repository, () => now, 1000);
    await service.warm();
    assert.equal((await service.categories())[0]!.code, 'c1');
    now = 5000;
    // The refresh is blocked; the caller still gets an answer (the old data) right away.
    assert.equal((await service.categories())[0]!.code, 'c1');
    assert.equal(fake.calls.count, 2);
    fake.release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((await service.categories())[0]!.code, 'c2');
  });

  it('hands every caller the same data frozen, so no caller can change what the others read', async () => {
    const service = new ReferenceService(fakeRepository().repository);
    await service.warm();
    const categories = await service.categories();
    assert.throws(() => (categories as unknown[]).push({}), TypeError);
    assert.throws(() => Object.assign(categories[0]!, { active: false }), TypeError);
    assert.throws(() => Object.assign(categories[0]!.names, { lv: 'cits' }), TypeError);
    assert.equal((await service.categories())[0]!.active, true);
    assert.ok(Object.isFrozen(await service.parishes()));
    assert.ok(Object.isFrozen(await service.apvienibas()));
  });
});
