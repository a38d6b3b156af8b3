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

const LIST = '/staff/admin/templates';

const templateForm = (changes: Record<string, string> = {}) => ({
  category: 'roads',
  language: 'lv',
  title: 'Bedre tiks aizbērta',
  body: 'Paldies! Bedri aizbērsim šonedēļ.\nAr cieņu, pārvalde',
  active: '1',
  ...changes,
});

describe('admin: response templates', () => {
  let world: AdminWorld;
  const template = (id: number) =>
    world.context.services.knex('response_templates').where({ id }).first() as Promise<
      Record<string, unknown>
    >;
  const newest = async () =>
    (await world.context.services.knex('response_templates').orderBy('id', 'desc').first()) as { id: number };

  before(async () => {
    world = await adminWorld();
  });

  it('adds a template for a category, kept with its lines, and lists it there', async () => {
    const form = await world.admin.agent.get(`${LIST}/new?category=roads&lang=en`).expect(200);
    assert.match(form.text, /<option value="roads" selected>Roads and pavements<\/option>/);
    await post(world.admin, LIST, templateForm())
      .expect(303)
      .expect('Location', `${LIST}?category=roads&done=added&lang=en`);
    const { id } = await newest();
    const stored = await template(id);
    assert.equal(stored.category_code, 'roads');
    assert.equal(stored.body, 'Paldies! Bedri aizbērsim šonedēļ.\nAr cieņu, pārvalde');
    assert.equal(stored.active, true);
    const audit = await lastAudit(world, 'template.add');
    assert.equal(audit.object_id, String(id));
    assert.deepEqual(audit.after, {
      id,
      categoryCode: 'roads',
      language: 'lv',
      title: 'Bedre tiks aizbērta',
      body: 'Paldies! Bedri aizbērsim šonedēļ.\nAr cieņu, pārvalde',
      active: true,
    });
    const list = await world.admin.agent.get(`${LIST}?category=roads&lang=en`).expect(200);
    assert.match(
      list.text,
      new RegExp(
        `data-qa="template-${id}">\\s*<th scope="row"><a href="${LIST}/${id}">Bedre tiks aizbērta</a>`,
      ),
    );
    const other = await world.admin.agent.get(`${LIST}?category=waste`).expect(200);
    assert.match(other.text, /data-qa="no-templates"/);
  });

  it('adds a template for every category', async () => {
    await post(world.admin, LIST, templateForm({ category: '', language: 'en', title: 'Thank you' }))
      .expect(303)
      .expect('Location', `${LIST}?category=all&done=added&lang=en`);
    const { id } = await newest();
    assert.equal((await template(id)).category_code, null);
    const list = await world.admin.agent.get(`${LIST}?category=all&lang=en`).expect(200);
    assert.match(list.text, /Thank you<\/a><\/th>\s*<td>Every category<\/td>\s*<td>English<\/td>/);
    const categories = await world.admin.agent.get('/staff/admin/categories?lang=en').expect(200);
    assert.match(categories.text, /Every category<\/a> \(1 template\)/);
  });

  it('edits a template, with before and after in the audit log', async () => {
    const { id } = await newest();
    const form = await world.admin.agent.get(`${LIST}/${id}`).expect(200);
    assert.match(form.text, /value="Thank you"/);
    await post(
      world.admin,
      `${LIST}/${id}`,
      templateForm({ category: 'waste', language: 'ru', title: 'Спасибо', body: 'Спасибо!' }),
    )
      .expect(303)
      .expect('Location', `${LIST}?category=waste&done=saved&lang=en`);
    const stored = await template(id);
    assert.deepEqual(
      [stored.category_code, stored.language, stored.title, stored.body],
      ['waste', 'ru', 'Спасибо', 'Спасибо!'],
    );
    const audit = await lastAudit(world, 'template.update');
    assert.deepEqual(
      [(audit.before as { title: string }).title, (audit.after as { title: string }).title],
      ['Thank you', 'Спасибо'],
    );
    assert.equal((audit.before as { categoryCode: null }).categoryCode, null);
  });

  it('deactivates a template from the list, and keeps it', async () => {
    const { id } = await newest();
    await post(world.admin, `${LIST}/${id}/deactivate`)
      .expect(303)
      .expect('Location', `${LIST}?category=waste&done=deactivated&lang=en`);
    assert.equal((await template(id)).active, false);
    const audit = await lastAudit(world, 'template.deactivate');
    assert.deepEqual(
      [(audit.before as { active: boolean }).active, (audit.after as { active: boolean }).active],
      [true, false],
    );
    const list = await world.admin.agent.get(`${LIST}?category=waste&lang=en`).expect(200);
    assert.match(
      list.text,
      new RegExp(`data-qa="template-${id}">[\\s\\S]*?<td>Not in use</td>\\s*<td>\\s*</td>`),
    );
  });

  it('refuses a long title or text, an unknown category or language, and shows the input escaped', async () => {
    const before = await auditCount(world);
    const res = await post(world.admin, `${LIST}?lang=en`, {
      category: 'nav-tadas',
      language: 'de',
      title: HOSTILE + 'x'.repeat(120),
      body: 'b'.repeat(5001),
    }).expect(422);
    assert.match(res.text, /data-qa="error-category">[\s\S]*?Choose one from the list\./);
    assert.match(res.text, /data-qa="error-language">[\s\S]*?Choose one from the list\./);
    assert.match(res.text, /data-qa="error-title">[\s\S]*?At most 120 characters\./);
    assert.match(res.text, /data-qa="error-body">[\s\S]*?At most 5,000 characters\./);
    assert.ok(res.text.includes(HOSTILE_SHOWN));
    const empty = await post(world.admin, `${LIST}?lang=en`, {
      category: '',
      language: 'lv',
      title: ' ',
      body: '\u0000',
    }).expect(422);
    assert.match(empty.text, /data-qa="error-title">[\s\S]*?Fill this in\./);
    assert.match(empty.text, /data-qa="error-body">[\s\S]*?Fill this in\./);
    assert.equal(await auditCount(world), before);
  });

  it('keeps HTML in a template as text', async () => {
    await post(world.admin, LIST, templateForm({ title: HOSTILE, body: HOSTILE })).expect(303);
    const { id } = await newest();
    assert.equal((await template(id)).title, '<script>alert(1)</script> & "quoted"');
    const list = await world.admin.agent.get(`${LIST}?category=roads`).expect(200);
    assert.ok(list.text.includes(HOSTILE_SHOWN));
    assert.doesNotMatch(list.text, /<script>alert/);
  });

  it('answers 404 for a template that does not exist', async () => {
    await world.admin.agent.get(`${LIST}/424242`).expect(404);
    await post(world.admin, `${LIST}/424242`, templateForm()).expect(404);
    await post(world.admin, `${LIST}/424242/deactivate`).expect(404);
    await post(world.admin, `${LIST}/1e3`, templateForm()).expect(404);
  });

  it('refuses a template a public answer could not use: a sign-off, a phone or an email, said as the answer form does', async () => {
    const before = await auditCount(world);
    const count = async () => (await world.context.services.knex('response_templates')).length;
    const templates = await count();
    const signed = 'Paldies! Bedri aizbērsim šonedēļ.\n\nAr cieņu,\nAnna Bērziņa\ntālr. 64600000';
    const res = await post(world.admin, `${LIST}?lang=en`, templateForm({ body: signed })).expect(422);
    // Said first, focused, linked to the text; the field says it is invalid; the form as typed.
    assert.match(res.text, /class="error-summary"[^>]*autofocus/);
    assert.match(
      res.text,
      /href="#field-body">Text: A public answer is published exactly as typed, so remove its signature: the line “Ar cieņu,”/,
    );
    assert.match(res.text, /data-qa="error-body">[\s\S]*?remove its signature: the line “Ar cieņu,”/);
    assert.match(
      res.text,
      /id="field-body"[^>]*aria-invalid="true"[^>]*>Paldies! Bedri aizbērsim šonedēļ\.\n\nAr cieņu,\nAnna Bērziņa\ntālr\. 64600000<\/textarea>/,
    );
    assert.match(res.text, /value="Bedre tiks aizbērta"/);
    // A phone, an email: each its own message, in each language; for every category too.
    const phone = await post(
      world.admin,
      `${LIST}?lang=lv`,
      templateForm({ category: '', body: 'Zvaniet 64601234.' }),
    ).expect(422);
    assert.match(phone.text, /data-qa="error-body">[\s\S]*?Izdzēsiet no publiskās atbildes tālruņa numuru/);
    const email = await post(
      world.admin,
      `${LIST}?lang=ru`,
      templateForm({ body: 'Пишите parvalde@example.lv.' }),
    ).expect(422);
    assert.match(email.text, /data-qa="error-body">[\s\S]*?адрес электронной почты/);
    // Editing one in use is checked the same way, and leaves it as it was.
    await post(world.admin, LIST, templateForm({ title: 'Pārbaudīts' })).expect(303);
    const { id } = await newest();
    await post(world.admin, `${LIST}/${id}`, templateForm({ body: signed })).expect(422);
    assert.equal((await template(id)).body, 'Paldies! Bedri aizbērsim šonedēļ.\nAr cieņu, pārvalde');
    assert.equal(await count(), templates + 1);
    assert.equal(await auditCount(world), before + 1);
  });

  it('keeps a private category’s template as typed: its answers go to their one resident, who may need the number', async () => {
    await post(
      world.admin,
      LIST,
      templateForm({
        category: 'elderly-help',
        title: 'Zvaniet',
        body: 'Zvaniet man: 64601234.\nAr cieņu,\nAnna Bērziņa',
      }),
    ).expect(303);
    assert.equal(
      (await template((await newest()).id)).body,
      'Zvaniet man: 64601234.\nAr cieņu,\nAnna Bērziņa',
    );
  });
});
