import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, validJson, type Shape } from '../support/open311.js';
import { hideReport, makeReport, moveReport } from '../support/reports.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Open311 GeoReport v2: reading services and requests', () => {
  let context: TestContext;
  let now: Date;
  const refs = {} as Record<
    'pothole' | 'light' | 'bins' | 'old' | 'private' | 'hidden' | 'unconfirmed',
    string
  >;
  let photoKey: string;

  const get = (path: string) => request(context.app).get(`/open311/v2/${path}`);

  /** The JSON answer, checked against its schema, and the XML answer checked to say the same. */
  async function both(path: string, shape: Shape): Promise<unknown> {
    const [base, query] = path.split('?') as [string, string | undefined];
    const suffix = (format: string) => `${base}.${format}${query ? `?${query}` : ''}`;
    const json = validJson(await get(suffix('json')).expect(200), shape);
    assertXmlMirrors(await get(suffix('xml')).expect(200), shape, json);
    return json;
  }

  const ids = (body: unknown) =>
    (body as { service_request_id: string }[]).map((item) => item.service_request_id);

  before(async () => {
    now = new Date('2026-11-30T15:00:00Z');
    context = await makeApp({}, { clock: () => now });
    const { services } = context;
    const at = async (daysAgo: number, options: Parameters<typeof makeReport>[1]) => {
      now = new Date(Date.parse('2026-11-30T15:00:00Z') - daysAgo * DAY_MS);
      const made = await makeReport(services, options);
      return made;
    };
    const old = await at(100, { description: 'Vecs ziņojums par ceļu.' });
    const bins = await at(3, { category: 'waste', parish: 'maltas', description: 'Konteineri pārpildīti.' });
    const light = await at(2, { category: 'street-lighting', description: 'Nedeg laterna.' });
    const pothole = await at(1, {
      description: 'Bedre <liela> & "dziļa"\nPie pieturas.',
      location: 'Skolas iela 1, Kaunata',
      lat: 56.3201,
      lon: 27.5402,
      photos: 1,
    });
    const privateRequest = await at(1, { category: 'elderly-help', description: 'Vajag malku.' });
    const hidden = await at(1, { description: 'Paslēpts ziņojums.' });
    const unconfirmed = await at(1, { description: 'Neapstiprināts ziņojums.', confirmed: false });
    now = new Date('2026-11-30T15:00:00Z');
    await moveReport(services, light.report, 'resolved');
    await moveReport(services, bins.report, 'closed');
    await services.knex('reports').where({ id: bins.report.id }).update({ close_reason: 'duplicate' });
    await hideReport(services, hidden.report);
    Object.assign(refs, {
      pothole: pothole.report.ref,
      light: light.report.ref,
      bins: bins.report.ref,
      old: old.report.ref,
      private: privateRequest.report.ref,
      hidden: hidden.report.ref,
      unconfirmed: unconfirmed.report.ref,
    });
    photoKey = pothole.photoKeys[0]!;
  });

  it('describes itself in a discovery document', async () => {
    const body = (await both('discovery', 'discovery')) as {
      changeset: string;
      endpoints: { url: string; formats: string[]; type: string; changeset: string }[];
    };
    assert.equal(body.endpoints[0]!.url, 'http://tilts.test/open311/v2');
    // The tests run a real installation's settings: a production endpoint, changed in the past.
    assert.equal(body.endpoints[0]!.type, 'production');
    assert.ok(Date.parse(body.changeset) <= Date.now(), body.changeset);
    assert.deepEqual(body.endpoints[0]!.formats, ['text/xml', 'application/json']);
  });

  it('lists the public categories in use as services, named in the asked language or Latvian', async () => {
    const lv = (await both('services', 'services')) as { service_code: string; service_name: string }[];
    const expected = (await context.services.reference.categories())
      .filter((category) => category.visibility === 'public' && category.active)
      .map((category) => category.code);
    assert.deepEqual(
      lv.map((service) => service.service_code),
      expected,
    );
    assert.ok(!lv.some((service) => ['elderly-help', 'social-other'].includes(service.service_code)));
    assert.equal(lv.find((service) => service.service_code === 'roads')!.service_name, 'Ceļi un ietves');
    const en = (await both('services?locale=en_GB', 'services')) as typeof lv;
    assert.equal(en.find((service) => service.service_code === 'roads')!.service_name, 'Roads and pavements');
    const ru = (await both('services?lang=ru', 'services')) as typeof lv;
    assert.equal(ru.find((service) => service.service_code === 'roads')!.service_name, 'Дороги и тротуары');
    assert.deepEqual(lv[0], {
      service_code: 'roads',
      service_name: 'Ceļi un ietves',
      description: null,
      // Every service takes the parish attribute: its definition is at services/{code}.
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: 'public',
    });
  });

  it('defines a service by its one optional attribute, the parish', async () => {
    const body = (await both('services/roads?locale=en', 'definition')) as {
      service_code: string;
      attributes: { code: string; required: boolean; values: { key: string; name: string }[] }[];
    };
    assert.equal(body.service_code, 'roads');
    const [parish] = body.attributes;
    assert.equal(parish!.code, 'parish');
    assert.equal(parish!.required, false);
    assert.equal(parish!.values.length, (await context.services.reference.parishes()).length);
    assert.deepEqual(
      parish!.values.find((value) => value.key === 'kaunatas'),
      { key: 'kaunatas', name: 'Kaunata parish' },
    );
  });

  it('lists the public requests of the last 90 days, newest first, in the spec’s shape', async () => {
    const body = (await both('requests', 'requests')) as Record<string, unknown>[];
    assert.deepEqual(ids(body), [refs.pothole, refs.light, refs.bins]);
    const pothole = body[0]!;
    assert.deepEqual(pothole, {
      service_request_id: refs.pothole,
      status: 'open',
      status_notes: 'Atvērts',
      service_name: 'Ceļi un ietves',
      service_code: 'roads',
      description: 'Bedre <liela> & "dziļa"\nPie pieturas.',
      agency_responsible: 'Kaunatas pagasts',
      service_notice: null,
      requested_datetime: '2026-11-29T17:00:00+02:00',
      updated_datetime: '2026-11-29T17:00:00+02:00',
      expected_datetime: null,
      address: 'Skolas iela 1, Kaunata',
      address_id: null,
      zipcode: null,
      lat: 56.3201,
      long: 27.5402,
      media_url: `http://tilts.test/photos/${photoKey}`,
    });
    const photo = await request(context.app)
      .get(new URL(pothole.media_url as string).pathname)
      .expect(200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
  });

  it('maps our statuses to open and closed, with the status and reason in words', async () => {
    const body = (await both('requests?locale=en', 'requests')) as Record<string, unknown>[];
    const byId = new Map(body.map((item) => [item.service_request_id, item]));
    assert.equal(byId.get(refs.light)!.status, 'closed');
    assert.equal(byId.get(refs.light)!.status_notes, 'Resolved');
    assert.equal(byId.get(refs.bins)!.status, 'closed');
    assert.equal(byId.get(refs.bins)!.status_notes, 'Closed: Duplicate');
    assert.deepEqual(ids(await both('requests?status=open', 'requests')), [refs.pothole]);
    assert.deepEqual(ids(await both('requests?status=closed', 'requests')), [refs.light, refs.bins]);
    assert.deepEqual(ids(await both('requests?status=open,closed', 'requests')), [
      refs.pothole,
      refs.light,
      refs.bins,
    ]);
  });

  it('filters by service codes and by a window of dates in any zone', async () => {
    assert.deepEqual(ids(await both('requests?service_code=roads', 'requests')), [refs.pothole]);
    assert.deepEqual(ids(await both('requests?service_code=waste,street-lighting', 'requests')), [
      refs.light,
      refs.bins,
    ]);
    // PHP-style lists (`service_code[]=…`) mean the same as a comma list, never "every request".
    assert.deepEqual(ids(await both('requests?service_code[]=roads', 'requests')), [refs.pothole]);
    assert.deepEqual(
      ids(await both('requests?service_code%5B%5D=waste&service_code%5B%5D=street-lighting', 'requests')),
      [refs.light, refs.bins],
    );
    assert.deepEqual(ids(await both('requests?service_code[0]=roads', 'requests')), [refs.pothole]);
    const older = 'start_date=2026-08-01T00:00:00Z&end_date=2026-09-01T00:00:00%2B03:00';
    assert.deepEqual(ids(await both(`requests?${older}`, 'requests')), [refs.old]);
    // A + left unencoded arrives as a space, and still means +.
    assert.deepEqual(ids(await both('requests?start_date=2026-11-28T00:00:00+02:00', 'requests')), [
      refs.pothole,
      refs.light,
    ]);
    assert.deepEqual(ids(await both('requests?end_date=2026-11-28T12:00:00Z', 'requests')), [refs.bins]);
  });

  it('gives the requests named by service_request_id whatever the other filters say', async () => {
    const query = `service_request_id=${refs.old},${refs.pothole.toLowerCase()},${refs.private},RZN-0000-00000,nonsense&status=closed&service_code=waste`;
    assert.deepEqual(ids(await both(`requests?${query}`, 'requests')), [refs.pothole, refs.old]);
  });

  it('gives one request by its reference, as a list of one', async () => {
    const body = (await both(`requests/${refs.light}`, 'requests')) as Record<string, unknown>[];
    assert.deepEqual(ids(body), [refs.light]);
    assert.equal(body[0]!.service_code, 'street-lighting');
    assert.deepEqual(ids(await both(`requests/${refs.light.toLowerCase()}`, 'requests')), [refs.light]);
  });

  it('never lists a private, hidden or unconfirmed report, nor gives one by its reference', async () => {
    const listed = ids(
      await both(`requests?service_request_id=${Object.values(refs).join(',')}`, 'requests'),
    );
    for (const ref of [refs.private, refs.hidden, refs.unconfirmed]) {
      assert.ok(!listed.includes(ref), ref);
      validJson(await get(`requests/${ref}.json`).expect(404), 'errors');
    }
  });

  it('answers at most 1000 requests, the newest', async () => {
    await context.services.knex.raw(
      `insert into reports (ref, category_code, parish_code, is_private, title, description, location,
         reporter_name, reporter_email, status, confirmed_at, routed_at, created_at, updated_at)
       select 'RZN-2026-9' || lpad(n::text, 4, '0'), 'roads', 'kaunatas', false, 'Bedre', 'Bedre nr. ' || n,
         'Kaunata', 'Iedzīvotājs', 'bulk@example.lv', 'open', ts, ts, ts, ts
       from (select n, ?::timestamptz - n * interval '1 minute' as ts from generate_series(1, 1005) n) s`,
      [new Date('2026-11-29T14:00:00Z')],
    );
    const body = (await both('requests?service_code=roads', 'requests')) as { requested_datetime: string }[];
    assert.equal(body.length, 1000);
    assert.equal(ids(body)[0], refs.pothole);
    assert.equal(ids(body)[1], 'RZN-2026-90001');
    assert.equal(ids(body)[999], 'RZN-2026-90999');
  });
});
