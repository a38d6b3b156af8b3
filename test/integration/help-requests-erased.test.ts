import assert from 'node:assert/strict';
import request from 'supertest';
import type { Language } from '../../src/i18n/index.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postUnsignedReply } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/** What each language says of an erased request: its title, its state and its contact. */
const SAID: Record<Language, { title: string; status: string; contact: RegExp; open: string }> = {
  lv: {
    title: '[dzēsts]',
    status: 'Cilvēka dati izdzēsti',
    contact: /Izdzēsts pēc cilvēka lūguma/,
    open: 'Atvērts',
  },
  en: {
    title: '[erased]',
    status: 'Person’s data erased',
    contact: /Erased at the person’s request/,
    open: 'Open',
  },
  ru: {
    title: '[удалено]',
    status: 'Данные человека удалены',
    contact: /Удалено по просьбе человека/,
    open: 'Открыто',
  },
};

describe('an erased request for help, as staff and the one who asked see it', () => {
  let context: TestContext;
  let worker: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
  });

  it('says its title, that the person’s data was erased, and its emails’ subjects in the reader’s language', async () => {
    const { report, token } = await makeReport(context.services, {
      category: 'elderly-help',
      title: 'Malka ziemai',
      phone: '+371 2000 0006',
    });
    await recordHelpDetails(worker, report.ref);
    // A reply from someone else waits for staff: erasing keeps its row, its subject the marker.
    const held = await postUnsignedReply(context, {
      ref: report.ref,
      from: 'kaimins@example.org',
      to: KAUNATA_WORKER.email,
      text: 'Malku atvedīsim sestdien.',
    });
    assert.equal(held.outcome, 'held');
    const inbound = await context.services.knex('inbound_messages').where({ report_id: report.id }).first();
    // The emails so far have left: erasing keeps their rows, their subjects the marker.
    await context.services.knex('outbox').update({ status: 'sent', sent_at: new Date() });
    await postForm(worker, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303);
    const stored = await context.services.knex('reports').where({ id: report.id }).first();
    assert.deepEqual([stored.title, stored.status], ['[erased]', 'open'], 'the stored data stays as it is');
    assert.ok(
      (await context.services.knex('outbox').where({ report_id: report.id, subject: '[erased]' })).length > 0,
    );

    // One of its emails could not be delivered: the admin's dead letters name it too.
    const dead = (await context.services.knex('outbox').where({ report_id: report.id }).first('id')) as {
      id: number;
    };
    await context.services.knex('outbox').where({ id: dead.id }).update({ status: 'dead' });
    const admin = await signIn(
      context,
      await addStaff(context, { email: 'admin@example.org', role: 'admin', contacts: ['novads'] }),
    );
    for (const [language, said] of Object.entries(SAID) as [Language, (typeof SAID)['lv']][]) {
      const letters = (await admin.agent.get(`/staff/admin/dead-letters?lang=${language}`).expect(200)).text;
      assert.ok(letters.includes(said.title), `${language}: the dead letters name it`);
      if (language !== 'en') assert.doesNotMatch(letters, /\[erased\]/, `${language}: the dead letters`);
      const staff = (await worker.agent.get(`/staff/reports/${report.ref}?lang=${language}`).expect(200))
        .text;
      assert.ok(staff.includes(`<h1>${said.title}</h1>`), `${language}: the heading`);
      assert.ok(staff.includes(`data-qa="status">${said.status}</span>`), `${language}: the status`);
      assert.doesNotMatch(staff, new RegExp(`data-qa="status">${said.open}<`), language);
      const reporter = /data-qa="reporter">([\s\S]*?)<\/dd>/.exec(staff)![1]!;
      assert.match(reporter, said.contact, language);
      assert.doesNotMatch(reporter, /no-contact/, language);
      // The asker's own link opens only the word that their data was erased (410), in their language.
      const own = await request(context.app)
        .get(`/reports/${report.ref}?token=${token}&lang=${language}`)
        .expect(410);
      assert.match(own.text, /data-qa="hidden-notice"/, `${language}: the asker’s page`);
      assert.doesNotMatch(own.text, /\[erased\]/, `${language}: the asker’s page`);
      // When, after the verb: the Latvian month in the locative ("tika dzēsti 2026. gada 5. decembrī").
      if (language === 'lv') assert.match(own.text, /tika dzēsti \d{4}\. gada \d{1,2}\. \p{L}+[īā]\./u);
      const queue = (await worker.agent.get(`/staff?lang=${language}`).expect(200)).text;
      const message = (await worker.agent.get(`/staff/inbound/${inbound.id}?lang=${language}`).expect(200))
        .text;
      const messages = (await worker.agent.get(`/staff/inbound?show=all&lang=${language}`).expect(200)).text;
      for (const [page, text] of Object.entries({ staff, queue, message, messages })) {
        assert.ok(text.includes(said.title), `${language}: ${page} names it`);
        if (language !== 'en') assert.doesNotMatch(text, /\[erased\]/, `${language}: ${page}`);
      }
    }
  });
});
