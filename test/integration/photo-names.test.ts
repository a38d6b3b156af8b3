import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

describe('the name of a photo a form refused', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('is said on the comment form shortened and without the marks that would turn the sentence around', async () => {
    const { app, services } = context;
    const { report, token } = await makeReport(services);
    const name = `${'x'.repeat(300)}\u202Egpj.exe.jpg`;
    const res = await request(app)
      .post(`/reports/${report.ref}/actions?lang=en`)
      .field('token', token)
      .field('text', 'Bedre kļuvusi lielāka.')
      .attach('photos', Buffer.from('Sveiki, šis nav attēls.\n'), name)
      .field('action', 'comment')
      .expect(422);
    assert.ok(
      res.text.includes(`The file “${'x'.repeat(79)}…” is not a photo.`),
      'the name is cut to 80 characters',
    );
    assert.ok(!res.text.includes('\u202E'));
  });
});
