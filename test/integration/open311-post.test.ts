import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, makeApiKey, validJson } from '../support/open311.js';

/**
 * A GeoReport v2 client written from the specification alone: it knows the endpoint's URL, the
 * resources (services, requests, tokens), their parameters and that answers are JSON arrays.
 */
class GeoReportClient {
  constructor(
    private readonly context: TestContext,
    private readonly endpoint = '/open311/v2',
  ) {}

  async services() {
    const res = await request(this.context.app).get(`${this.endpoint}/services.json`).expect(200);
    return validJson(res, 'services') as { service_code: string; service_name: string }[];
  }

  async post(fields: Record<string, string>) {
    const res = await request(this.context.app)
      .post(`${this.endpoint}/requests.json`)
      .type('form')
      .send(fields);
    assert.equal(res.status, 200, res.text);
    return validJson(res, 'posted') as { service_request_id?: string; token?: string }[];
  }

  async token(token: string) {
    const res = await request(this.context.app).get(`${this.endpoint}/tokens/${token}.json`).expect(200);
    return validJson(res, 'token') as { service_request_id?: string; token: string }[];
  }

  async request(id: string) {
    const res = await request(this.context.app).get(`${this.endpoint}/requests/${id}.json`).expect(200);
    return validJson(res, 'requests') as Record<string, unknown>[];
  }
}

const KAUNATA = { lat: '56.3081', long: '27.5905' };

