import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { heldReply } from '../support/reports.inbound.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_CLERK, KAUNATA_WORKER, NOVADS_ADMIN, postForm, signIn } from '../support/staff.js';

/**
 * A clerk whose account an admin has not yet linked to any parish's contact has nothing to work
 * on: the workspace says so, and whom to ask, instead of an empty queue and a form with no parish.
 */
describe('the staff workspace: a member not yet linked to any parish', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
    await makeReport(context.services, { title: 'Bedre pie skolas' });
  });

  const newcomer = {
    email: 'jauns.lietvedis@example.org',
    role: 'parish_clerk' as const,
    name: 'Jauns Lietvedis',
  };

  // What the notice says in each language.
  const said = {
    lv: /Jūsu konts vēl nav piesaistīts nevienam pagastam/,
    en: /Your account is not yet linked to any parish/,
    ru: /Ваша учётная запись ещё не привязана ни к одной волости/,
  };

  it('tells the clerk, in their language, that no parish is theirs yet and to ask an administrator', async () => {
    await addStaff(context, { ...NOVADS_ADMIN, name: 'Dace Administratore' });
    const clerk = await signIn(context, await addStaff(context, newcomer));
    for (const [lang, words] of Object.entries(said)) {
      for (const path of ['/staff', '/staff/reports/new']) {
        const page = await clerk.agent.get(`${path}?lang=${lang}`).expect(200);
        assert.match(page.text, /data-qa="no-parish"/, `${path} in ${lang}`);
        assert.match(page.text, words, `${path} in ${lang}`);
        // The administrators to ask are named, with their address.
        assert.match(
          page.text,
          /data-qa="no-parish-admins"[\s\S]*Dace Administratore[\s\S]*admin@example\.org/,
        );
        assert.doesNotMatch(page.text, /data-qa="intake-form"/, 'no form without a parish to choose');
        assert.doesNotMatch(page.text, /data-qa="queue-filters"/, 'no queue to filter');
      }
    }
    // A form sent anyway (an old page) takes nothing, and says why.
    const sent = await postForm(clerk, '/staff/reports?lang=en', {
      source: 'phone',
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre',
      description: 'Liela bedre.',
      location: 'Skolas iela',
      language: 'lv',
    }).expect(403);
    assert.match(sent.text, /Your account is not yet linked to any parish/);
    assert.equal((await context.services.knex('reports').where({ source: 'phone' })).length, 0);
  });

  it('tells the clerk the same on the inbound mail page, and takes no decision sent from an old page', async () => {
    await addStaff(context, { ...NOVADS_ADMIN, name: 'Dace Administratore' });
    const held = await heldReply(context);
    const clerk = await signIn(context, await addStaff(context, newcomer));
    for (const [lang, words] of Object.entries(said)) {
      const page = await clerk.agent.get(`/staff/inbound?lang=${lang}`).expect(200);
      assert.match(page.text, /data-qa="no-parish"/, lang);
      assert.match(page.text, words, lang);
      assert.match(
        page.text,
        /data-qa="no-parish-admins"[\s\S]*Dace Administratore[\s\S]*admin@example\.org/,
      );
      // The inbound page's own title and menu item, not the queue's.
      assert.match(page.text, /<a[^>]*href="\/staff\/inbound"[^>]*aria-current="page"/, lang);
    }
    const forms: [string, Record<string, string>][] = [
      ['publish', { status: 'resolved', publicText: 'Salabots.' }],
      ['drop', { reason: 'Nav mūsu.' }],
      ['place', { ref: 'RZN-2026-00001' }],
      ['retry', {}],
    ];
    for (const [form, fields] of forms) {
      const sent = await postForm(clerk, `/staff/inbound/${held}/${form}?lang=en`, fields).expect(403);
      assert.match(sent.text, /Your account is not yet linked to any parish/, form);
    }
    const message = (await context.services.knex('inbound_messages').where({ id: held }).first()) as {
      decided_at: Date | null;
    };
    assert.equal(message.decided_at, null, 'nothing was decided');
  });

  it('tells a social worker of no parish yet the same on the help pages, and takes no form', async () => {
    const worker = await signIn(
      context,
      await addStaff(context, {
        email: 'jauna.sociala@example.org',
        role: 'social_worker',
        name: 'Jauna Sociālā',
      }),
    );
    for (const path of ['/staff/help', '/staff/help/offers']) {
      const page = await worker.agent.get(`${path}?lang=en`).expect(200);
      assert.match(page.text, /data-qa="no-parish"/, path);
      assert.match(page.text, /Your account is not yet linked to any parish/, path);
    }
    const { report } = await makeReport(context.services, { category: 'elderly-help', title: 'Vajag malku' });
    for (const path of [
      `/staff/help/requests/${report.ref}/propose`,
      `/staff/help/requests/${report.ref}/new`,
      '/staff/help/matches/1/cancel',
      '/staff/help/offers/1/erase',
    ]) {
      const sent = await postForm(worker, `${path}?lang=en`, {}).expect(403);
      assert.match(sent.text, /Your account is not yet linked to any parish/, path);
    }
  });

  it('leaves the clerk of a parish and the administrator their queue and form as they were', async () => {
    const clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    for (const member of [clerk, admin]) {
      const queue = await member.agent.get('/staff').expect(200);
      assert.doesNotMatch(queue.text, /data-qa="no-parish"/);
      assert.match(queue.text, /data-qa="queue-filters"/);
      const form = await member.agent.get('/staff/reports/new').expect(200);
      assert.doesNotMatch(form.text, /data-qa="no-parish"/);
      assert.match(form.text, /data-qa="intake-form"/);
      const inbound = await member.agent.get('/staff/inbound').expect(200);
      assert.doesNotMatch(inbound.text, /data-qa="no-parish"/);
    }
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    for (const path of ['/staff/help', '/staff/help/offers']) {
      const page = await worker.agent.get(path).expect(200);
      assert.doesNotMatch(page.text, /data-qa="no-parish"/, path);
    }
  });
});
