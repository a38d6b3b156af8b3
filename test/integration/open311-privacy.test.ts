import assert from 'node:assert/strict';
import { pino } from 'pino';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeApiKey } from '../support/open311.js';
import { hideReport, makeReport } from '../support/reports.js';

/**
 * What must never leave through Open311: people's names (one its reporter chose to show only in their
 * own words, `SHOWN_DESCRIPTION`), addresses and phones, and what is not public.
 */
const SECRETS = [
  'Zigfrīds Slepenais',
  'Slepenais',
  'zigfrids.slepenais@example.lv',
  '29998877',
  'Marta Privātā',
  'marta.privata@example.lv',
  '26660001',
  'PRIVĀTS-TEKSTS',
  'PASLĒPTS-TEKSTS',
  'NEAPSTIPRINĀTS-TEKSTS',
  'AIZTURĒTS-TEKSTS',
  'Pēteris Posteris',
  'Posteris',
  'peteris.posteris@example.lv',
  '21112222',
  'Uzticamā Ursula',
  'ursula@example.lv',
  '23334444',
  '26123456',
  'kaimins@example.lv',
];

/** A resident who typed their own contact, and a neighbour's, into their words. */
const TYPED =
  'Publiska bedre. Zvaniet: Zigfrīds Slepenais, tālr. 29998877, zigfrids.slepenais@example.lv, ' +
  'vai kaimiņam +371 26123456, kaimins@example.lv.';

/**
 * His public report's words as Open311 gives them: he chose to show his name, so it stands in his
 * own words as he typed them (and nowhere else); his contacts and the neighbour's are masked.
 */
const SHOWN_DESCRIPTION =
  'Publiska bedre. Zvaniet: Zigfrīds Slepenais, tālr. […], […], vai kaimiņam […], […].';
const SHOWN_ADDRESS = 'Pie Zigfrīds Slepenais mājas, […]';

describe('Open311 GeoReport v2: nothing private leaves', () => {
  let context: TestContext;
  const logLines: string[] = [];
  const answers: { path: string; text: string }[] = [];
  const refs: string[] = [];
  const tokens: string[] = [];

  const fetch = async (path: string) => {
    const res = await request(context.app).get(`/open311/v2/${path}`);
    assert.ok(res.status < 500, `${path}: ${res.status}`);
    answers.push({ path, text: res.text });
    return res;
  };

  before(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
    context = await makeApp({}, { logger });
    const { services } = context;
    const person = {
      name: 'Zigfrīds Slepenais',
      email: 'zigfrids.slepenais@example.lv',
      phone: '+371 29998877',
    };
    const made = [
      await makeReport(services, {
        ...person,
        showName: true,
        description: TYPED,
        location: 'Pie Zigfrīds Slepenais mājas, 29998877',
        photos: 1,
      }),
      await makeReport(services, {
        category: 'elderly-help',
        name: 'Marta Privātā',
        email: 'marta.privata@example.lv',
        phone: '+371 26660001',
        description: 'PRIVĀTS-TEKSTS',
      }),
      await makeReport(services, { ...person, description: 'PASLĒPTS-TEKSTS' }),
      await makeReport(services, { ...person, description: 'NEAPSTIPRINĀTS-TEKSTS', confirmed: false }),
    ];
    await hideReport(services, made[2]!.report);
    await services.knex('banned_senders').insert({
      kind: 'address',
      value: 'aizturets@example.lv',
      reason: 'Surogātpasts',
      created_at: new Date(),
    });
    made.push(await makeReport(services, { email: 'aizturets@example.lv', description: 'AIZTURĒTS-TEKSTS' }));
    refs.push(...made.map((one) => one.report.ref));

    const posted = [
      {
        api_key: await makeApiKey(context, false),
        first_name: 'Pēteris',
        last_name: 'Posteris',
        email: 'peteris.posteris@example.lv',
        phone: '+371 21112222',
      },
      {
        api_key: await makeApiKey(context, true),
        first_name: 'Uzticamā',
        last_name: 'Ursula',
        email: 'ursula@example.lv',
        phone: '+371 23334444',
      },
    ];
    for (const [index, fields] of posted.entries()) {
      for (const format of ['json', 'xml']) {
        const res = await request(context.app)
          .post(`/open311/v2/requests.${format}`)
          .type('form')
          .send({
            ...fields,
            service_code: 'roads',
            lat: '56.3081',
            long: '27.5905',
            description: `Bedre ${index}. Zvaniet ${fields.first_name} ${fields.last_name}, ${fields.phone}.`,
          })
          .expect(200);
        answers.push({ path: `POST requests.${format}`, text: res.text });
        tokens.push(
          ...[...res.text.matchAll(/"token":"([\w-]+)"|<token>([\w-]+)<\/token>/g)].map((m) => m[1] ?? m[2]!),
        );
        refs.push(...[...res.text.matchAll(/RZN-\d{4}-\d{5}/g)].map((m) => m[0]));
      }
    }
    // Every report in the database, whatever it is, by its reference.
    refs.push(...((await services.knex('reports').pluck('ref')) as string[]));
  });

  it('says nothing of them in any answer, in either format, or in any log line', async () => {
    const codes = ((await context.services.knex('categories').pluck('code')) as string[]).concat('nonsense');
    for (const format of ['json', 'xml']) {
      const paths = [
        `discovery.${format}`,
        `services.${format}`,
        ...codes.map((code) => `services/${code}.${format}`),
        `requests.${format}`,
        `requests.${format}?status=open,closed`,
        `requests.${format}?service_code=${codes.join(',')}`,
        `requests.${format}?service_request_id=${refs.join(',')}`,
        ...refs.map((ref) => `requests/${ref}.${format}`),
        ...tokens.map((token) => `tokens/${token}.${format}`),
        `requests.${format}?start_date=never`,
      ];
      for (const path of paths) await fetch(path);
    }
    assert.ok(answers.length > 60);
    const everything = answers.map((answer) => `${answer.path}\n${answer.text}`).join('\n');
    assert.ok(
      everything.includes('Publiska bedre.'),
      'the public report is there: the scan reads real answers',
    );
    const shownOnlyThere = (text: string) =>
      text.replaceAll(SHOWN_DESCRIPTION, '').replaceAll(SHOWN_ADDRESS, '');
    assert.ok(everything.includes(SHOWN_DESCRIPTION), 'the name he chose to show is in his words');
    for (const secret of SECRETS) {
      const leak = answers.find((answer) => shownOnlyThere(answer.text).includes(secret));
      assert.equal(leak, undefined, `${secret} in ${leak?.path}`);
      assert.ok(!logLines.some((line) => line.includes(secret)), `${secret} in a log line`);
    }
    assert.ok(
      logLines.some((line) => line.includes('/open311/v2/')),
      'the requests were logged',
    );
  });

  it('lists only the public reports among them, with every contact typed into them masked', async () => {
    const res = await fetch(`requests.json?service_request_id=${refs.join(',')}`);
    const listed = (JSON.parse(res.text) as { service_request_id: string; description: string }[]).map(
      (item) => item.description,
    );
    assert.deepEqual(listed.sort(), [
      'Bedre 1. Zvaniet […], […].',
      'Bedre 1. Zvaniet […], […].',
      SHOWN_DESCRIPTION,
    ]);
  });
});
