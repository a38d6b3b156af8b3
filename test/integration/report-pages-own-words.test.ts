import assert from 'node:assert/strict';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { askForHelp, requestFields } from './help-requests-helpers.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));

describe('the reporter’s own page shows their own words as typed; everyone else reads them masked', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('shows the one who asked for help their own words, on a page no cache keeps', async () => {
    const { app, services } = context;
    const fields = requestFields({
      description: 'Esmu Valentīna Kalvāne, zvaniet man uz 20000001 vai rakstiet valentina@example.lv.',
      email: 'valentina@example.lv',
    });
    const { id, ref } = await askForHelp(context, fields);
    const received = (await services
      .knex('outbox')
      .where({ report_id: id, kind: 'help-request-received' })
      .first()) as {
      text_body: string;
    };
    const link = new URL(/http:\/\/tilts\.test\/reports\/\S+/.exec(received.text_body)![0]);
    for (const time of [1, 2]) {
      const page = await request(app).get(`${link.pathname}${link.search}`).expect(200);
      assert.equal(page.headers['cache-control'], 'no-store', `ask ${time}`);
      assert.equal(page.headers['x-robots-tag'], 'noindex');
      assert.match(
        page.text,
        /data-qa="description">Esmu Valentīna Kalvāne, zvaniet man uz 20000001 vai rakstiet valentina@example\.lv\.</,
        `ask ${time}`,
      );
      // Nobody but staff reads a request for help, and staff read it as typed: no "others see […]".
      assert.doesNotMatch(page.text, /data-qa="masked-for-others"/);
      await settle();
    }
    // Without its token the request has no page at all.
    await request(app).get(`/reports/${ref}`).expect(404);
  });

  it('shows a reporter their own description, place, title and comments; the public page, kept or not, masked', async () => {
    const { app, services } = context;
    const { report, token } = await makeReport(services, {
      title: 'Bedre, zvaniet 29 123 456',
      description: 'Lūdzu zvaniet 29123456. Ilze Kalniņa',
      location: 'Skolas iela 4, ilze@example.net',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
    });
    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Joprojām. Tālr. 29123456.' })
      .expect(303);
    await settle();
    const publicPage = async () => (await request(app).get(`/reports/${report.ref}`).expect(200)).text;
    const own = async () => {
      const page = await request(app).get(`/reports/${report.ref}?token=${token}`).expect(200);
      assert.equal(page.headers['cache-control'], 'no-store');
      return page.text;
    };
    const before = await publicPage();
    for (const page of [before, await publicPage()]) {
      assert.doesNotMatch(page, /29\s?123\s?456|ilze@example\.net|Ilze Kalniņa|masked-for-others/);
      assert.match(page, /Lūdzu zvaniet \[…\]\. \[…\]/);
    }
    const mine = await own();
    assert.match(mine, /data-qa="title">Bedre, zvaniet 29 123 456</);
    assert.match(mine, /data-qa="description">Lūdzu zvaniet 29123456\. Ilze Kalniņa</);
    assert.match(mine, /Skolas iela 4, ilze@example\.net/);
    assert.match(mine, /Joprojām\. Tālr\. 29123456\./);
    assert.match(mine, /data-qa="masked-for-others"/);
    // The public page asked again after the reporter's is still the masked one.
    assert.doesNotMatch(await publicPage(), /29123456|ilze@example\.net|Ilze Kalniņa/);
    const withdraw = await request(app).get(`/reports/${report.ref}/withdraw?token=${token}`).expect(200);
    assert.match(withdraw.text, /Bedre, zvaniet 29 123 456/);
  });

  it('says nothing of masking on the reporter’s page when nothing of theirs is masked', async () => {
    const { app, services } = context;
    const { report, token } = await makeReport(services, { description: 'Liela bedre pie pieturas.' });
    const page = await request(app).get(`/reports/${report.ref}?token=${token}`).expect(200);
    assert.doesNotMatch(page.text, /masked-for-others/);
  });
});
