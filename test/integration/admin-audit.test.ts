import assert from 'node:assert/strict';
import { adminWorld, post, signedIn, type AdminWorld } from './admin-helpers.js';

const LOG = '/staff/audit';

/** The ids of the rows a page of the log shows, in its order. */
const idsOn = (html: string) => [...html.matchAll(/data-qa="audit-(\d+)"/g)].map((m) => Number(m[1]));

describe('admin: the audit log', () => {
  let world: AdminWorld;
  let clerkId: number;

  before(async () => {
    world = await adminWorld();
    const clerk = await signedIn(world, 'parish_clerk', 'clerk@example.org', ['kaunatas-admin']);
    clerkId = clerk.member.id;
    const { audit, knex } = world.context.services;
    // 60 changes by the clerk, a minute apart, before anything the admin does below.
    const start = new Date('2026-12-01T08:00:00Z').getTime();
    for (let i = 0; i < 60; i += 1) {
      await audit.append(
        knex,
        {
          staffId: clerkId,
          action: 'report.update',
          objectType: 'report',
          objectId: `RZN-2026-${i + 1}`,
          before: { status: 'open' },
          after: { status: 'in_progress', reason: i === 59 ? '<b>bold</b> & "quoted"' : 'ok' },
          ip: '192.0.2.7',
        },
        new Date(start + i * 60_000),
      );
    }
    await post(world.admin, '/staff/admin/categories/roads', {
      name_lv: 'Ceļi',
      name_en: 'Roads',
      name_ru: 'Дороги',
      visibility: 'public',
      target_days: '7',
      active: '1',
    }).expect(303);
  });

  it('shows the newest 50 first, then older ones by id, in Riga time, who and what', async () => {
    const page = await world.admin.agent.get(`${LOG}?lang=en`).expect(200);
    const ids = idsOn(page.text);
    assert.equal(ids.length, 50);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first',
    );
    const update = /data-qa="audit-(\d+)">([\s\S]*?)<\/tr>/.exec(page.text)!;
    assert.match(
      update[2]!,
      /<code class="hint">category\.update<\/code>/,
      'the admin’s change is the newest',
    );
    // In words: the action, and each field that changed with its old and new value.
    assert.match(update[2]!, /data-qa="action">Changed a category<\/a>/);
    assert.match(update[2]!, /<strong>Target working days:<\/strong> <del>\d+<\/del> → <ins>7<\/ins>/);
    assert.doesNotMatch(update[2]!, /<strong>Visibility:/, 'what stayed is not listed');
    const clerks = /data-qa="audit-\d+">((?:(?!<\/tr>)[\s\S])*?RZN-2026-60[\s\S]*?)<\/tr>/.exec(page.text)!;
    assert.match(clerks[1]!, /data-qa="action">Updated a report<\/a>/);
    assert.match(clerks[1]!, /<strong>Status:<\/strong> <del>Open<\/del> → <ins>In progress<\/ins>/);
    assert.match(
      clerks[1]!,
      /<strong>Reason:<\/strong> <ins>&lt;b&gt;bold&lt;\/b&gt; &amp; &#34;quoted&#34;<\/ins>/,
    );
    const lv = await world.admin.agent.get(`${LOG}?lang=lv`).expect(200);
    assert.match(lv.text, /data-qa="action">Mainīja kategoriju<\/a>/);
    assert.match(lv.text, /<strong>Mērķa darba dienas:<\/strong>/);
    assert.match(update[2]!, /Ilze Admine/);
    assert.match(update[2]!, /data-qa="before">\{\n {2}&#34;code&#34;: &#34;roads&#34;,/);
    assert.match(update[2]!, /&#34;targetDays&#34;: 7/);
    assert.match(
      page.text,
      /<time datetime="2026-12-01T08:59:00.000Z">1 Dec 2026, 10:59:00<\/time><br><span class="hint">192.0.2.7<\/span>/,
    );
    assert.match(page.text, /&lt;b&gt;bold&lt;\/b&gt; &amp; \\&#34;quoted\\&#34;/, 'JSON shown as text');
    assert.doesNotMatch(page.text, /<b>bold<\/b>/);

    const older = /href="([^"]+)" rel="next" data-qa="older"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    assert.equal(older, `${LOG}?before=${ids[49]}`);
    const next = await world.admin.agent.get(older).expect(200);
    const rest = idsOn(next.text);
    assert.ok(rest.length > 0 && rest.every((id) => id < ids[49]!));
    assert.equal(new Set([...ids, ...rest]).size, ids.length + rest.length, 'no row twice');
  });

  it('filters by staff member, action, and object, keeping the filters on the older pages', async () => {
    const byClerk = await world.admin.agent.get(`${LOG}?staff=${clerkId}&lang=en`).expect(200);
    assert.equal(idsOn(byClerk.text).length, 50);
    assert.doesNotMatch(byClerk.text, /<code>category\.update<\/code>/);
    assert.match(byClerk.text, new RegExp(`<option value="${clerkId}" selected>`));
    const older = /href="([^"]+)" rel="next" data-qa="older"/.exec(byClerk.text)![1]!.replace(/&amp;/g, '&');
    assert.match(older, new RegExp(`^/staff/audit\\?staff=${clerkId}&before=\\d+$`));
    const page2 = await world.admin.agent.get(older).expect(200);
    const rows = [...page2.text.matchAll(/data-qa="audit-\d+">([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    assert.ok(rows.length >= 10);
    assert.ok(
      rows.every((row) => row.includes(`href="/staff/audit?staff=${clerkId}"`)),
      'only the clerk’s rows',
    );

    const byAction = await world.admin.agent.get(`${LOG}?action=category.update`).expect(200);
    assert.equal(idsOn(byAction.text).length, 1);
    const byObject = await world.admin.agent.get(`${LOG}?type=report&object=RZN-2026-7`).expect(200);
    assert.equal(idsOn(byObject.text).length, 1);
    assert.match(byObject.text, /RZN-2026-7<\/a>/);
    const nothing = await world.admin.agent.get(`${LOG}?action=nothing.like.this&lang=en`).expect(200);
    assert.match(nothing.text, /data-qa="no-entries">No entries\./);
  });

  it('shows sign-ins too', async () => {
    const page = await world.admin.agent
      .get(`${LOG}?action=sign-in.link-sent&staff=${world.admin.member.id}`)
      .expect(200);
    assert.equal(idsOn(page.text).length, 1);
  });

  it('asks again for filters that cannot be right, and never fails on them', async () => {
    const bad = await world.admin.agent
      .get(`${LOG}?staff=abc&before=1%3B%20drop&action=${'x'.repeat(61)}&lang=en`)
      .expect(422);
    assert.match(bad.text, /data-qa="error-staff">[\s\S]*?Choose one from the list\./);
    assert.match(bad.text, /data-qa="error-action">[\s\S]*?At most 60 characters\./);
    assert.equal(idsOn(bad.text).length, 0);
    await world.admin.agent.get(`${LOG}?staff=99999999999999`).expect(422);
    await world.admin.agent.get(`${LOG}?object=%00%3Cscript%3E`).expect(200);
    await world.admin.agent.get(`${LOG}?staff=1&staff=2`).expect(200);
    const unknown = await world.admin.agent.get(`${LOG}?staff=424242`).expect(200);
    assert.equal(idsOn(unknown.text).length, 0);
  });

  it('is read-only', async () => {
    const count = await world.context.services.knex('audit_log').count({ count: '*' });
    await post(world.admin, LOG, { action: 'x' }).expect(404);
    assert.deepEqual(await world.context.services.knex('audit_log').count({ count: '*' }), count);
  });
});
