import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest } from '../support/help.js';

/**
 * The asker's own page of a request for help, in English, said "I no longer need help" and "If
 * you have had the help": wrong for a neighbour who asked for someone else (they never needed it),
 * and unlike the Latvian and Russian pages, which say the help is no longer needed. It now says
 * so in English too, for oneself and for another alike.
 */
describe('the asker’s own page says whether help is still needed, not whether the asker needs it', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  const page = async (ref: string, lang: string) =>
    (
      await request(context.app)
        .get(`/reports/${ref}?token=${context.services.links.reporterToken(ref)}&lang=${lang}`)
        .expect(200)
    ).text;

  it('for someone else, in English: the help is no longer needed, and reopening says it is still needed', async () => {
    const help = await makeHelpRequest(context, {
      name: 'John Neighbour',
      email: 'john.neighbour@example.org',
      forWhom: 'other',
      subject: { name: 'Marta Vilka', phone: '26555111' },
      language: 'en',
    });
    const open = await page(help.ref, 'en');
    assert.ok(open.includes('Help is no longer needed'), 'the button');
    assert.ok(open.includes('or say that help is no longer needed.'), 'the intro');
    assert.ok(open.includes('If the help has been given, choose “Help is no longer needed” instead.'));
    assert.doesNotMatch(open, /I no longer need help|If you have had the help/);
    await request(context.app)
      .post(`/reports/${help.ref}/actions`)
      .field('token', context.services.links.reporterToken(help.ref))
      .field('action', 'resolve')
      .expect(303);
    const resolved = await page(help.ref, 'en');
    assert.ok(resolved.includes('Help is still needed — reopen'));
    assert.ok(resolved.includes('or say that help is still needed.'));
    assert.doesNotMatch(resolved, /I still need help|you still need help/);
  });
});
