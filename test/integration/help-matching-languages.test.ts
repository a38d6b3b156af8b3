import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

describe('matching emails that quote words in another language than the email’s mark it', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('marks the volunteer’s Russian words, a phone and an address in them, in the English consent email', async () => {
    const { knex } = trial.context.services;
    await knex('reports').where({ id: trial.help.id }).update({ language: 'en' });
    // A volunteer who filled the form in Latvian and wrote about themselves in Russian.
    await knex('help_offers')
      .where({ id: trial.offerId })
      .update({ about: 'Есть машина. Звоните 29990001 или ilze.zarina@example.org.', language: 'lv' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    await trial.press(trial.linkIn(proposal!.text_body, 'accept'));
    const [consent] = await trial.outbox('help-consent');
    assert.equal(consent!.language, 'en');
    assert.match(
      consent!.html_body,
      /<p style="[^"]*">In Russian:<\/p>\n<blockquote style="[^"]*" lang="ru">Есть машина\./,
    );
    assert.match(consent!.text_body, /^About them: \(In Russian\) Есть машина\. Звоните \[…\] или \[…\]\.$/m);
  });

  it('marks a concern written in Russian in the Latvian email to the social worker, and not one in Latvian', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    const concernPath = trial.linkIn(proposal!.text_body, 'concern');
    const form = await request(trial.context.app).get(concernPath).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(form.text)![1]!;
    const send = (text: string) =>
      request(trial.context.app)
        .post(concernPath.split('?')[0]!)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token, text })
        .expect(200);
    await send('Мне неудобно ехать так далеко.');
    await send('Man neērti braukt tik tālu, lūdzu sazinieties.');
    const [russian, latvian] = await trial.outbox('help-concern');
    assert.equal(russian!.language, 'lv');
    assert.match(
      russian!.html_body,
      /<p style="[^"]*">Krievu valodā:<\/p>\n<blockquote style="[^"]*" lang="ru">Мне неудобно ехать так далеко\.<\/blockquote>/,
    );
    assert.match(russian!.text_body, /No brīvprātīgā:\nKrievu valodā:\nМне неудобно ехать так далеко\./);
    assert.match(latvian!.html_body, /<blockquote style="[^"]*">Man neērti braukt/);
    assert.doesNotMatch(`${latvian!.html_body}\n${latvian!.text_body}`, /valodā:|<blockquote[^>]* lang=/);
  });
});
