import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/**
 * Laima asks for help for her neighbour Anna. Laima answers the consent email, so only what Anna
 * knows of may reach the volunteer: Anna's own contact when she knows of the request, else Laima's.
 */
describe('contacts shared for a request made on someone else’s behalf', () => {
  let trial: MatchingTrial;
  beforeEach(async () => {
    trial = new MatchingTrial();
    await trial.start();
  });

  async function agreedFor(knows: 'yes' | 'no' | 'unsure', subject: { name: string; email?: string }) {
    const request = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      phone: '+371 26660077',
      forWhom: 'other',
      subject,
      knows,
    });
    await trial.propose(request.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    const consent = (await trial.outbox('help-consent')).at(-1)!;
    assert.equal(consent.to_email, 'laima.jauna@example.org', 'the one who asked answers');
    await trial.press(trial.linkIn(consent.text_body, 'agree'));
    const mail = (await trial.outbox('help-contacts')).find((m) => m.to_email === 'ilze.zarina@example.org');
    assert.ok(mail, 'the volunteer gets a contact');
    return `${mail.text_body}\n${mail.html_body}`;
  }

  for (const knows of ['no', 'unsure'] as const) {
    it(`gives the volunteer the asker’s contact, never the person’s, when the person’s answer to “do they know” is ${knows}`, async () => {
      const told = await agreedFor(knows, { name: 'Anna Kaimiņa', email: 'anna.kaimina@example.org' });
      assert.match(told, /laima\.jauna@example\.org/);
      assert.match(told, /\+371 26660077/);
      assert.match(told, /Laima Jauna/);
      assert.doesNotMatch(told, /anna\.kaimina/);
      assert.doesNotMatch(told, /Anna Kaimiņa/);
      assert.match(told, /par lūgumu vēl nezina/);
    });
  }

  it('gives the person’s own contact when they know, with the asker’s beside it, never under their name', async () => {
    const told = await agreedFor('yes', { name: 'Anna Kaimiņa' });
    const text = told.split('\n<')[0]!;
    assert.match(
      text,
      /Vārds: Anna Kaimiņa\n(?!Tālr|E-pasts)/,
      'Anna gave no contact: none is shown as hers',
    );
    assert.match(text, /Lūdza: Laima Jauna\n.*\+371 26660077\n.*laima\.jauna@example\.org/);
    assert.doesNotMatch(told, /par lūgumu vēl nezina/);
  });

  it('empties the volunteer’s contact email when the request is erased, as it names the person', async () => {
    await agreedFor('yes', { name: 'Anna Kaimiņa', email: 'anna.kaimina@example.org' });
    const [{ ref }] = await trial.context.services
      .knex('reports')
      .orderBy('id', 'desc')
      .limit(1)
      .select('ref');
    // It has left (what has not is deleted by the erasure).
    await trial.context.services.knex('outbox').update({ status: 'sent', sent_at: new Date() });
    await postForm(trial.worker, `/staff/help/requests/${ref}/erase`, { confirm: 'yes' }).expect(303);
    const mail = (await trial.outbox('help-contacts')).find((m) => m.to_email === 'ilze.zarina@example.org');
    assert.ok(mail, 'the row stays, the volunteer’s own address with it');
    assert.doesNotMatch(
      `${mail.text_body}\n${mail.html_body}`,
      /Anna|Kaimiņa|anna\.kaimina|Laima|laima\.jauna|26660077/,
    );
  });

  /** The consent email to the one who asked, in English, and the text of its agree page. */
  async function consentFor(knows: 'yes' | 'no', location: string) {
    const request_ = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa', phone: '+371 26660088', email: 'anna.kaimina@example.org' },
      knows,
      location,
      language: 'en',
    });
    await trial.propose(request_.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    const consent = (await trial.outbox('help-consent')).at(-1)!;
    const page = await request(trial.context.app)
      .get(`${trial.linkIn(consent.text_body, 'agree')}&lang=en`)
      .expect(200);
    const explain = /data-qa="answer-explain">([^<]*)</.exec(page.text)?.[1] ?? '';
    return { email: `${consent.text_body}\n${consent.html_body}`, explain };
  }

  it('tells the asker, before they agree, which of the person’s details go to the volunteer when the person knows', async () => {
    const { email, explain } = await consentFor('yes', 'Kaunata, Liepu iela 7');
    const details =
      /the volunteer gets yours with these details of the person you asked for: name, phone number, email address, and the village or address you gave\./;
    assert.match(email, details);
    assert.match(explain, details);
    assert.doesNotMatch(email, /each get the other’s contact/);
    assert.doesNotMatch(explain, /each get the other/);
  });

  it('tells the asker only the place goes when the person does not know, and nothing of theirs without a place', async () => {
    const place = await consentFor('no', 'Kaunata, Liepu iela 7');
    assert.match(
      place.email,
      /with these details of the person you asked for: the village or address you gave\./,
    );
    assert.doesNotMatch(place.email, /name, phone number/);
    const nothing = await consentFor('no', '');
    assert.match(nothing.explain, /nothing about the person you asked for is passed on/);
  });
});
