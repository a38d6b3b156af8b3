import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffBrowser } from '../support/staff.js';
import { adminWorld, auditCount, post, signedIn, type AdminWorld } from './admin-helpers.js';

describe('admin pages: only administrators, on every route and method', () => {
  let world: AdminWorld;
  let others: Record<'moderator' | 'social_worker' | 'parish_clerk', StaffBrowser>;
  let gets: string[];
  let posts: string[];

  before(async () => {
    world = await adminWorld();
    const { knex } = world.context.services;
    others = {
      moderator: await signedIn(world, 'moderator'),
      social_worker: await signedIn(world, 'social_worker', 'sw@example.org', ['kaunatas-social']),
      parish_clerk: await signedIn(world, 'parish_clerk', 'clerk@example.org', ['kaunatas-admin']),
    };
    const [template] = (await knex('response_templates')
      .insert({ title: 'Paldies', body: 'Paldies par ziņu.', language: 'lv' })
      .returning('id')) as { id: number }[];
    const contact = (await knex('contacts').where({ code: 'kaunatas-admin' }).first('id')) as { id: number };
    const rule = (await knex('routing_rules').orderBy('id').first('id')) as { id: number };
    const me = world.admin.member.id;
    gets = [
      '/staff/admin',
      '/staff/admin/categories',
      '/staff/admin/categories/new',
      '/staff/admin/categories/roads',
      '/staff/admin/templates',
      '/staff/admin/templates/new',
      `/staff/admin/templates/${template!.id}`,
      '/staff/admin/contacts',
      '/staff/admin/contacts?bouncing=1',
      '/staff/admin/contacts/new',
      '/staff/admin/contacts/addresses',
      `/staff/admin/contacts/${contact.id}`,
      '/staff/admin/routing',
      '/staff/admin/routing/preview',
      '/staff/admin/routing/preview?parish=kaunatas&category=roads',
      '/staff/admin/staff',
      '/staff/admin/staff/new',
      `/staff/admin/staff/${me}`,
      '/staff/admin/dead-letters',
      '/staff/audit',
    ];
    posts = [
      '/staff/admin/categories',
      '/staff/admin/categories/roads',
      '/staff/admin/templates',
      `/staff/admin/templates/${template!.id}`,
      `/staff/admin/templates/${template!.id}/deactivate`,
      '/staff/admin/contacts',
      '/staff/admin/contacts/addresses',
      `/staff/admin/contacts/${contact.id}`,
      `/staff/admin/contacts/${contact.id}/fixed`,
      '/staff/admin/routing/rules',
      `/staff/admin/routing/rules/${rule.id}/remove`,
      '/staff/admin/staff',
      `/staff/admin/staff/${me}`,
      '/staff/admin/dead-letters/1/retry',
    ];
  });

  it('opens every page for an administrator', async () => {
    for (const path of gets) {
      const page = await world.admin.agent.get(path);
      assert.equal(page.status, 200, path);
      assert.match(page.text, /<h1>/, path);
    }
  });

  it('shows Settings and the audit log in an administrator’s menu', async () => {
    const page = await world.admin.agent.get('/staff/admin?lang=en').expect(200);
    assert.match(page.text, /href="\/staff\/admin" aria-current="page">Settings</);
    assert.match(page.text, /href="\/staff\/audit">Audit log</);
  });

  for (const role of ['moderator', 'social_worker', 'parish_clerk'] as const) {
    it(`refuses a ${role} every page and every form with the translated 403`, async () => {
      const browser = others[role];
      const before = await auditCount(world);
      for (const path of gets) {
        const page = await browser.agent.get(path);
        assert.equal(page.status, 403, path);
        assert.match(page.text, /Jūsu loma neļauj atvērt šo lapu/, path);
      }
      for (const path of posts) {
        const res = await post(browser, path, { name_lv: 'x', email: 'x@example.org', role: 'admin' });
        assert.equal(res.status, 403, path);
      }
      await browser.agent.delete('/staff/admin/categories/roads').expect(403);
      const english = await browser.agent.get('/staff/audit?lang=en').expect(403);
      assert.match(english.text, /Your role does not allow this page/);
      assert.equal(await auditCount(world), before, 'nothing was changed or logged');
    });
  }

  it('sends a signed-out visitor to sign in, and refuses their forms', async () => {
    const visitor = request.agent(world.context.app);
    for (const path of gets) {
      const page = await visitor.get(path);
      assert.equal(page.status, 303, path);
      assert.equal(page.headers.location, `/staff/sign-in?next=${encodeURIComponent(path)}`);
    }
    for (const path of posts) {
      const res = await visitor.post(path).type('form').send({ name_lv: 'x' });
      assert.equal(res.status, 403, path);
    }
  });

  it('refuses an administrator’s form without its CSRF token, or with another', async () => {
    const before = await auditCount(world);
    for (const path of posts) {
      const bare = await world.admin.agent.post(`${path}?lang=lv`).type('form').send({ name_lv: 'x' });
      assert.equal(bare.status, 403, path);
      assert.match(bare.text, /veidlapas derīgums ir beidzies/);
      const forged = await world.admin.agent
        .post(path)
        .type('form')
        .send({ _csrf: 'x'.repeat(world.admin.csrf.length), name_lv: 'x' });
      assert.equal(forged.status, 403, path);
    }
    assert.equal(await auditCount(world), before);
    const roads = (await world.context.services.knex('categories').where({ code: 'roads' }).first()) as {
      name_lv: string;
    };
    assert.equal(roads.name_lv, 'Ceļi un ietves');
  });

  it('answers the translated 404 for an id or code that names nothing', async () => {
    for (const path of [
      '/staff/admin/categories/nav-tadas',
      '/staff/admin/categories/%00',
      '/staff/admin/templates/999999',
      '/staff/admin/templates/abc',
      '/staff/admin/contacts/99999999999999999999',
      '/staff/admin/staff/0',
      '/staff/admin/nothing-here',
    ]) {
      const page = await world.admin.agent.get(path);
      assert.equal(page.status, 404, path);
      assert.match(page.text, /data-qa="error-message"/, path);
    }
    for (const path of [
      '/staff/admin/categories/nav-tadas',
      '/staff/admin/templates/999999/deactivate',
      '/staff/admin/contacts/999999/fixed',
      '/staff/admin/routing/rules/999999/remove',
      '/staff/admin/staff/999999',
      '/staff/admin/dead-letters/999999/retry',
    ]) {
      const res = await post(world.admin, path, { name_lv: 'x' });
      assert.equal(res.status, 404, path);
    }
  });

  it('counts bouncing contacts and undelivered emails on the overview', async () => {
    const { knex } = world.context.services;
    await knex('contacts')
      .whereIn('code', ['maltas-admin', 'maltas-social'])
      .update({ bouncing_since: new Date() });
    await knex('outbox').insert({
      message_id: '<dead-1@tilts.test>',
      kind: 'report-new',
      to_email: 'nobody@example.org',
      language: 'lv',
      subject: 'Jauns ziņojums',
      text_body: 'x',
      html_body: 'x',
      status: 'dead',
      attempts: 12,
      last_error: '550 no such user',
    });
    const page = await world.admin.agent.get('/staff/admin?lang=en').expect(200);
    assert.match(
      page.text,
      /data-qa="count-bouncing">\s*<a href="\/staff\/admin\/contacts\?bouncing=1">2 addresses bounce<\/a>/,
    );
    assert.match(page.text, /data-qa="count-dead">1 email was not delivered</);
  });
});
