import assert from 'node:assert/strict';
import request from 'supertest';
import { StatisticsRepository } from '../../src/statistics/repository.js';
import type { TestContext } from '../support/app.js';
import type { StaffBrowser } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

const DAY = 86_400_000;

describe('the staff workspace: reports taken by phone or at a visit', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let workspace: StaffWorkspace;
  const later = (ms: number) => workspace.later(ms);
  /** A report taken by phone in Kaunata: no contact unless `fields` give one. */
  const takeByPhone = (who: StaffBrowser, fields: Record<string, string>) =>
    who.agent
      .post('/staff/reports')
      .type('form')
      .send({
        _csrf: who.csrf,
        source: 'phone',
        parish: 'kaunatas',
        location: 'Kaunata',
        name: '',
        email: '',
        phone: '',
        language: 'lv',
        ...fields,
      });

  beforeEach(async () => {
    workspace = await staffWorkspace();
    ({ context, worker, clerk } = workspace);
  });

  it('takes a phone report with no contact at all: routed at once, clearly marked, nobody asked to confirm', async () => {
    const before = await context.services.knex('outbox').count({ n: '*' }).first();
    const res = await worker.agent
      .post('/staff/reports')
      .type('form')
      .send({
        _csrf: worker.csrf,
        source: 'phone',
        category: 'elderly-help',
        parish: 'kaunatas',
        title: 'Vientuļa kaimiņiene',
        description: 'Zvanīja kaimiņš: vajag malku.',
        location: 'Kaunata',
        name: '',
        email: '',
        phone: '',
        language: 'ru',
      })
      .expect(303);
    const ref = /\/staff\/reports\/(RZN-\d{4}-\d+)\?done=taken/.exec(res.headers.location!)![1]!;
    const row = await context.services.knex('reports').where({ ref }).first();
    assert.deepEqual(
      [row.status, row.source, row.reporter_email, row.is_private],
      ['open', 'phone', null, true],
    );
    const sent = await context.services.knex('outbox').where({ report_id: row.id });
    assert.deepEqual(
      sent.map((mail: { kind: string }) => mail.kind),
      ['report-new'],
      'only the social worker hears',
    );
    // …and is not told her reply goes to someone: there is no address to send it to.
    assert.match(sent[0].text_body, /gave no email address|nenorādīja e-pasta adresi|не указал адрес/);
    assert.doesNotMatch(sent[0].text_body, /tiks nosūtīta iedzīvotājam|will be sent to the resident/);
    assert.ok(
      Number((await context.services.knex('outbox').count({ n: '*' }).first())!.n) > Number(before!.n),
    );
    const page = await worker.agent.get(`/staff/reports/${ref}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="no-contact"/);
    assert.match(page.text, /Taken by phone/);
    // No "is it fixed?" goes to anyone for a report without an address.
    later(40 * DAY);
    assert.equal(
      await context.services.fixedQuestions.askDue(),
      3,
      'the three reports made by residents are asked, not this one',
    );
    assert.equal((await context.services.knex('fixed_questions').where({ report_id: row.id })).length, 0);
  });

  it('says every mistake of the intake form at once, each beside its field, with what was typed kept', async () => {
    const res = await clerk.agent
      .post('/staff/reports?lang=en')
      .type('form')
      .send({
        _csrf: clerk.csrf,
        source: 'phone',
        category: '',
        title: '',
        description: '',
        parish: '',
        location: 'Kaunata',
        email: 'nav-adrese',
        language: 'lv',
      })
      .expect(422);
    const summary = /data-qa="error-summary"[\s\S]*?<\/ul>/.exec(res.text)![0];
    // Focused on load, as every form's summary: on a phone the fields are far below.
    assert.match(res.text, /<div class="error-summary" role="alert"[^>]*autofocus data-qa="error-summary">/);
    assert.deepEqual(
      [...summary.matchAll(/href="#intake-([a-z]+)"/g)].map((match) => match[1]),
      ['category', 'title', 'description', 'parish', 'email'],
    );
    for (const field of ['category', 'title', 'description', 'parish', 'email']) {
      assert.match(res.text, new RegExp(`data-qa="error-${field}"`), field);
      assert.match(
        res.text,
        new RegExp(`id="intake-${field}"[^>]*aria-invalid="true" aria-describedby="intake-${field}-error"`),
        field,
      );
    }
    assert.match(res.text, /id="intake-location" name="location" value="Kaunata"/);
    assert.match(res.text, /value="nav-adrese"/);
  });

  it('takes a visit report with an email: the resident gets their own link, and staff have no hourly cap', async () => {
    for (let i = 0; i < 7; i += 1) {
      await clerk.agent
        .post('/staff/reports')
        .type('form')
        .send({
          _csrf: clerk.csrf,
          source: 'visit',
          category: 'roads',
          parish: 'kaunatas',
          title: `Bedre ${i}`,
          description: 'Atnāca uz pārvaldi.',
          location: 'Kaunata',
          name: 'Pēteris',
          email: 'peteris@example.lv',
          phone: '+371 20000001',
          language: 'lv',
        })
        .expect(303);
    }
    const published = await context.services
      .knex('outbox')
      .where({ kind: 'report-published', to_email: 'peteris@example.lv' });
    assert.equal(published.length, 7);
    assert.match(published[0].text_body, /\/reports\/RZN-\d{4}-\d+\?token=/);
    // Nobody confirmed anything: the email does not thank them for it.
    assert.match(published[0].text_body, /ir pieņemts un nosūtīts atbildīgajiem/);
    assert.doesNotMatch(published[0].text_body, /apstiprinājāt/);
    assert.equal(
      (
        await context.services
          .knex('outbox')
          .where({ kind: 'report-confirm', to_email: 'peteris@example.lv' })
      ).length,
      0,
    );
    // A visit report for a parish that is not the clerk's, with and without a bad address.
    const visit = (fields: Record<string, string> = {}) =>
      clerk.agent
        .post('/staff/reports?lang=en')
        .type('form')
        .send({
          _csrf: clerk.csrf,
          source: 'visit',
          category: 'roads',
          parish: 'maltas',
          title: 'X',
          description: 'Y',
          location: 'Z',
          language: 'lv',
          ...fields,
        })
        .expect(422);
    const wrongParish = await visit({ email: 'not an address' });
    assert.match(wrongParish.text, /Enter one valid email address/);
    assert.match(wrongParish.text, /value="X"/);
    const outside = await visit();
    assert.match(outside.text, /Choose one of your parishes/);
  });

  it('counts a report taken by phone as answered only when someone answers it (open data, statistics)', async () => {
    const res = await takeByPhone(clerk, {
      category: 'roads',
      title: 'Bedre pie veikala',
      description: 'Zvanīja iedzīvotājs.',
      name: 'Pēteris',
      phone: '+371 20000001',
    }).expect(303);
    const ref = /\/staff\/reports\/(RZN-\d{4}-\d+)/.exec(res.headers.location!)![1]!;
    const firstResponse = async () => {
      const json = await request(context.app).get('/open-data/reports.json').expect(200);
      const rows = (JSON.parse(json.text) as { reports: { ref: string; first_response_at: string | null }[] })
        .reports;
      const open = rows.find((row) => row.ref === ref)!.first_response_at;
      const row = (await context.services.knex('reports').where({ ref }).first()) as { routed_at: Date };
      const facts = await new StatisticsRepository(context.services.knex).publicFacts(
        new Date(row.routed_at.getTime() - 1),
        new Date(row.routed_at.getTime() + 1),
      );
      // Reports the fixture made at the same instant are read too: none of them is answered either.
      assert.ok(facts.length > 0);
      return { open, counted: facts.filter((fact) => fact.firstResponseAt !== null).length };
    };
    assert.deepEqual(await firstResponse(), { open: null, counted: 0 });
  });

  it('tells a clerk who took a request for help that it went to the social worker, not to a page they cannot open', async () => {
    const res = await takeByPhone(clerk, {
      category: 'elderly-help',
      title: 'Vientuļš kaimiņš',
      description: 'Vajag malku.',
    }).expect(303);
    const ref = /^\/staff\/reports\/new\?taken=(RZN-\d{4}-\d+)$/.exec(res.headers.location!)?.[1];
    assert.ok(ref, res.headers.location);
    const page = await clerk.agent.get(`${res.headers.location!}&lang=en`).expect(200);
    assert.match(
      page.text,
      new RegExp(`data-qa="taken-private"><p>Report ${ref} was taken and sent to the social worker`),
    );
    await clerk.agent.get(`/staff/reports/${ref}`).expect(404);
    // The social worker has it.
    await worker.agent.get(`/staff/reports/${ref}`).expect(200);
  });
});
