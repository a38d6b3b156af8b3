import assert from 'node:assert/strict';
import request from 'supertest';
import {
  HOSTILE,
  HOSTILE_SHOWN,
  adminWorld,
  auditCount,
  lastAudit,
  post,
  signedIn,
  type AdminWorld,
} from './admin-helpers.js';

const LIST = '/staff/admin/api-keys';

describe('admin: Open311 API keys', () => {
  let world: AdminWorld;

  const postRequest = (apiKey: string) =>
    request(world.context.app).post('/open311/v2/requests.json').type('form').send({
      api_key: apiKey,
      service_code: 'roads',
      address_string: 'Kaunata',
      'attribute[parish]': 'kaunatas',
      description: 'Bedre.',
    });

  before(async () => {
    world = await adminWorld();
  });

  it('is a part of the settings, listed on their overview, in three languages', async () => {
    const overview = await world.admin.agent.get('/staff/admin').expect(200);
    assert.ok(overview.text.includes(`href="${LIST}"`));
    const titles = { lv: 'API atslēgas (Open311)', en: 'API keys (Open311)', ru: 'API-ключи (Open311)' };
    for (const [lang, title] of Object.entries(titles)) {
      const page = await world.admin.agent.get(`${LIST}?lang=${lang}`).expect(200);
      assert.ok(page.text.includes(`<h1>${title}</h1>`), lang);
      assert.match(page.text, /data-qa="no-keys"/);
    }
  });

  it('is for admins only', async () => {
    for (const role of ['moderator', 'social_worker', 'parish_clerk'] as const) {
      const browser = await signedIn(
        world,
        role,
        `${role}.keys@example.org`,
        role === 'moderator' ? [] : ['kaunatas-admin'],
      );
      await browser.agent.get(LIST).expect(403);
      await post(browser, LIST, { label: 'Nē' }).expect(403);
    }
    await request(world.context.app).get(LIST).expect(303);
  });

  it('asks again for a key without a label, keeping what was typed', async () => {
    const before = await auditCount(world, 'api_key.create');
    const page = await post(world.admin, `${LIST}?lang=en`, { label: '  ', trusted: '1' }).expect(422);
    assert.match(page.text, /data-qa="error-summary"/);
    assert.match(page.text, /Fill this in\./);
    assert.match(page.text, /name="trusted" value="1" checked/);
    assert.equal(await auditCount(world, 'api_key.create'), before);
  });

  it('makes a key, shows it once, keeps only its hash, and writes the audit log', async () => {
    const page = await post(world.admin, `${LIST}?lang=en`, { label: HOSTILE, trusted: '1' }).expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    const secret = /data-qa="api-key-secret">(tilts_[\w-]{43})</.exec(page.text)![1]!;
    assert.ok(page.text.includes(HOSTILE_SHOWN));
    const row = await world.context.services.knex('api_keys').orderBy('id', 'desc').first();
    assert.equal(row.label, '<script>alert(1)</script> & "quoted"');
    assert.equal(row.trusted, true);
    assert.equal(row.key_prefix, secret.slice(0, 12));
    assert.notEqual(row.key_hash, secret);
    assert.ok(!JSON.stringify(row).includes(secret.slice(12)), 'the secret is stored nowhere');
    const audit = await lastAudit(world, 'api_key.create');
    assert.equal(audit.staff_id, world.admin.member.id);
    assert.equal(audit.object_id, String(row.id));
    assert.deepEqual(audit.after, { label: row.label, trusted: true, prefix: row.key_prefix });
    assert.ok(!JSON.stringify(audit).includes(secret.slice(12)));

    const list = await world.admin.agent.get(LIST).expect(200);
    assert.ok(list.text.includes(`data-qa="api-key-${row.id}"`));
    assert.ok(list.text.includes(`${row.key_prefix}…`));
    assert.ok(!list.text.includes(secret));

    const posted = await postRequest(secret).expect(200);
    assert.match(posted.text, /"service_request_id":"RZN-/);
  });

  it('revokes a key: its next request is refused, and revoking again changes nothing', async () => {
    await post(world.admin, LIST, { label: 'Atsaucamā lietotne' }).expect(200);
    const secret = /data-qa="api-key-secret">(tilts_[\w-]{43})</.exec(
      (await post(world.admin, LIST, { label: 'Otrā lietotne' })).text,
    )![1]!;
    const row = await world.context.services.knex('api_keys').where({ label: 'Otrā lietotne' }).first();
    assert.equal(row.trusted, false);
    const revoked = await post(world.admin, `${LIST}/${row.id}/revoke`).expect(303);
    assert.equal(revoked.headers.location, `${LIST}?done=revoked&lang=en`);
    const audit = await lastAudit(world, 'api_key.revoke');
    assert.equal(audit.object_id, String(row.id));
    assert.deepEqual((audit.before as { revokedAt: unknown }).revokedAt, null);
    assert.equal(typeof (audit.after as { revokedAt: unknown }).revokedAt, 'string');
    const page = await world.admin.agent.get(`${LIST}?done=revoked&lang=en`).expect(200);
    assert.match(page.text, /The key is revoked/);
    assert.doesNotMatch(page.text, new RegExp(`action="${LIST}/${row.id}/revoke"`));
    const refused = await postRequest(secret).expect(403);
    // In Latvian, as every answer is when the client asks for no language.
    assert.match(refused.text, /api_key nav derīgs/);

    const count = await auditCount(world, 'api_key.revoke');
    const again = await post(world.admin, `${LIST}/${row.id}/revoke`).expect(303);
    assert.equal(again.headers.location, `${LIST}?done=already&lang=en`);
    assert.equal(await auditCount(world, 'api_key.revoke'), count);
    await post(world.admin, `${LIST}/999999/revoke`).expect(404);
    await post(world.admin, `${LIST}/nonsense/revoke`).expect(404);
  });

  it('refuses a second key of a name in use (the form sent twice), and takes the name of a revoked one', async () => {
    const { knex } = world.context.services;
    await post(world.admin, LIST, { label: 'Divreiz' }).expect(200);
    const twice = await post(world.admin, `${LIST}?lang=en`, { label: ' divREIZ ', trusted: '1' }).expect(
      422,
    );
    assert.match(twice.text, /data-qa="error-summary"/);
    assert.match(twice.text, /A key that is not revoked is already labelled so/);
    assert.match(twice.text, /name="trusted" value="1" checked/);
    assert.doesNotMatch(twice.text, /data-qa="api-key-secret"/);
    assert.equal(
      Number((await knex('api_keys').whereRaw('lower(trim(label)) = ?', ['divreiz']).count('* as n'))[0]!.n),
      1,
    );
    // Otrā lietotne was revoked above: its name may be given to a new key.
    await post(world.admin, LIST, { label: 'Otrā lietotne' }).expect(200);
  });
});
