import assert from 'node:assert/strict';
import { makeReport } from '../support/reports.js';
import { adminWorld, auditCount, lastAudit, post, type AdminWorld } from './admin-helpers.js';

const LIST = '/staff/admin/routing';

describe('admin: routing rules and the preview', () => {
  let world: AdminWorld;
  const contactId = async (code: string) =>
    ((await world.context.services.knex('contacts').where({ code }).first('id')) as { id: number }).id;
  const rules = (where: Record<string, unknown>) =>
    world.context.services.knex('routing_rules').where(where).orderBy('id') as Promise<
      {
        id: number;
        parish_code: string | null;
        apvieniba_code: string | null;
        category_code: string | null;
        contact_id: number;
      }[]
    >;

  /** The addresses the preview names, in its order. */
  const previewed = async (parish: string, category: string) => {
    const page = await world.admin.agent
      .get(`${LIST}/preview?parish=${parish}&category=${category}&lang=en`)
      .expect(200);
    return {
      page: page.text,
      emails: [...page.text.matchAll(/data-qa="recipient" data-email="([^"]+)"/g)].map((m) => m[1]!),
      scope: /data-qa="why" data-scope="([^"]+)"/.exec(page.text)?.[1],
    };
  };

  /** What confirming a real report of this parish and category sends: its recipients and their emails. */
  const routedFor = async (parish: string, category: string) => {
    const { report } = await makeReport(world.context.services, { parish, category });
    const { knex } = world.context.services;
    const recipients = (await knex('report_recipients')
      .where({ report_id: report.id })
      .pluck('email')) as string[];
    const mailed = (await knex('outbox')
      .where({ report_id: report.id, kind: 'report-new' })
      .pluck('to_email')) as string[];
    assert.deepEqual([...mailed].sort(), [...recipients].sort(), 'each recipient gets the report email');
    return recipients.sort();
  };

  before(async () => {
    world = await adminWorld();
  });

  it('lists the rules grouped by scope, most specific first', async () => {
    const page = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    const order = [...page.text.matchAll(/<h2 id="scope-([\w-]+)">([^<]+)<\/h2>/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    assert.deepEqual(order, [
      'parish-category: Parish and category (58)',
      'parish: Parish (58)',
      'apvieniba-category: Apvienība and category (0)',
      'apvieniba: Apvienība (0)',
      'category: Category in the whole novads (0)',
      'novads: Whole novads (1)',
    ]);
    assert.match(
      page.text,
      /<th scope="row">Kaunata parish · Help for an elderly or lonely person<\/th>\s*<td>Kaunatas pagasta sociālais darbinieks/,
    );
  });

  it('previews exactly what confirming a report sends, and says which rule decided and why', async () => {
    for (const [parish, category, scope] of [
      ['kaunatas', 'roads', 'parish'],
      ['kaunatas', 'elderly-help', 'parish-category'],
      ['vilanu', 'waste', 'parish'],
    ] as const) {
      const preview = await previewed(parish, category);
      assert.deepEqual(
        [...preview.emails].sort(),
        await routedFor(parish, category),
        `${parish} + ${category}`,
      );
      assert.equal(preview.scope, scope);
    }
    const kaunatas = await previewed('kaunatas', 'roads');
    assert.deepEqual(kaunatas.emails, ['kaunatas.parvalde@example.org', 'kaunatas.socialais@example.org']);
    assert.match(
      kaunatas.page,
      /Kaunata parish has no rule for Roads and pavements, but rules of its own for every category: they decide\./,
    );
    assert.match(
      kaunatas.page,
      /data-qa="outranked">\s*<li>Whole novads · any category → Rēzeknes novada pašvaldība/,
    );
    const privately = await previewed('kaunatas', 'elderly-help');
    assert.deepEqual(
      privately.emails,
      ['kaunatas.socialais@example.org'],
      'a private request reaches the social worker only',
    );
    assert.match(privately.page, /This category is private/);
  });

  it('adds a rule for an apvienība and a category, and the preview and real routing follow it', async () => {
    const municipality = await contactId('novads');
    // Maltas parish loses its own rules: the apvienība's rule for waste, or else the default, decides.
    for (const rule of await rules({ parish_code: 'maltas', category_code: null }))
      await post(world.admin, `${LIST}/rules/${rule.id}/remove`, { confirm: 'yes' })
        .expect(303)
        .expect('Location', `${LIST}?done=removed&lang=en`);
    const removed = await lastAudit(world, 'routing-rule.remove');
    assert.equal((removed.before as { parishCode: string }).parishCode, 'maltas');
    assert.equal(removed.after, null);

    const worker = await contactId('maltas-social');
    await post(world.admin, `${LIST}/rules`, {
      place: 'a:maltas',
      category: 'waste',
      contact: String(worker),
    })
      .expect(303)
      .expect('Location', `${LIST}?done=added&lang=en`);
    const [added] = await rules({ apvieniba_code: 'maltas', category_code: 'waste' });
    assert.equal(added!.contact_id, worker);
    const audit = await lastAudit(world, 'routing-rule.add');
    assert.equal(audit.object_id, String(added!.id));
    assert.deepEqual(audit.after, {
      parishCode: null,
      apvienibaCode: 'maltas',
      categoryCode: 'waste',
      contactId: worker,
    });

    const waste = await previewed('maltas', 'waste');
    assert.equal(waste.scope, 'apvieniba-category');
    assert.deepEqual(waste.emails, await routedFor('maltas', 'waste'));
    assert.deepEqual(waste.emails, ['maltas.socialais@example.org']);
    const roads = await previewed('maltas', 'roads');
    assert.equal(roads.scope, 'novads');
    assert.deepEqual(roads.emails, await routedFor('maltas', 'roads'));
    assert.match(roads.page, /No more specific rule applies: the default for the whole novads decides\./);
    assert.equal(
      (await rules({ parish_code: null, apvieniba_code: null, category_code: null }))[0]!.contact_id,
      municipality,
    );
  });

  it('refuses a rule that exists, and choices that are not in the lists', async () => {
    const before = await auditCount(world);
    const admin = await contactId('kaunatas-admin');
    const twice = await post(world.admin, `${LIST}/rules?lang=en`, {
      place: 'p:kaunatas',
      category: '',
      contact: String(admin),
    }).expect(422);
    assert.match(twice.text, /data-qa="error-contact">[\s\S]*?This rule exists already\./);
    const bad = await post(world.admin, `${LIST}/rules?lang=en`, {
      place: 'p:atlantis',
      category: '<b>x</b>',
      contact: '99999999999',
    }).expect(422);
    for (const field of ['place', 'category', 'contact'])
      assert.match(
        bad.text,
        new RegExp(`data-qa="error-${field}">[\\s\\S]*?Choose one from the list\\.`),
        field,
      );
    assert.doesNotMatch(bad.text, /<b>x<\/b>/);
    await post(world.admin, `${LIST}/rules`, { place: 'x:kaunatas', category: '', contact: '' }).expect(422);
    assert.equal(await auditCount(world), before);
  });

  it('sends a private category’s reports to no parish administration, whatever the rules say', async () => {
    const clerkContact = await contactId('rikavas-admin');
    const refused = await post(world.admin, `${LIST}/rules?lang=en`, {
      place: 'p:rikavas',
      category: 'elderly-help',
      contact: String(clerkContact),
    }).expect(422);
    assert.match(
      refused.text,
      /data-qa="error-contact">[\s\S]*?go only to a social worker or the municipality/,
    );
    assert.deepEqual(
      await rules({ parish_code: 'rikavas', category_code: 'elderly-help', contact_id: clerkContact }),
      [],
    );
    // Rules written before (or a parish without its private rule): the parish's own rule names
    // its administration and social worker; a request reaches the social worker alone.
    await world.context.services
      .knex('routing_rules')
      .where({ parish_code: 'rikavas', category_code: 'elderly-help' })
      .delete();
    assert.deepEqual(await routedFor('rikavas', 'elderly-help'), ['rikavas.socialais@example.org']);
    assert.deepEqual((await previewed('rikavas', 'elderly-help')).emails, ['rikavas.socialais@example.org']);
    // With no one of its rule who may read it, the novads-wide default's reader takes it.
    await world.context.services
      .knex('routing_rules')
      .where({ parish_code: 'rikavas', contact_id: await contactId('rikavas-social') })
      .delete();
    const fallback = await routedFor('rikavas', 'elderly-help');
    assert.equal(fallback.length, 1);
    assert.doesNotMatch(fallback[0]!, /rikavas/);
    assert.deepEqual((await previewed('rikavas', 'elderly-help')).emails, fallback);
  });

  it('keeps the last rule for the whole novads', async () => {
    const [fallback] = await rules({ parish_code: null, apvieniba_code: null, category_code: null });
    const res = await post(world.admin, `${LIST}/rules/${fallback!.id}/remove?lang=en`, {
      confirm: 'yes',
    }).expect(409);
    assert.match(res.text, /role="alert" data-qa="problem">This is the last rule for the whole novads/);
    assert.equal((await rules({ id: fallback!.id })).length, 1);
    // With a second default, the first one may go.
    await post(world.admin, `${LIST}/rules`, {
      place: '',
      category: '',
      contact: String(await contactId('rikavas-admin')),
    }).expect(303);
    await post(world.admin, `${LIST}/rules/${fallback!.id}/remove`, { confirm: 'yes' }).expect(303);
    assert.equal((await rules({ id: fallback!.id })).length, 0);
  });

  it('asks before removing a rule, naming its place, category and contact', async () => {
    const [rule] = await rules({ parish_code: 'kaunatas', category_code: null });
    const asked = await post(world.admin, `${LIST}/rules/${rule!.id}/remove?lang=en`).expect(200);
    assert.match(asked.text, /<h1>Remove this routing rule\?<\/h1>/);
    assert.match(asked.text, /<dt>Where<\/dt><dd>Kaunata parish<\/dd>/);
    assert.match(asked.text, /<dt>Category<\/dt><dd>Any category<\/dd>/);
    assert.match(asked.text, /<dt>Contact<\/dt><dd>[^<]+ \([^)]+@example\.org\)<\/dd>/);
    assert.ok(asked.text.includes(`action="${LIST}/rules/${rule!.id}/remove?lang=en"`));
    assert.match(asked.text, /name="confirm" value="yes"/);
    assert.equal((await rules({ id: rule!.id })).length, 1, 'nothing removed by the first step');
    await post(world.admin, `${LIST}/rules/999999/remove`).expect(404);
  });

  it('asks again for a parish or category that does not exist', async () => {
    const res = await world.admin.agent
      .get(`${LIST}/preview?parish=atlantis&category=%3Cscript%3E&lang=en`)
      .expect(422);
    assert.match(res.text, /data-qa="error-parish">[\s\S]*?Choose one from the list\./);
    assert.match(res.text, /data-qa="error-category">[\s\S]*?Choose one from the list\./);
    assert.doesNotMatch(res.text, /data-qa="preview-result"/);
    const half = await world.admin.agent.get(`${LIST}/preview?parish=kaunatas&lang=en`).expect(422);
    assert.match(half.text, /data-qa="error-category"/);
    // An empty choice is one mistake: said once in the summary and once at the field.
    assert.equal(half.text.match(/Category: Choose one from the list\./g)?.length, 1, 'once in the summary');
    assert.equal(half.text.match(/<\/span>Choose one from the list\./g)?.length, 1, 'once at the field');
    const blank = await world.admin.agent.get(`${LIST}/preview`).expect(200);
    assert.doesNotMatch(blank.text, /data-qa="error-summary"/);
  });

  it('heads the error summary with a whole sentence in Latvian and Russian', async () => {
    for (const [lang, heading] of [
      ['lv', 'Lūdzu, izlabojiet kļūdas'],
      ['ru', 'Пожалуйста, исправьте ошибки'],
    ] as const) {
      const res = await world.admin.agent.get(`${LIST}/preview?parish=atlantis&lang=${lang}`).expect(422);
      assert.match(res.text, new RegExp(`id="error-summary-title">${heading}</h2>`), lang);
    }
  });

  it('lists each apvienība’s parishes in the reader’s alphabet, on the rules and the preview', async () => {
    for (const language of ['lv', 'en', 'ru'] as const) {
      const collator = new Intl.Collator(language);
      for (const page of [LIST, `${LIST}/preview`]) {
        const html = (await world.admin.agent.get(`${page}?lang=${language}`).expect(200)).text;
        const groups = [...html.matchAll(/<optgroup label="[^"]*">([\s\S]*?)<\/optgroup>/g)].map((group) =>
          [...group[1]!.matchAll(/<option value="(?:p:)?[\w-]+"[^>]*>([^<]+)<\/option>/g)].map((o) => o[1]!),
        );
        assert.equal(groups.flat().length, 29, `${page} in ${language}: every parish`);
        for (const names of groups)
          assert.deepEqual(names, [...names].sort(collator.compare), `${page} in ${language}`);
      }
    }
  });
});
