import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, makeApiKey, validJson } from '../support/open311.js';
import { makeReport } from '../support/reports.js';

type Errors = { code: number; description: string }[];

describe('Open311 GeoReport v2: bad input gets the spec’s errors, never a 500', () => {
  let context: TestContext;
  let ordinaryKey: string;
  let trustedKey: string;

  // A developer's client asking for English (Latvian is the default: open311-language.test.ts).
  const app = () => request(context.app);
  const english = <T extends request.Test>(test: T) => test.set('Accept-Language', 'en');
  const get = (path: string) => english(app().get(`/open311/v2/${path}`));
  const post = (fields: Record<string, unknown>, format = 'json') =>
    english(app().post(`/open311/v2/requests.${format}`))
      .type('form')
      .send(fields);
  const reports = async () =>
    Number(((await context.services.knex('reports').count({ n: '*' }))[0] as { n: number }).n);

  /** The JSON error list, checked against its schema, with the status as its code. */
  function errorOf(res: request.Response, status: number): string {
    assert.equal(res.status, status, res.text);
    const [error] = validJson(res, 'errors') as Errors;
    assert.equal(error!.code, status);
    return error!.description;
  }

  const valid = () => ({
    api_key: ordinaryKey,
    service_code: 'roads',
    lat: '56.3081',
    long: '27.5905',
    description: 'Bedre.',
    email: 'kluda@example.lv',
  });

  before(async () => {
    context = await makeApp();
    ordinaryKey = await makeApiKey(context, false);
    trustedKey = await makeApiKey(context, true);
    await makeReport(context.services);
  });

  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('an unknown service is a 404, in JSON and in XML', async () => {
    assert.match(errorOf(await get('services/nonsense.json'), 404), /not found/);
    const xml = await get('services/nonsense.xml').expect(404);
    assertXmlMirrors(xml, 'errors', [{ code: 404, description: 'service_code "nonsense" not found' }]);
  });

  it('a private category is no service: the same 404 as an unknown one, and no service to post to', async () => {
    assert.equal(
      errorOf(await get('services/elderly-help.json'), 404),
      'service_code "elderly-help" not found',
    );
    const before = await reports();
    const description = errorOf(await post({ ...valid(), service_code: 'elderly-help' }), 400);
    assert.equal(description, 'service_code "elderly-help" is not a service');
    assert.equal(
      errorOf(await post({ ...valid(), service_code: 'nonsense' }), 400),
      'service_code "nonsense" is not a service',
    );
    assert.equal(await reports(), before);
  });

  it('an unknown request is a 404, whether or not its id could be ours', async () => {
    for (const id of ['RZN-2026-99999', 'nonsense', '%E2%80%AE'])
      errorOf(await get(`requests/${id}.json`), 404);
    assertXmlMirrors(await get('requests/RZN-2026-99999.xml').expect(404), 'errors', [
      { code: 404, description: 'service_request_id not found' },
    ]);
  });

  it('a malformed date is a 400 that says what a date must look like', async () => {
    const malformed = [
      'yesterday',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-11-01T25:00:00Z',
      '2026-11-01T00:00:00',
      '2026-11-01',
      '2026-11-01T00:00:00+99:00',
    ];
    for (const date of malformed) {
      for (const name of ['start_date', 'end_date']) {
        const description = errorOf(await get(`requests.json?${name}=${encodeURIComponent(date)}`), 400);
        assert.match(description, new RegExp(`^${name} must be a W3C datetime with a zone`), date);
      }
    }
    const xml = await get('requests.xml?start_date=yesterday').expect(400);
    assert.match(xml.text, /<errors>\s*<error>\s*<code>400<\/code>/);
  });

  it('a window of more than 90 days is a 400; 90 days exactly is answered', async () => {
    const window = (start: string, end: string) => get(`requests.json?start_date=${start}&end_date=${end}`);
    assert.match(
      errorOf(await window('2026-01-01T00:00:00Z', '2026-04-01T00:00:01Z'), 400),
      /may not span more than 90 days/,
    );
    assert.match(
      errorOf(await window('2026-04-01T00:00:00Z', '2026-01-01T00:00:00Z'), 400),
      /start_date must not be after end_date/,
    );
    validJson(await window('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z').expect(200), 'requests');
  });

  it('a date before 1970 or after 9999 is a 400; a default end past 9999 stops there (no 500)', async () => {
    for (const date of [
      '9999-12-31T23:59:59-00:01',
      '0080-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1970-01-01T01:00:00+02:00',
    ]) {
      for (const name of ['start_date', 'end_date']) {
        const description = errorOf(await get(`requests.json?${name}=${encodeURIComponent(date)}`), 400);
        assert.equal(description, `${name} must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z`);
      }
    }
    for (const start of ['9999-12-31T00:00:00Z', '9999-12-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const json = validJson(await get(`requests.json?start_date=${start}`).expect(200), 'requests');
      assert.deepEqual(json, [], start);
      assertXmlMirrors(await get(`requests.xml?start_date=${start}`).expect(200), 'requests', json);
    }
    const earliest = await get('requests.json?end_date=1970-01-01T00:00:00Z').expect(200);
    assert.deepEqual(validJson(earliest, 'requests'), []);
  });

  it('an unknown or private service_code is a 400 naming it, in any form of the parameter', async () => {
    for (const query of [
      'service_code=nope',
      'service_code=roads,nope',
      'service_code[]=nope',
      'service_code=elderly-help',
    ]) {
      const code = query.includes('elderly') ? 'elderly-help' : 'nope';
      assert.equal(
        errorOf(await get(`requests.json?${query}`), 400),
        `service_code "${code}" is not a service: services.json lists them`,
        query,
      );
    }
    const xml = await get('requests.xml?service_code[]=nope').expect(400);
    assert.match(xml.text, /<errors>\s*<error>\s*<code>400<\/code>/);
  });

  it('an unknown status is a 400, and parameters given twice are read as a list', async () => {
    assert.match(errorOf(await get('requests.json?status=pending'), 400), /status must be open or closed/);
    validJson(await get('requests.json?status=open&status=closed').expect(200), 'requests');
    errorOf(await get('requests.json?status=open&status=pending'), 400);
    errorOf(await get('requests.json?status[]=open&status[]=pending'), 400);
    errorOf(await get('requests.json?start_date[]=yesterday'), 400);
  });

  it('an unknown format suffix is a 404 in JSON, and so is an unknown path', async () => {
    for (const path of [
      'services.html',
      'requests.csv',
      'discovery.yaml',
      'services/roads.txt',
      'tokens/x.JSON',
    ]) {
      assert.equal(errorOf(await get(path), 404), 'unknown format: use .json or .xml', path);
    }
    errorOf(await get('requests/RZN-2026-00001.'), 404);
    errorOf(await get('nothing.json'), 404);
    errorOf(await get('services'), 404);
    errorOf(await english(app().put('/open311/v2/services.json')), 404);
    errorOf(await post({ ...valid() }, 'csv'), 404);
  });

  it('a POST without an API key, or with a wrong one, is a 403 and writes nothing', async () => {
    const before = await reports();
    const { api_key: _key, ...keyless } = valid();
    assert.equal(errorOf(await post(keyless), 403), 'api_key is required');
    for (const wrong of [
      'nonsense',
      `tilts_${'A'.repeat(43)}`,
      `${ordinaryKey.slice(0, -1)}${ordinaryKey.endsWith('x') ? 'y' : 'x'}`,
      ordinaryKey.toUpperCase(),
    ])
      assert.equal(errorOf(await post({ ...valid(), api_key: wrong }), 403), 'api_key is not valid', wrong);
    assertXmlMirrors(await post({ ...valid(), api_key: 'nonsense' }, 'xml').expect(403), 'errors', [
      { code: 403, description: 'api_key is not valid' },
    ]);
    assert.equal(await reports(), before);
  });

  it('a POST without a location is a 400, and so is half a position or a place outside the novads', async () => {
    const before = await reports();
    const { lat: _lat, long: _long, ...nowhere } = valid();
    assert.match(errorOf(await post(nowhere), 400), /a location is required/);
    assert.match(errorOf(await post({ ...nowhere, lat: '56.3' }), 400), /lat and long go together/);
    assert.match(
      errorOf(await post({ ...nowhere, address_string: 'Skolas iela 1' }), 400),
      /attribute\[parish\] is required/,
    );
    assert.match(
      errorOf(await post({ ...valid(), lat: '56.95', long: '24.11' }), 400),
      /not in Rēzeknes novads/,
    );
    assert.match(errorOf(await post({ ...valid(), lat: '37.76', long: '-122.41' }), 400), /outside Latvia/);
    assert.match(errorOf(await post({ ...valid(), lat: 'north' }), 400), /decimal degree/);
    assert.match(errorOf(await post({ ...valid(), 'attribute[parish]': 'atlantis' }), 400), /not a parish/);
    assert.equal(await reports(), before);
  });

  it('a description over the report form’s 5000 characters is a 400; 5000 are taken and answered within the schema', async () => {
    assert.match(
      errorOf(await post({ ...valid(), description: 'a'.repeat(5001) }), 400),
      /description may be at most 5000 characters/,
    );
    assert.match(errorOf(await post({ ...valid(), description: ' \n ' }), 400), /description is required/);
    const res = await post({ ...valid(), api_key: trustedKey, description: 'ā'.repeat(5000) }).expect(200);
    const [answer] = validJson(res, 'posted') as { service_request_id: string }[];
    const read = await get(`requests/${answer!.service_request_id}.json`).expect(200);
    const [request311] = validJson(read, 'requests') as { description: string }[];
    assert.equal(Array.from(request311!.description).length, 4000);
    assert.ok(request311!.description.endsWith('ā…'));
  });

  it('an ordinary client must give the resident’s email, a valid one, and a phone of digits', async () => {
    const { email: _email, ...anonymous } = valid();
    assert.match(errorOf(await post(anonymous), 400), /email is required/);
    assert.match(errorOf(await post({ ...valid(), email: 'a@b' }), 400), /email is not a valid address/);
    assert.match(errorOf(await post({ ...valid(), email: 'a@example.lv, b@example.lv' }), 400), /email/);
    assert.match(errorOf(await post({ ...valid(), phone: 'call me' }), 400), /phone/);
    assert.match(errorOf(await post({ ...valid(), first_name: 'x'.repeat(121) }), 400), /first_name/);
  });

  it('a body that is not JSON, or too large, is a 400 or 413 in the spec’s shape', async () => {
    const broken = await english(app().post('/open311/v2/requests.json'))
      .set('Content-Type', 'application/json')
      .send('{"api_key": ');
    assert.equal(errorOf(broken, 400), 'the request cannot be read');
    assert.equal(errorOf(await get('services/%ZZ.json'), 400), 'the request cannot be read');
    const large = await post({ ...valid(), description: 'x'.repeat(200_000) });
    errorOf(large, 413);
    const odd = await english(app().post('/open311/v2/requests.json')).send({
      api_key: ['a', 'b'],
      service_code: { $ne: 1 },
      lat: [1],
      description: 7,
    });
    // Two keys are two values of one field: refused as any field given twice, before any key is read.
    assert.match(errorOf(odd, 400), /^api_key is given more than once/);
    const oddKey = await english(app().post('/open311/v2/requests.json')).send({
      api_key: { $ne: 1 },
      service_code: { $ne: 1 },
      description: 7,
    });
    errorOf(oddKey, 403);
    const nested = await english(app().post('/open311/v2/requests.json')).send({
      ...valid(),
      service_code: { $ne: 1 },
      lat: { x: 1 },
      description: ['Bedre.'],
    });
    errorOf(nested, 400);
  });
});