describe('Open311 GeoReport v2: posting requests', () => {
  let context: TestContext;
  let client: GeoReportClient;
  let ordinaryKey: string;
  let trustedKey: string;

  const outbox = (where: Record<string, unknown>) =>
    context.services.knex('outbox').where(where).orderBy('id') as Promise<
      { kind: string; to_email: string; text_body: string; report_id: number }[]
    >;
  const reportByRef = (ref: string) => context.services.knex('reports').where({ ref }).first();

  before(async () => {
    context = await makeApp();
    client = new GeoReportClient(context);
    ordinaryKey = await makeApiKey(context, false, 'Pilsētas lietotne');
    trustedKey = await makeApiKey(context, true, 'Novada zvanu centrs');
  });

  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('takes an ordinary client’s request as the report form does: the resident confirms by email, then the token gives the id', async () => {
    const services = await client.services();
    const roads = services.find((service) => service.service_code === 'roads')!;
    const [answer] = await client.post({
      api_key: ordinaryKey,
      service_code: roads.service_code,
      ...KAUNATA,
      description: 'Bedre ceļa vidū pie skolas.\nDziļa, grūti izbraukt.',
      email: 'klients@example.lv',
      first_name: 'Ilze',
      last_name: 'Klientiete',
      phone: '+371 20000001',
    });
    assert.equal(answer!.service_request_id, undefined);
    const token = answer!.token!;
    assert.deepEqual(await client.token(token), [{ token }]);

    const [confirm] = await outbox({ kind: 'report-confirm', to_email: 'klients@example.lv' });
    assert.ok(confirm, 'the resident gets the report form’s confirmation email');
    const stored = await context.services.knex('reports').where({ id: confirm.report_id }).first();
    assert.equal(stored.status, 'unconfirmed');
    assert.equal(stored.parish_code, 'kaunatas', 'the parish whose centre is nearest');
    assert.equal(stored.reporter_name, 'Ilze Klientiete');
    assert.equal(stored.title, 'Bedre ceļa vidū pie skolas.');
    assert.equal(stored.location, '56.30810, 27.59050');
    await request(context.app).get(`/open311/v2/requests/${stored.ref}.json`).expect(404);

    const link = /http:\/\/tilts\.test(\/reports\/confirm\/[A-Za-z0-9._~-]+)/.exec(confirm.text_body)![1]!;
    await request(context.app).post(link).expect(200);
    const [resolved] = await client.token(token);
    assert.deepEqual(resolved, { service_request_id: stored.ref, token });
    const [read] = await client.request(resolved!.service_request_id!);
    assert.equal(read!.status, 'open');
    assert.equal(read!.service_code, 'roads');
    assert.equal(read!.description, 'Bedre ceļa vidū pie skolas.\nDziļa, grūti izbraukt.');
    assert.equal(read!.lat, 56.3081);
    assert.equal(read!.address, '56.30810, 27.59050');
    const routed = (await outbox({ kind: 'report-new', report_id: stored.id })).map((mail) => mail.to_email);
    assert.deepEqual(routed.sort(), ['kaunatas.parvalde@example.org', 'kaunatas.socialais@example.org']);
    const row = await context.services.knex('open311_requests').where({ token }).first();
    assert.equal(row.report_id, stored.id);
  });

  it('takes a trusted partner’s request confirmed and routed at once: the id comes back and reads at once', async () => {
    const [answer] = await client.post({
      api_key: trustedKey,
      service_code: 'street-lighting',
      address_string: 'Maltas centrs, pie veikala',
      'attribute[parish]': 'maltas',
      description: 'Nedeg trīs laternas.',
    });
    const id = answer!.service_request_id!;
    assert.match(id, /^RZN-\d{4}-\d{5}$/);
    const [read] = await client.request(id);
    assert.equal(read!.address, 'Maltas centrs, pie veikala');
    assert.equal(read!.agency_responsible, 'Maltas pagasts');
    const stored = await reportByRef(id);
    assert.equal(stored.status, 'open');
    assert.ok(stored.confirmed_at && stored.routed_at);
    assert.equal(stored.reporter_email, null);
    const mails = await outbox({ report_id: stored.id });
    assert.deepEqual(mails.map((mail) => mail.kind).sort(), ['report-new', 'report-new']);
    assert.ok(mails.every((mail) => mail.to_email.startsWith('maltas.')));
  });

  it('emails the resident whose address a trusted partner gave that their report was sent', async () => {
    const res = await request(context.app)
      .post('/open311/v2/requests.json?locale=en')
      .send({
        api_key: trustedKey,
        service_code: 'waste',
        lat: 56.3151,
        long: 27.1889,
        description: 'Pārpildīti konteineri.',
        email: 'iedzivotajs@example.lv',
      })
      .expect(200);
    const [answer] = validJson(res, 'posted') as { service_request_id: string }[];
    const stored = await reportByRef(answer!.service_request_id);
    assert.equal(stored.parish_code, 'maltas');
    assert.equal(stored.language, 'en');
    const mails = await outbox({ report_id: stored.id, to_email: 'iedzivotajs@example.lv' });
    assert.deepEqual(
      mails.map((mail) => mail.kind),
      ['report-published'],
    );
  });

  it('sends a banned sender’s request from a trusted partner the ordinary way, where confirming holds it', async () => {
    await context.services.knex('banned_senders').insert({
      kind: 'address',
      value: 'spams@example.lv',
      reason: 'Reklāma',
      created_at: new Date(),
    });
    const [answer] = await client.post({
      api_key: trustedKey,
      service_code: 'roads',
      ...KAUNATA,
      description: 'Pērciet mūsu preces.',
      email: 'spams@example.lv',
    });
    assert.ok(answer!.token && !answer!.service_request_id);
    const [confirm] = await outbox({ kind: 'report-confirm', to_email: 'spams@example.lv' });
    const link = /http:\/\/tilts\.test(\/reports\/confirm\/[A-Za-z0-9._~-]+)/.exec(confirm!.text_body)![1]!;
    await request(context.app).post(link).expect(200);
    const stored = await context.services.knex('reports').where({ id: confirm!.report_id }).first();
    assert.ok(stored.held_at, 'held, as every banned sender’s report');
    assert.equal((await outbox({ kind: 'report-new', report_id: stored.id })).length, 0);
    assert.deepEqual(
      await client.token(answer!.token!),
      [{ token: answer!.token }],
      'no id of a held report',
    );
  });

  it('answers a POST in XML as it does in JSON, and takes JSON bodies with a nested attribute', async () => {
    const fields = {
      api_key: trustedKey,
      service_code: 'snow',
      address_string: 'Kaunata, Skolas iela',
      description: 'Neiztīrīts sniegs.',
    };
    const xml = await request(context.app)
      .post('/open311/v2/requests.xml')
      .type('form')
      .send({ ...fields, 'attribute[parish]': 'kaunatas' })
      .expect(200);
    const id = /<service_request_id>(RZN-[\d-]+)<\/service_request_id>/.exec(xml.text)![1]!;
    assertXmlMirrors(xml, 'posted', [
      { service_request_id: id, service_notice: 'Nosūtīts pagasta pārvaldei.' },
    ]);
    const json = await request(context.app)
      .post('/open311/v2/requests.json')
      .send({ ...fields, attribute: { parish: 'kaunatas' } })
      .expect(200);
    const [answer] = validJson(json, 'posted') as { service_request_id: string }[];
    assert.equal((await reportByRef(answer!.service_request_id)).parish_code, 'kaunatas');
  });

  it('resolves a token in XML too, and knows no token it did not give', async () => {
    const [answer] = await client.post({
      api_key: ordinaryKey,
      service_code: 'roads',
      ...KAUNATA,
      description: 'Vēl viena bedre.',
      email: 'otrs@example.lv',
    });
    const token = answer!.token!;
    assertXmlMirrors(await request(context.app).get(`/open311/v2/tokens/${token}.xml`).expect(200), 'token', [
      { token },
    ]);
    for (const unknown of [
      'A'.repeat(32),
      'short',
      `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
    ]) {
      validJson(await request(context.app).get(`/open311/v2/tokens/${unknown}.json`).expect(404), 'errors');
    }
  });

  it('notes when a key was last used, and refuses a key once revoked', async () => {
    const key = await makeApiKey(context, true, 'Drīz atsaukta');
    const fields = { api_key: key, service_code: 'roads', ...KAUNATA, description: 'Bedre.' };
    await client.post(fields);
    const row = await context.services.knex('api_keys').where({ label: 'Drīz atsaukta' }).first();
    assert.ok(row.last_used_at);
    await context.services.apiKeys.revoke(row.id, { staffId: row.created_by_staff_id, ip: null });
    const res = await request(context.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send(fields)
      .expect(403);
    assert.deepEqual(validJson(res, 'errors'), [{ code: 403, description: 'api_key nav derīgs' }]);
  });

  it('lets one address post five requests an hour, as the report form does', async () => {
    const fields = {
      api_key: ordinaryKey,
      service_code: 'roads',
      ...KAUNATA,
      description: 'Bedre.',
      email: 'biezi@example.lv',
    };
    for (let index = 0; index < 5; index += 1) await client.post(fields);
    const res = await request(context.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send(fields)
      .expect(429);
    validJson(res, 'errors');
  });
});
