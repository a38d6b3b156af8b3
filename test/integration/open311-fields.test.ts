import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, makeApiKey, validJson } from '../support/open311.js';

type Errors = { code: number; description: string }[];
type Definition = {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
};

/**
 * What a client learns from discovery is what a POST takes: every service says it has a
 * definition, the definition's attributes are the only ones accepted, and a field given twice is
 * a 400 naming it (never read by its first value).
 */
describe('Open311 GeoReport v2: service definitions and the fields of a POST', () => {
  let context: TestContext;
  let ordinaryKey: string;
  let trustedKey: string;

  const app = () => request(context.app);
  /** A form body as a client writes it, a field as often as it likes. */
  const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
  const post = (body: string | object, format = 'json', query = '?lang=en') => {
    const test = app().post(`/open311/v2/requests.${format}${query}`);
    return typeof body === 'string' ? test.type('form').send(body) : test.send(body);
  };
  const reports = async () =>
    Number(((await context.services.knex('reports').count({ n: '*' }))[0] as { n: number }).n);
  const mails = async () =>
    Number(((await context.services.knex('outbox').count({ n: '*' }))[0] as { n: number }).n);

  function errorOf(res: request.Response, status: number): string {
    assert.equal(res.status, status, res.text);
    const [error] = validJson(res, 'errors') as Errors;
    assert.equal(error!.code, status);
    return error!.description;
  }

  const base = (): [string, string][] => [
    ['api_key', ordinaryKey],
    ['service_code', 'roads'],
    ['lat', '56.3081'],
    ['long', '27.5905'],
    ['description', 'Bedre.'],
  ];

  before(async () => {
    context = await makeApp();
    ordinaryKey = await makeApiKey(context, false);
    trustedKey = await makeApiKey(context, true);
  });

  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('says every service has metadata, and its definition is the parish attribute a POST takes', async () => {
    const services = validJson(await app().get('/open311/v2/services.json').expect(200), 'services') as {
      service_code: string;
      metadata: boolean;
    }[];
    assert.ok(services.length > 0);
    assertXmlMirrors(await app().get('/open311/v2/services.xml').expect(200), 'services', services);
    for (const service of services) {
      assert.equal(service.metadata, true, service.service_code);
      const res = await app().get(`/open311/v2/services/${service.service_code}.json?lang=en`).expect(200);
      const definition = validJson(res, 'definition') as Definition;
      assert.equal(definition.service_code, service.service_code);
      assert.deepEqual(
        definition.attributes.map(({ code, datatype, required, variable, order }) => ({
          code,
          datatype,
          required,
          variable,
          order,
        })),
        [{ code: 'parish', datatype: 'singlevaluelist', required: false, variable: true, order: 1 }],
      );
    }
    const roads = validJson(
      await app().get('/open311/v2/services/roads.json?lang=ru').expect(200),
      'definition',
    ) as Definition;
    const [parish] = roads.attributes;
    const parishes = await context.services.reference.parishes('ru');
    assert.deepEqual(
      parish!.values,
      parishes.map((one) => ({ key: one.code, name: one.names.ru })),
    );
    // Its explanation is in the asked language too.
    assert.match(parish!.description, /Волость или город/);

    // A value the definition lists is taken, and names the report's parish.
    const value = parish!.values.find((one) => one.key === 'maltas')!.key;
    const taken = await post(
      form([
        ['api_key', trustedKey],
        ['service_code', 'roads'],
        ['address_string', 'Skolas iela 1'],
        ['description', 'Bedre.'],
        [`attribute[${parish!.code}]`, value],
      ]),
    ).expect(200);
    const [answer] = validJson(taken, 'posted') as { service_request_id: string }[];
    const row = await context.services.knex('reports').where({ ref: answer!.service_request_id }).first();
    assert.equal(row.parish_code, 'maltas');
  });

  it('refuses an attribute the service does not define, in a form, in JSON and in XML, writing nothing', async () => {
    const before = [await reports(), await mails()];
    assert.equal(
      errorOf(await post(form([...base(), ['attribute[colour]', 'red']])), 400),
      'attribute[colour] is not an attribute of this service: services/{service_code}.json lists its attributes',
    );
    assert.match(
      errorOf(await post({ ...Object.fromEntries(base()), attribute: { colour: 'red' } }), 400),
      /^attribute\[colour\] is not an attribute/,
    );
    const xml = await post(form([...base(), ['attribute[colour]', 'red']]), 'xml').expect(400);
    assert.match(
      xml.text,
      /<errors>\s*<error>\s*<code>400<\/code>\s*<description>attribute\[colour\] is not/,
    );
    assert.match(
      errorOf(await post(form([...base(), ['attribute', 'kaunatas']])), 400),
      /attribute must be given as attribute\[code\]=value/,
    );
    assert.deepEqual([await reports(), await mails()], before);
  });

  it('refuses an attribute given as an object, not text, with a 400 naming it in each language, writing nothing', async () => {
    const before = [await reports(), await mails()];
    const object = { code: 'maltas' };
    for (const body of [
      { ...Object.fromEntries(base()), attribute: { parish: object } },
      { ...Object.fromEntries(base()), 'attribute[parish]': object },
      { ...Object.fromEntries(base()), attribute: { parish: [object] } },
      { ...Object.fromEntries(base()), attribute: { parish: true } },
    ]) {
      assert.equal(
        errorOf(await post(body), 400),
        'attribute[parish] must be text (a code)',
        JSON.stringify(body),
      );
    }
    const nested = { ...Object.fromEntries(base()), attribute: { parish: object } };
    assert.equal(errorOf(await post(nested, 'json', ''), 400), 'attribute[parish] jābūt tekstam (kodam)');
    assert.equal(
      errorOf(await post(nested, 'json', '?lang=ru'), 400),
      'attribute[parish] должен быть текстом (кодом)',
    );
    assertXmlMirrors(await post(nested, 'xml').expect(400), 'errors', [
      { code: 400, description: 'attribute[parish] must be text (a code)' },
    ]);
    assert.deepEqual([await reports(), await mails()], before);
    // A code as text is taken, as before.
    const text = { ...Object.fromEntries(base()), api_key: trustedKey, attribute: { parish: 'maltas' } };
    const taken = await post(text).expect(200);
    const [answer] = validJson(taken, 'posted') as { service_request_id: string }[];
    const row = await context.services.knex('reports').where({ ref: answer!.service_request_id }).first();
    assert.equal(row.parish_code, 'maltas');
  });

  it('refuses a field given twice with a 400 naming it, in JSON and in XML, writing and sending nothing', async () => {
    const before = [await reports(), await mails()];
    const twice: [string, [string, string][]][] = [
      ['email', [...base(), ['email', 'a@example.org'], ['email', 'b@example.org']]],
      ['service_code', [...base(), ['service_code', 'waste']]],
      ['description', [...base(), ['description', 'Otra.']]],
      ['attribute[parish]', [...base(), ['attribute[parish]', 'kaunatas'], ['attribute[parish]', 'maltas']]],
      ['attribute[parish]', [...base(), ['attribute[parish]', 'kaunatas'], ['parish', 'maltas']]],
      ['api_key', [...base(), ['api_key', trustedKey]]],
    ];
    for (const [name, fields] of twice) {
      const description = errorOf(await post(form(fields)), 400);
      assert.equal(description, `${name} is given more than once: give each field once`, name);
      assertXmlMirrors(await post(form(fields), 'xml').expect(400), 'errors', [{ code: 400, description }]);
    }
    // The same value twice is no less ambiguous to a client that meant two different ones.
    const same = form([...base(), ['email', 'a@example.org'], ['email', 'a@example.org']]);
    assert.match(errorOf(await post(same), 400), /^email is given more than once/);
    // A JSON array where one value goes is the same mistake.
    const json = { ...Object.fromEntries(base()), email: ['a@example.org', 'b@example.org'] };
    assert.match(errorOf(await post(json), 400), /^email is given more than once/);
    const nested = { ...Object.fromEntries(base()), attribute: { parish: ['kaunatas', 'maltas'] } };
    assert.match(errorOf(await post(nested), 400), /^attribute\[parish\] is given more than once/);
    // In the default language, Latvian, as every other error.
    const latvian = await post(
      form([...base(), ['email', 'a@example.org'], ['email', 'b@example.org']]),
      'json',
      '',
    );
    assert.equal(
      errorOf(latvian, 400),
      'email ir norādīts vairāk nekā vienu reizi: norādiet katru lauku vienu reizi',
    );
    assert.deepEqual([await reports(), await mails()], before);
  });
});
