import assert from 'node:assert/strict';
import { AUDIT_FIELDS, AUDIT_OBJECT_TYPES } from '../../src/audit/fields.js';
import { makeReport } from '../support/reports.js';
import { postForm } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

/** What the audit page lists as changed: each field's label and its before and after. */
function changesOn(html: string): { label: string; values: string[] }[] {
  return [...html.matchAll(/data-qa="changes">([\s\S]*?)<\/ul>/g)].flatMap((list) =>
    [...list[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => ({
      label: /<strong>([^<]*):<\/strong>/.exec(item[1]!)?.[1] ?? '',
      values: [...item[1]!.matchAll(/<(?:ins|del)>([^<]*)<\/(?:ins|del)>/g)].map((value) => value[1]!),
    })),
  );
}

/** A staff member's everyday work, read back in the audit log in words, never as stored keys. */
describe('admin: the audit log says what was done in words', () => {
  let workspace: StaffWorkspace;
  let banId: number;

  before(async () => {
    workspace = await staffWorkspace();
    const { clerk, worker, kaunataPublic } = workspace;
    await postForm(clerk, '/staff/reports', {
      source: 'phone',
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre pie veikala',
      description: 'Zvanīja kaimiņš: liela bedre.',
      location: 'Kaunata, Centra iela 2',
      name: 'Pēteris',
      phone: '29 000 001',
      language: 'lv',
    }).expect(303);
    await postForm(clerk, `/staff/reports/${kaunataPublic.ref}/update`, {
      status: 'in_progress',
      publicText: 'Darbi sāksies pirmdien.',
      internalNote: 'Brigāde: Jānis.',
    }).expect(303);
    await postForm(worker, `/staff/reports/${kaunataPublic.ref}/assign`, {
      staffId: String(clerk.member.id),
    }).expect(303);
    // A banned sender's report, held, then let through: the log keeps why it was held.
    const { services } = workspace.context;
    const [ban] = (await services
      .knex('banned_senders')
      .insert({ kind: 'domain', value: 'spam.example', reason: 'Reklāma', created_at: new Date() })
      .returning('id')) as { id: number }[];
    banId = ban!.id;
    const held = (await makeReport(services, { email: 'a@spam.example', title: 'Lēti logi' })).report;
    await postForm(worker, `/staff/reports/${held.ref}/release`).expect(303);
  });

  it('names every field, coded value and kind of object in the reader’s language', async () => {
    const { admin, clerk, kaunataPublic } = workspace;
    const raw = new Set<string>([...AUDIT_FIELDS, ...AUDIT_OBJECT_TYPES]);
    const codes = ['phone', 'roads', 'kaunatas', 'in_progress', 'open', String(clerk.member.id)];
    for (const lang of ['lv', 'en', 'ru']) {
      const page = await admin.agent.get(`/staff/audit?lang=${lang}`).expect(200);
      const changes = changesOn(page.text);
      assert.ok(changes.length >= 10, `${lang}: the changes are listed`);
      for (const { label, values } of changes) {
        assert.ok(!raw.has(label), `${lang}: “${label}” is a stored key, not words`);
        for (const value of values)
          assert.ok(!codes.includes(value), `${lang}: ${label}: “${value}” is a code`);
      }
      for (const object of page.text.matchAll(/data-qa="object">([^<]*)<\/a>/g))
        assert.ok(!raw.has(object[1]!.split(' ')[0]!), `${lang}: object “${object[1]}”`);
    }
    const en = changesOn((await admin.agent.get('/staff/audit?lang=en').expect(200)).text);
    const said = (label: string) =>
      en.filter((change) => change.label === label).map((change) => change.values);
    assert.deepEqual(said('Public answer written'), [['yes']]);
    assert.deepEqual(said('Internal note written'), [['yes']]);
    assert.deepEqual(said('How it was received'), [['taken by phone']]);
    assert.deepEqual(said('Email given'), [['no']]);
    assert.deepEqual(said('Phone given'), [['yes']]);
    assert.deepEqual(said('Assigned to'), [[clerk.member.name]]);
    // Why a report was held, in the reader's words: never Tilts's own note (`ban #3: domain …`).
    assert.deepEqual(said('Held because'), [
      [`the sender’s domain spam.example is banned (ban no. ${banId})`],
    ]);
    const lv = changesOn((await admin.agent.get('/staff/audit?lang=lv').expect(200)).text);
    assert.deepEqual(
      lv.filter((change) => change.label === 'Aizturēts, jo').map((change) => change.values),
      [[`sūtītāja domēns spam.example ir bloķēts (bloķējums nr. ${banId})`]],
    );
    assert.deepEqual(said('Status'), [['Open', 'In progress']]);
    assert.ok(
      said('Category').some((values) => values.includes('Roads and pavements')),
      JSON.stringify(en),
    );
    const page = await admin.agent.get('/staff/audit?lang=en').expect(200);
    assert.match(page.text, new RegExp(`data-qa="object">Report ${kaunataPublic.ref}</a>`));
  });
});
