import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, makeApiKey, validJson } from '../support/open311.js';

type Errors = { code: number; description: string }[];

/**
 * An answer is made in one language, its errors too: `?lang=` or `?locale=` (in a POST's body
 * too), else the client's Accept-Language, else Latvian, as every page of Tilts picks it.
 */
describe('Open311 GeoReport v2: errors in the language the client asks for', () => {
  let context: TestContext;
  let key: string;

  const app = () => request(context.app);
  const descriptionOf = (res: request.Response, status: number) => {
    assert.equal(res.status, status, res.text);
    return (validJson(res, 'errors') as Errors)[0]!.description;
  };

  const NOT_FOUND = {
    lv: 'service_code "nonsense" nav atrasts',
    en: 'service_code "nonsense" not found',
    ru: 'service_code "nonsense" не найден',
  };

  before(async () => {
    context = await makeApp();
    key = await makeApiKey(context, false);
  });

  it('answers in Latvian by default, else as ?lang=, ?locale= or Accept-Language ask, in JSON and XML', async () => {
    const get = (query: string, language?: string) => {
      const test = app().get(`/open311/v2/services/nonsense.json${query}`);
      return language ? test.set('Accept-Language', language) : test;
    };
    const latvian = await get('');
    assert.equal(descriptionOf(latvian, 404), NOT_FOUND.lv);
    assert.equal(latvian.headers['content-language'], 'lv');
    assert.match(String(latvian.headers.vary), /Accept-Language/);
    assert.equal(descriptionOf(await get('?lang=en'), 404), NOT_FOUND.en);
    assert.equal(descriptionOf(await get('?locale=ru_RU'), 404), NOT_FOUND.ru);
    const browser = await get('', 'ru-RU,ru;q=0.9,en;q=0.5');
    assert.equal(descriptionOf(browser, 404), NOT_FOUND.ru);
    assert.equal(browser.headers['content-language'], 'ru');
    // An explicit choice wins over the browser's; a language we do not speak is Latvian.
    assert.equal(descriptionOf(await get('?lang=en', 'ru'), 404), NOT_FOUND.en);
    assert.equal(descriptionOf(await get('', 'de-DE'), 404), NOT_FOUND.lv);
    assertXmlMirrors(await app().get('/open311/v2/services/nonsense.xml?lang=ru').expect(404), 'errors', [
      { code: 404, description: NOT_FOUND.ru },
    ]);
  });

  it('says every kind of error in each language: unknown paths, bad filters and unreadable bodies', async () => {
    const said = async (path: string, lang: string) =>
      descriptionOf(await app().get(`/open311/v2/${path}${path.includes('?') ? '&' : '?'}lang=${lang}`), 400);
    assert.equal(
      await said('requests.json?status=pending', 'lv'),
      'status jābūt open vai closed (vai abiem, atdalītiem ar komatu)',
    );
    assert.equal(
      await said('requests.json?status=pending', 'ru'),
      'status должен быть open или closed (или оба, через запятую)',
    );
    assert.match(
      await said('requests.json?start_date=vakar', 'ru'),
      /^start_date должно быть датой и временем W3C/,
    );
    assert.equal(descriptionOf(await app().get('/open311/v2/nothing.json?lang=ru'), 404), 'не найдено');
    assert.equal(
      descriptionOf(await app().get('/open311/v2/services.html?lang=lv'), 404),
      'nezināms formāts: izmantojiet .json vai .xml',
    );
    const broken = await app()
      .post('/open311/v2/requests.json?lang=ru')
      .set('Content-Type', 'application/json')
      .send('{"api_key": ');
    assert.equal(descriptionOf(broken, 400), 'запрос невозможно прочитать');
  });

  it('says a POST’s errors in the language its body or its query asks for', async () => {
    const post = (fields: Record<string, string>, query = '') =>
      app().post(`/open311/v2/requests.json${query}`).type('form').send(fields);
    assert.equal(descriptionOf(await post({ service_code: 'roads' }), 403), 'api_key ir obligāts');
    assert.equal(
      descriptionOf(await post({ service_code: 'roads' }, '?lang=en'), 403),
      'api_key is required',
    );
    assert.equal(descriptionOf(await post({ service_code: 'roads', lang: 'ru' }), 403), 'api_key обязателен');
    const fields = { api_key: key, service_code: 'roads', lat: '56.3081', long: '27.5905' };
    assert.equal(descriptionOf(await post({ ...fields, locale: 'en_US' }), 400), 'description is required');
    assert.equal(descriptionOf(await post({ ...fields, locale: 'ru' }), 400), 'description обязательно');
    assert.equal(
      descriptionOf(await post({ ...fields, description: 'x'.repeat(5001) }), 400),
      'description var būt ne vairāk kā 5000 rakstzīmes',
    );
  });

  it('names services in the same language as its errors: Accept-Language counts for both', async () => {
    const res = await app().get('/open311/v2/services.json').set('Accept-Language', 'en').expect(200);
    const services = validJson(res, 'services') as { service_code: string; service_name: string }[];
    assert.equal(services.find((one) => one.service_code === 'roads')!.service_name, 'Roads and pavements');
    assert.equal(res.headers['content-language'], 'en');
  });

  it('gives the discovery document’s contact and key service in the asked language, Latvian by default', async () => {
    type Discovery = { contact: string; key_service: string };
    const discovery = async (query: string, language?: string) => {
      const test = app().get(`/open311/v2/discovery.json${query}`);
      const res = await (language ? test.set('Accept-Language', language) : test).expect(200);
      const body = validJson(res, 'discovery') as Discovery;
      assertXmlMirrors(
        await app()
          .get(`/open311/v2/discovery.xml${query}`)
          .set('Accept-Language', language ?? '')
          .expect(200),
        'discovery',
        body,
      );
      return { body, language: res.headers['content-language'] };
    };
    const where = 'http://tilts.test/accessibility';
    const latvian = await discovery('');
    assert.equal(
      latvian.body.contact,
      `Rēzeknes novada pašvaldība: kā ar mums sazināties, skatiet ${where}.`,
    );
    assert.match(latvian.body.key_service, /^Lasīšanai atslēga nav vajadzīga\./);
    assert.equal(latvian.language, 'lv');
    const english = await discovery('?lang=en');
    assert.equal(
      english.body.contact,
      `Rēzeknes novada pašvaldība (Rēzekne municipality): see ${where}?lang=en for how to reach us.`,
    );
    assert.match(english.body.key_service, /^Reading needs no key\./);
    assert.equal(english.language, 'en');
    const russian = await discovery('', 'ru-RU,ru;q=0.9');
    assert.match(russian.body.contact, /^Rēzeknes novada pašvaldība \(самоуправление Резекненского края\)/);
    assert.ok(russian.body.contact.includes(`${where}?lang=ru`));
    assert.equal(russian.language, 'ru');
    assert.match((await discovery('?locale=ru_RU')).body.key_service, /^Для чтения ключ не нужен\./);
  });
});
