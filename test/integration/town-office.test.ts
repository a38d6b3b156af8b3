import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeReport } from '../support/reports.js';
import { adminWorld, type AdminWorld } from './admin-helpers.js';
import { linkFrom } from './report-form-helpers.js';

/**
 * Viļāni is a town, not a parish: wherever its office is named by its role, it is the town's
 * administration, while Viļānu pagasts (a parish of the same name) keeps a parish's.
 */
describe('the office of Viļāni town, named by its role', () => {
  let world: AdminWorld;
  before(async () => {
    world = await adminWorld();
  });

  /** A report in Viļāni town, confirmed by its emailed link, as the reporter sees the answer page. */
  async function confirmedInTown(lang: string): Promise<{ report: Report; page: string }> {
    const { services } = world.context;
    const { report } = await makeReport(services, {
      parish: 'vilani',
      email: `viljani.${lang}@example.lv`,
      language: lang as 'lv' | 'en' | 'ru',
      confirmed: false,
    });
    const link = await linkFrom(services.knex, 'report-confirm', 'reports');
    const page = await request(world.context.app).post(`${link}?lang=${lang}`).expect(200);
    return { report: (await services.reportRepository.byId(report.id))!, page: page.text };
  }

  /** The town office's public answer, as the reply pipeline records it. */
  async function townAnswers(report: Report, text: string) {
    const { services } = world.context;
    const office = (await services.routing.recipients(report.id)).find((r) => r.role === 'parish_admin');
    assert.ok(office, 'the report went to the town office');
    await services.knex.transaction((trx) =>
      services.reportUpdates.recordRecipientUpdate(trx, report.id, {
        recipient: office,
        channel: 'email',
        toStatus: 'in_progress',
        publicText: text,
      }),
    );
  }

  it('names it the town administration on the confirmation page, in each language', async () => {
    // In English and Russian the role first, as the email after it says it.
    const words = {
      lv: 'Viļānu pilsētas pārvalde</span> (pilsētas pārvalde)',
      en: 'the town administration (<span lang="lv">Viļānu pilsētas pārvalde</span>)',
      ru: 'администрация города (<span lang="lv">Viļānu pilsētas pārvalde</span>)',
    };
    for (const [lang, named] of Object.entries(words)) {
      const { page } = await confirmedInTown(lang);
      const list = /<ul data-qa="recipients">[\s\S]*?<\/ul>/.exec(page)?.[0] ?? '';
      assert.ok(list.includes(named), `${lang}: ${list}`);
      assert.doesNotMatch(list, /pagasta pārvalde|parish administration|управление волости/);
    }
  });

  it('names it so in the reporter’s email, on the report’s timeline and in the email of its answer', async () => {
    const { services, app } = world.context;
    const { report } = await confirmedInTown('en');
    const published = await services
      .knex('outbox')
      .where({ kind: 'report-published', report_id: report.id })
      .first();
    assert.match(published.text_body, /the town administration \(Viļānu pilsētas pārvalde\)/);
    assert.doesNotMatch(published.text_body + published.html_body, /parish administration/);

    await townAnswers(report, 'Darbi sāksies pirmdien.');
    const page = await request(app).get(`/reports/${report.ref}?lang=en`).expect(200);
    assert.match(
      page.text,
      /data-qa="timeline-who">Town administration · <span lang="lv">Viļānu pilsētas pārvalde<\/span>/,
    );
    assert.doesNotMatch(page.text, /Parish administration/);
    const lv = await request(app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.match(lv.text, /data-qa="timeline-who">Pilsētas pārvalde · Viļānu pilsētas pārvalde/);
    const update = await services
      .knex('outbox')
      .where({ kind: 'report-update', report_id: report.id })
      .orderBy('id', 'desc')
      .first();
    assert.match(update.text_body, /The town administration — Viļānu pilsētas pārvalde/);
    assert.doesNotMatch(update.text_body, /parish administration/);
  });

  it('names it so on the town’s page, and Viļānu pagasts’ office a parish’s', async () => {
    const { app } = world.context;
    const town = await request(app).get('/parishes/vilani?lang=en').expect(200);
    assert.match(town.text, /Viļānu pilsētas pārvalde<\/span> \(town administration\)/);
    assert.doesNotMatch(town.text, /Viļānu pilsētas pārvalde<\/span> \(parish administration\)/);
    const parish = await request(app).get('/parishes/vilanu?lang=en').expect(200);
    assert.match(parish.text, /Viļānu pagasta pārvalde<\/span> \(parish administration\)/);
    const ru = await request(app).get('/parishes/vilani?lang=ru').expect(200);
    assert.match(ru.text, /Viļānu pilsētas pārvalde<\/span> \(администрация города\)/);
  });

  it('names it so on the staff report page and on the admin pages that list contacts', async () => {
    const { services } = world.context;
    const { agent } = world.admin;
    const { report } = await makeReport(services, { parish: 'vilani' });
    const staffPage = await agent.get(`/staff/reports/${report.ref}?lang=en`).expect(200);
    assert.match(staffPage.text, /Viļānu pilsētas pārvalde \(town administration\)/);

    const contacts = await agent.get('/staff/admin/contacts?lang=en').expect(200);
    const row = (code: string) =>
      new RegExp(`data-qa="contact-${code}">[\\s\\S]*?</tr>`).exec(contacts.text)?.[0] ?? '';
    assert.match(row('vilani-admin'), /<td>Town administration<\/td>/);
    assert.match(row('vilanu-admin'), /<td>Parish administration<\/td>/);
    const addresses = await agent.get('/staff/admin/contacts/addresses?lang=en').expect(200);
    assert.match(addresses.text, /Viļānu pilsētas pārvalde — Town administration, Viļāni town/);
    const staffForm = await agent.get('/staff/admin/staff/new?lang=en').expect(200);
    assert.match(
      staffForm.text,
      /Viļānu pilsētas pārvalde <span class="hint">\(Town administration, Viļāni town\)/,
    );
    const preview = await agent
      .get('/staff/admin/routing/preview?parish=vilani&category=roads&lang=en')
      .expect(200);
    assert.match(preview.text, /\(Town administration\)/);
    // The role a contact is given says both: the administration of its parish or of the town.
    const id = (await services.knex('contacts').where({ code: 'vilani-admin' }).first()).id;
    const form = await agent.get(`/staff/admin/contacts/${id}?lang=en`).expect(200);
    assert.match(form.text, /<option value="parish_admin" selected>Parish or town administration<\/option>/);
  });
});
