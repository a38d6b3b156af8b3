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

describe("the reference lists in each reader's alphabet", () => {
  const parish = (code: string, lv: string, ru: string) => ({
    code,
    apvienibaCode: 'kaunatas',
    type: 'pagasts',
    names: { lv, en: lv, ru },
    centre: lv,
    lat: null,
    lon: null,
  });
  const repository = {
    apvienibasWithParishes: () =>
      Promise.resolve([
        {
          code: 'kaunatas',
          names: { lv: 'Kaunatas apvienība', en: 'Kaunata administration', ru: 'Объединение Кауната' },
          // As the database's byte order returns them: Č after every plain letter.
          parishes: [parish('kaunatas', 'Kaunata', 'Кауната'), parish('cornajas', 'Čornaja', 'Чорная')],
        },
      ]),
    categories: () =>
      Promise.resolve(
        [
          ['waste', 'Atkritumi', 'Waste', 'Отходы'],
          ['roads', 'Ceļi un ietves', 'Roads and pavements', 'Дороги и тротуары'],
        ].map(([code, lv, en, ru]) => ({
          code,
          kind: 'problem',
          visibility: 'public',
          names: { lv, en, ru },
          active: true,
        })),
      ),
  } as unknown as ReferenceRepository;

  it('sorts parishes by the language asked for (Latvian by default), and keeps the categories’ own order', async () => {
    const service = new ReferenceService(repository);
    await service.warm();
    const codes = (list: readonly { code: string }[]) => list.map((item) => item.code);
    assert.deepEqual(codes(await service.parishes()), ['cornajas', 'kaunatas']);
    assert.deepEqual(codes((await service.apvienibas('en'))[0]!.parishes), ['cornajas', 'kaunatas']);
    assert.deepEqual(codes(await service.parishes('ru')), ['kaunatas', 'cornajas']);
    for (const language of ['lv', 'en', 'ru'] as const)
      assert.deepEqual(codes(await service.categories(language)), ['waste', 'roads'], language);
  });

  it('sorts once a load, handing every request the same lists', async () => {
    const service = new ReferenceService(repository);
    await service.warm();
    assert.equal(await service.parishes('en'), await service.parishes('en'));
    assert.equal(await service.categories('ru'), await service.categories('ru'));
    assert.ok(Object.isFrozen((await service.apvienibas('ru'))[0]!.parishes));
  });
});
