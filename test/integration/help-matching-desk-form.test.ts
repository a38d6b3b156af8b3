import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/** The element with `id` and what it says, tags dropped. */
function textOf(html: string, id: string): string {
  const found = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  assert.ok(found, `an element #${id}`);
  return found[2]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The attributes of the one tag `<tag ... id="id" ...>`. */
function tagOf(html: string, tag: string, id: string): string {
  const found = new RegExp(`<${tag}\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  assert.ok(found, `a <${tag} id="${id}">`);
  return found[0];
}

describe('the social worker’s proposal form refused: error summary, field marked, form refilled', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('a proposal with no volunteer chosen names the error at the top, at the choice, and keeps the words', async () => {
    const path = `/staff/help/requests/${trial.help.ref}/propose?lang=en`;
    for (const offer of ['', 'zzz']) {
      const res = await postForm(trial.worker, path, { offer, need: 'Uz Rēzekni pie ārsta.' }).expect(422);
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
      assert.match(summary, /autofocus/);
      assert.match(
        summary,
        new RegExp(`<a href="#offer-${trial.offerId}">Choose one of the volunteers listed\\.</a>`),
      );
      assert.ok(res.text.indexOf('error-summary') < res.text.indexOf('<h1'), 'the summary comes first');
      const radio = tagOf(res.text, 'input', `offer-${trial.offerId}`);
      assert.match(radio, /aria-invalid="true"/);
      const described = /aria-describedby="([^"]+)"/.exec(radio)![1]!.split(' ');
      assert.ok(described.includes('propose-offer-error'), radio);
      assert.match(textOf(res.text, 'propose-offer-error'), /Choose one of the volunteers listed\./);
      assert.match(res.text, />Uz Rēzekni pie ārsta\.<\/textarea>/);
      assert.doesNotMatch(tagOf(res.text, 'textarea', 'propose-need'), /aria-invalid/);
    }
    assert.equal((await trial.context.services.knex('help_matches')).length, 0);
  });

  it('words refused mark the words, and keep the volunteer chosen', async () => {
    const res = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: '  ',
    }).expect(422);
    assert.match(res.text, /<a href="#propose-need">Write what the volunteer is told/);
    const words = tagOf(res.text, 'textarea', 'propose-need');
    assert.match(words, /aria-invalid="true"/);
    assert.match(words, /aria-describedby="propose-need-hint propose-need-error"/);
    assert.match(textOf(res.text, 'propose-need-error'), /Write what the volunteer is told/);
    const radio = tagOf(res.text, 'input', `offer-${trial.offerId}`);
    assert.match(radio, / checked/);
    assert.doesNotMatch(radio, /aria-invalid/);
  });

  it('the answer by phone sent with none chosen: summary, both answers marked, the message described', async () => {
    const id = await trial.acceptedForAskerWithoutEmail();
    const res = await postForm(trial.worker, `/staff/help/matches/${id}/phone?lang=en`, {}).expect(422);
    assert.match(res.text, new RegExp(`<a href="#phone-${id}-agree">Choose one of the answers\\.</a>`));
    for (const answer of ['agree', 'refuse']) {
      const radio = tagOf(res.text, 'input', `phone-${id}-${answer}`);
      assert.match(radio, /aria-invalid="true"/);
      assert.match(radio, new RegExp(`aria-describedby="phone-${id}-error"`));
    }
    assert.match(textOf(res.text, `phone-${id}-error`), /Choose one of the answers\./);
    assert.equal(await trial.state(id), 'accepted');
  });

  it('how it ended, sent with none of the options: summary, the list marked, the message described', async () => {
    const id = await trial.acceptedForAskerWithoutEmail();
    await postForm(trial.worker, `/staff/help/matches/${id}/phone`, { answer: 'agree' }).expect(303);
    const shared = await trial.state(id);
    const messages = {
      en: 'Choose how it ended from the list.',
      lv: 'Izvēlieties no saraksta, kā tas beidzās.',
    };
    for (const [lang, message] of Object.entries(messages)) {
      const path = `/staff/help/matches/${id}/outcome?lang=${lang}`;
      const res = await postForm(trial.worker, path, { how: 'zzz' }).expect(422);
      assert.ok(res.text.includes(`<a href="#outcome-${id}">${message}</a>`), `the summary in ${lang}`);
      const select = tagOf(res.text, 'select', `outcome-${id}`);
      assert.match(select, /aria-invalid="true"/);
      assert.match(select, new RegExp(`aria-describedby="outcome-${id}-error"`));
      assert.ok(textOf(res.text, `outcome-${id}-error`).includes(message));
    }
    assert.equal(await trial.state(id), shared, 'nothing was recorded');
  });
});

describe('the matching desk shows the village and whether the person asked for knows', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('for someone else: the village typed, and the asker’s answer to “do they know”, in each language', async () => {
    const request = await makeHelpRequest(trial.context, {
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa' },
      knows: 'no',
      location: 'Ezernieki, Ozolu iela 3',
    });
    const path = `/staff/help/requests/${request.ref}`;
    const en = (await trial.worker.agent.get(`${path}?lang=en`).expect(200)).text;
    assert.match(
      en,
      /<dt>Village or address<\/dt><dd[^>]*data-qa="desk-village"[^>]*>Ezernieki, Ozolu iela 3</,
    );
    assert.match(
      en,
      /<dt>Does the person know and agree\?<\/dt><dd data-qa="desk-knows">No, they do not know yet</,
    );
    const lv = (await trial.worker.agent.get(`${path}?lang=lv`).expect(200)).text;
    assert.match(
      lv,
      /<dt>Ciems vai adrese<\/dt><dd[^>]*data-qa="desk-village"[^>]*>Ezernieki, Ozolu iela 3</,
    );
    assert.match(lv, /<dt>Vai cilvēks zina un piekrīt\?<\/dt><dd data-qa="desk-knows">Nē, vēl nezina</);
    const ru = (await trial.worker.agent.get(`${path}?lang=ru`).expect(200)).text;
    assert.match(ru, /data-qa="desk-knows">Нет, ещё не знает</);
  });

  it('for oneself: the village, and no “do they know” line; a dash where no village was given', async () => {
    const en = (await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200))
      .text;
    assert.match(en, /data-qa="desk-village"[^>]*>Kaunata, Liepu iela 7</);
    assert.doesNotMatch(en, /desk-knows|Does the person know/);
    const none = await makeHelpRequest(trial.context, { location: '' });
    const page = (await trial.worker.agent.get(`/staff/help/requests/${none.ref}?lang=en`).expect(200)).text;
    assert.match(page, /data-qa="desk-village">—</);
  });
});
