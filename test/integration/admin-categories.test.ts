import assert from 'node:assert/strict';
import {
  HOSTILE,
  HOSTILE_SHOWN,
  adminWorld,
  auditCount,
  lastAudit,
  post,
  type AdminWorld,
} from './admin-helpers.js';

const ROADS = '/staff/admin/categories/roads';

/** The edit form of `roads` as it comes, with these fields changed. */
const roadsForm = (changes: Record<string, string> = {}) => ({
  name_lv: 'Ceļi un ietves',
  name_en: 'Roads and pavements',
  name_ru: 'Дороги и тротуары',
  visibility: 'public',
  target_days: '10',
  active: '1',
  ...changes,
});

const newForm = (changes: Record<string, string> = {}) => ({
  code: 'bus-stops',
  kind: 'problem',
  name_lv: 'Autobusu pieturas',
  name_en: 'Bus stops',
  name_ru: 'Автобусные остановки',
  visibility: 'public',
  target_days: '15',
  active: '1',
  ...changes,
});

describe('admin: categories', () => {
  let world: AdminWorld;
  const category = (code: string) =>
    world.context.services.knex('categories').where({ code }).first() as Promise<
      Record<string, unknown> | undefined
    >;

  before(async () => {
    world = await adminWorld();
  });

  it('lists every category with its visibility, target days and templates', async () => {
    const page = await world.admin.agent.get('/staff/admin/categories?lang=en').expect(200);
    assert.match(page.text, /<th scope="col">Target \(working days\)<\/th>/);
    assert.match(
      page.text,
      /data-qa="category-roads">\s*<th scope="row"><a href="\/staff\/admin\/categories\/roads">Roads and pavements<\/a>/,
    );
    assert.match(page.text, /data-qa="category-elderly-help">[\s\S]*?<td>Private<\/td>/);
    assert.equal((page.text.match(/data-qa="category-/g) ?? []).length, 13);
  });

  it('saves names, target days and active state, with the audit row, and every page shows them at once', async () => {
    const form = await world.admin.agent.get(`${ROADS}?lang=en`).expect(200);
    assert.match(
      form.text,
      /<input class="input" id="field-name_en" name="name_en" type="text" value="Roads and pavements"/,
    );
    assert.doesNotMatch(form.text, /name="reason"/, 'a public category needs no reason');
    const saved = await post(
      world.admin,
      ROADS,
      roadsForm({ name_en: 'Roads, pavements and bridges', target_days: '5' }),
    )
      .expect(303)
      .expect('Location', '/staff/admin/categories?done=saved&lang=en');
    assert.ok(saved);
    assert.deepEqual(
      { ...(await category('roads')) },
      {
        code: 'roads',
        kind: 'problem',
        visibility: 'public',
        name_lv: 'Ceļi un ietves',
        name_en: 'Roads, pavements and bridges',
        name_ru: 'Дороги и тротуары',
        sort: 0,
        active: true,
        target_days: 5,
      },
    );
    const audit = await lastAudit(world, 'category.update');
    assert.equal(audit.staff_id, world.admin.member.id);
    assert.equal(audit.object_type, 'category');
    assert.equal(audit.object_id, 'roads');
    assert.deepEqual(audit.before, {
      code: 'roads',
      kind: 'problem',
      visibility: 'public',
      names: { lv: 'Ceļi un ietves', en: 'Roads and pavements', ru: 'Дороги и тротуары' },
      targetDays: 10,
      active: true,
    });
    assert.equal((audit.after as { targetDays: number }).targetDays, 5);
    assert.equal((audit.after as { names: { en: string } }).names.en, 'Roads, pavements and bridges');
    // The reference cache was loaded again: the residents' form offers the new name now.
    const residents = await world.admin.agent.get('/reports/new?lang=en').expect(200);
    assert.match(residents.text, /Roads, pavements and bridges/);
    const list = await world.admin.agent.get('/staff/admin/categories?done=saved&lang=en').expect(200);
    assert.match(list.text, /role="status" data-qa="notice">Saved\.</);
  });

  it('takes an inactive category off the residents’ form', async () => {
    await post(world.admin, '/staff/admin/categories/youth', {
      name_lv: 'Jaunatne',
      name_en: 'Youth',
      name_ru: 'Молодёжь',
      visibility: 'public',
      target_days: '10',
    }).expect(303);
    assert.equal((await category('youth'))!.active, false);
    const residents = await world.admin.agent.get('/reports/new?lang=en').expect(200);
    assert.doesNotMatch(residents.text, /value="youth"/);
  });

  it('needs a recorded reason to make a private category public', async () => {
    const form = { name_lv: 'Atkritumi', name_en: 'Waste', name_ru: 'Мусор' };
    // A problem category an admin made private (making it private needs no reason).
    await post(world.admin, '/staff/admin/categories/waste', {
      ...form,
      visibility: 'private',
      target_days: '3',
      active: '1',
    }).expect(303);
    const refused = await post(world.admin, '/staff/admin/categories/waste?lang=en', {
      ...form,
      visibility: 'public',
      target_days: '3',
      active: '1',
    }).expect(422);
    assert.match(refused.text, /<title>Error: Category: /);
    assert.match(refused.text, /role="alert"/);
    assert.match(
      refused.text,
      /data-qa="error-reason">[\s\S]*Say why this private category becomes public\./,
    );
    assert.match(
      refused.text,
      /id="field-reason"[^>]*aria-describedby="field-reason-hint field-reason-error" aria-invalid="true"/,
    );
    assert.match(refused.text, /value="Waste"/, 'the input is kept');
    assert.equal((await category('waste'))!.visibility, 'private');

    await post(world.admin, '/staff/admin/categories/waste', {
      ...form,
      visibility: 'public',
      target_days: '3',
      active: '1',
      reason: 'The council decided to publish these reports again.',
    }).expect(303);
    assert.equal((await category('waste'))!.visibility, 'public');
    const audit = await lastAudit(world, 'category.update');
    assert.equal((audit.before as { visibility: string }).visibility, 'private');
    assert.deepEqual(
      [(audit.after as { visibility: string }).visibility, (audit.after as { reason: string }).reason],
      ['public', 'The council decided to publish these reports again.'],
    );
  });

  it('offers no public help category: a request for help is always private', async () => {
    const form = {
      name_lv: 'Palīdzība senioriem',
      name_en: 'Help for older people',
      name_ru: 'Помощь пожилым',
    };
    const made = await post(world.admin, '/staff/admin/categories?lang=en', {
      ...form,
      code: 'help-public',
      kind: 'help',
      visibility: 'public',
      target_days: '3',
      active: '1',
    }).expect(422);
    assert.match(made.text, /data-qa="error-visibility">[\s\S]*?Help for a person is always private/);
    assert.equal(await category('help-public'), undefined);
    const edited = await post(world.admin, '/staff/admin/categories/elderly-help?lang=en', {
      ...form,
      visibility: 'public',
      target_days: '3',
      active: '1',
      reason: 'To publish them.',
    }).expect(422);
    assert.match(edited.text, /data-qa="error-visibility">[\s\S]*?Help for a person is always private/);
    assert.equal((await category('elderly-help'))!.visibility, 'private');
  });

  it('shows every mistake in the form again, with the input kept and escaped', async () => {
    const before = await auditCount(world);
    const res = await post(world.admin, `${ROADS}?lang=en`, {
      name_lv: '',
      name_en: HOSTILE,
      name_ru: 'я'.repeat(121),
      visibility: 'secret',
      target_days: '61',
      active: '1',
    }).expect(422);
    assert.match(res.text, /data-qa="error-summary"/);
    assert.match(res.text, /data-qa="error-name_lv">[\s\S]*?Fill this in\./);
    assert.match(res.text, /data-qa="error-name_ru">[\s\S]*?At most 120 characters\./);
    assert.match(res.text, /data-qa="error-visibility">[\s\S]*?Choose one from the list\./);
    assert.match(res.text, /data-qa="error-target_days">[\s\S]*?from 1 to 60/);
    assert.ok(res.text.includes(`value="${HOSTILE_SHOWN}"`), 'HTML comes back as text');
    assert.doesNotMatch(res.text, /<script>alert/);
    for (const days of ['0', 'abc', '1.5', '-3', '']) {
      const again = await post(world.admin, ROADS, roadsForm({ target_days: days })).expect(422);
      assert.match(again.text, /data-qa="error-target_days"/, days);
    }
    assert.equal(await auditCount(world), before, 'nothing saved, nothing logged');
  });

  it('stores HTML in a name as text and shows it escaped', async () => {
    await post(world.admin, ROADS, roadsForm({ name_en: HOSTILE })).expect(303);
    assert.equal((await category('roads'))!.name_en, '<script>alert(1)</script> & "quoted"');
    const list = await world.admin.agent.get('/staff/admin/categories?lang=en').expect(200);
    assert.ok(list.text.includes(HOSTILE_SHOWN));
    assert.doesNotMatch(list.text, /<script>alert/);
    await post(world.admin, ROADS, roadsForm()).expect(303);
  });

  it('adds a category at the end of the list, offered to residents at once', async () => {
    await world.admin.agent.get('/staff/admin/categories/new').expect(200);
    await post(world.admin, '/staff/admin/categories', newForm())
      .expect(303)
      .expect('Location', '/staff/admin/categories?done=added&lang=en');
    const added = (await category('bus-stops'))!;
    assert.equal(added.sort, 13);
    assert.equal(added.target_days, 15);
    assert.equal(added.name_ru, 'Автобусные остановки');
    const audit = await lastAudit(world, 'category.add');
    assert.equal(audit.object_id, 'bus-stops');
    assert.equal(audit.before, null);
    assert.deepEqual(audit.after, {
      code: 'bus-stops',
      kind: 'problem',
      names: { lv: 'Autobusu pieturas', en: 'Bus stops', ru: 'Автобусные остановки' },
      visibility: 'public',
      targetDays: 15,
      active: true,
    });
    const residents = await world.admin.agent.get('/reports/new?lang=en').expect(200);
    assert.match(residents.text, /value="bus-stops"[^>]*>Bus stops</);
  });

  it('refuses a code that is taken, reserved or not made of a-z, 0-9 and hyphens', async () => {
    for (const code of ['bus-stops', 'roads', 'new']) {
      const res = await post(world.admin, '/staff/admin/categories?lang=en', newForm({ code })).expect(422);
      assert.match(res.text, /data-qa="error-code">[\s\S]*?This code is taken/, code);
    }
    for (const code of ['', 'Bus stops', 'ceļi', 'a_b', 'x'.repeat(41), '<b>', '\u0000']) {
      const res = await post(world.admin, '/staff/admin/categories?lang=en', newForm({ code })).expect(422);
      assert.match(res.text, /data-qa="error-code">[\s\S]*?Use 1 to 40 lowercase letters/, code);
    }
    const kind = await post(
      world.admin,
      '/staff/admin/categories',
      newForm({ code: 'x1', kind: 'joke' }),
    ).expect(422);
    assert.match(kind.text, /data-qa="error-kind"/);
    assert.equal(await category('x1'), undefined);
  });

  it('refuses a name another category has, in any language (the same form sent twice with another code)', async () => {
    const again = await post(
      world.admin,
      '/staff/admin/categories?lang=en',
      newForm({ code: 'bus-stops-2' }),
    ).expect(422);
    assert.match(again.text, /data-qa="error-name_lv">[\s\S]*?Another category has this name/);
    assert.equal(await category('bus-stops-2'), undefined);
    const english = await post(
      world.admin,
      '/staff/admin/categories?lang=en',
      newForm({ code: 'stops', name_lv: 'Pieturas', name_en: ' bus STOPS ', name_ru: 'Остановки' }),
    ).expect(422);
    assert.match(english.text, /data-qa="error-name_en">[\s\S]*?Another category has this name/);
    assert.equal(await category('stops'), undefined);
    // Renaming roads to what bus stops are called is refused; keeping its own name is not.
    const rename = await post(
      world.admin,
      `${ROADS}?lang=en`,
      roadsForm({ name_ru: 'Автобусные остановки' }),
    ).expect(422);
    assert.match(rename.text, /data-qa="error-name_ru">[\s\S]*?Another category has this name/);
    await post(world.admin, ROADS, roadsForm()).expect(303);
  });

  it('routes a new private category in every parish to its social workers only', async () => {
    // Rules added before (a category made private earlier in this file) are not this one's.
    const before = await auditCount(world, 'routing-rule.add');
    await post(
      world.admin,
      '/staff/admin/categories',
      newForm({
        code: 'home-care',
        kind: 'help',
        visibility: 'private',
        name_lv: 'Aprūpe mājās',
        name_en: 'Home care',
        name_ru: 'Уход на дому',
      }),
    ).expect(303);
    const { knex } = world.context.services;
    const rules = (await knex('routing_rules as r')
      .join('contacts as c', 'c.id', 'r.contact_id')
      .where('r.category_code', 'home-care')
      .select('r.parish_code', 'c.role')) as { parish_code: string; role: string }[];
    assert.equal(rules.length, 29, 'one rule per parish');
    assert.ok(rules.every((rule) => rule.role === 'social_worker'));
    assert.equal((await auditCount(world, 'routing-rule.add')) - before, 29, 'each rule is in the audit log');
    const preview = await world.admin.agent
      .get('/staff/admin/routing/preview?parish=kaunatas&category=home-care&lang=en')
      .expect(200);
    assert.deepEqual(
      [...preview.text.matchAll(/data-qa="recipient" data-email="([^"]+)"/g)].map((m) => m[1]),
      ['kaunatas.socialais@example.org'],
    );
  });
});
