import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { nearAndStray } from '../support/reports.js';

const MAP = /openstreetmap\.org/;
const RIGA = /56\.9496|24\.1052/;

/**
 * A report stored with a place far outside the novads (before the form refused places over 25 km
 * from every parish centre) has no map link on its public page nor in its emails, as the map,
 * open data and Open311 publish no such place; one in the novads keeps its link.
 */
describe('a report’s page and emails link no map of a place stored far outside the novads', () => {
  let context: TestContext;
  let near: Report;
  let stray: Report;

  before(async () => {
    context = await makeApp();
    ({ near, stray } = await nearAndStray(context.services));
  });

  it('gives its public page no map link, and one in the novads its own', async () => {
    const strayPage = await request(context.app).get(`/reports/${stray.ref}`).expect(200);
    assert.match(strayPage.text, /Bedre Rīgā/);
    assert.doesNotMatch(strayPage.text, /data-qa="map-link"/);
    assert.doesNotMatch(strayPage.text, MAP);
    assert.doesNotMatch(strayPage.text, RIGA);
    const nearPage = await request(context.app).get(`/reports/${near.ref}`).expect(200);
    assert.match(nearPage.text, /data-qa="map-link"/);
    assert.match(nearPage.text, /mlat=56\.45&amp;mlon=27\.33/);
  });

  it('gives the emails of an update to its reporter and of following it no map link', async () => {
    const { services } = context;
    for (const report of [stray, near]) {
      // Its parish answers by the one-click link of its email: the reporter is told.
      const [recipient] = await services.routing.recipients(report.id);
      const path = new URL(services.links.action(report.ref, recipient!.id, 'acknowledged', services.clock()))
        .pathname;
      await request(context.app).post(path).type('form').send({ comment: 'Apskatīsim.' }).expect(200);
      await services.subscriptions.subscribe(report.ref, {
        email: `kaimins.${report.id}@example.org`,
        name: 'Kaimiņš',
        language: 'en',
      });
    }
    const mail = async (report: Report, kind: string) => {
      const rows = (await services
        .knex('outbox')
        .where({ report_id: report.id, kind })
        .select('text_body', 'html_body')) as { text_body: string; html_body: string }[];
      assert.equal(rows.length, 1, `one ${kind} email`);
      return `${rows[0]!.text_body}\n${rows[0]!.html_body}`;
    };
    for (const kind of ['report-update', 'subscription-confirm']) {
      const strayMail = await mail(stray, kind);
      assert.match(strayMail, /Bedre Rīgā/);
      assert.doesNotMatch(strayMail, MAP);
      assert.doesNotMatch(strayMail, RIGA);
      assert.match(await mail(near, kind), /openstreetmap\.org\/\?mlat=56\.45&(amp;)?mlon=27\.33/);
    }
  });
});
