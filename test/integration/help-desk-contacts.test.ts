import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * The social worker works a request from its matching page: they call the person to ask what
 * they think of a volunteer, and record the answer there ("The person answered by phone"). The
 * page said for whom and where, but not who asked nor how to reach them or the person they asked
 * for: the social worker had to open the report's page for a phone number. (Staff only: no
 * volunteer ever reads this page.)
 */
describe('the matching desk says who asked and how to reach them, and the person asked for', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const fact = (html: string, qa: string) =>
    new RegExp(`<dd data-qa="${qa}">([\\s\\S]*?)</dd>`).exec(html)?.[1]?.replace(/\s+/g, ' ');

  it('for oneself: the asker’s name, phone and email, with links to call and write', async () => {
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.match(desk.text, /<dt>Who asked<\/dt>/);
    const asker = fact(desk.text, 'desk-asker');
    assert.ok(asker, 'the asker on the desk');
    assert.match(asker, /Jānis Kalniņš/);
    assert.match(asker, /<a href="tel:\+37126660001">\+371 26660001<\/a>/);
    assert.match(asker, /<a href="mailto:janis\.kalnins@example\.org">janis\.kalnins@example\.org<\/a>/);
    assert.equal(fact(desk.text, 'desk-subject'), undefined);
  });

  it('for someone else: the person’s name and phone beside the asker’s, in Russian too', async () => {
    const help = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      phone: null,
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa', phone: '27770002' },
    });
    const desk = await trial.worker.agent.get(`/staff/help/requests/${help.ref}?lang=ru`).expect(200);
    assert.match(desk.text, /<dt>Кто просил<\/dt>/);
    assert.match(fact(desk.text, 'desk-asker')!, /Laima Jauna/);
    assert.doesNotMatch(fact(desk.text, 'desk-asker')!, /tel:/);
    assert.match(desk.text, /<dt>Кому нужна помощь<\/dt>/);
    const subject = fact(desk.text, 'desk-subject');
    assert.ok(subject, 'the person asked for on the desk');
    assert.match(subject, /Anna Kaimiņa/);
    assert.match(subject, /<a href="tel:27770002">27770002<\/a>/);
  });
});
