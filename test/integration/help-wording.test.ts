import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';

/** Words of help that said something other than what happens, or read awkwardly, in each language. */
describe('the words of help: true and natural in Latvian, English and Russian', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  /** A request for someone else, its volunteer proposed and saying yes: the consent is asked. */
  async function acceptedForOther() {
    const help = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa' },
    });
    await trial.propose(help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    return help;
  }

  it('names the portal in the Latvian consent email, and tells the social worker the question went to the one who asked', async () => {
    await acceptedForOther();
    const consent = (await trial.outbox('help-consent')).at(-1)!;
    assert.match(consent.text_body, /^Jūs portālā Tilts lūdzāt palīdzību kādam citam\./m);
    const news = (await trial.outbox('help-match-news')).at(-1)!;
    assert.match(news.text_body, /tam, kurš lūdza palīdzību cita vārdā, nosūtīts jautājums e-pastā/);
    assert.doesNotMatch(news.text_body, /cilvēkam nosūtīts jautājums/);
  });

  it('asks one who asked for themselves to agree without a word about asking someone else first', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const consent = (await trial.outbox('help-consent')).at(-1)!;
    assert.match(
      consent.text_body,
      /Vai piekrītat\? Ja piekrītat, jūs un brīvprātīgais katrs saņemat otra kontaktu e-pastā\./,
    );
    assert.doesNotMatch(consent.text_body + consent.html_body, /kādam citam|pajautājiet viņam/);
  });

  it('titles the Russian “something not right?” page for what it does, not as the form to report a problem', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const concern = trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'concern');
    const page = await request(trial.context.app).get(`${concern}&lang=ru`).expect(200);
    assert.match(page.text, /<h1>Написать социальному работнику<\/h1>/);
    const form = await request(trial.context.app).get('/reports/new?lang=ru').expect(200);
    const title = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
    assert.notEqual(title(page.text), title(form.text));
  });

  it('still says “the person” for a request the person made themselves', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const news = (await trial.outbox('help-match-news')).at(-1)!;
    assert.match(news.text_body, /cilvēkam nosūtīts jautājums e-pastā/);
  });

  it('reads naturally on the Russian desk and hub, and asks consent in words for anyone', async () => {
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=ru`).expect(200);
    assert.doesNotMatch(desk.text, /<dt>Волость<\/dt><dd>волость/);
    assert.match(desk.text, /<dt>Их словами<\/dt>/);
    const hub = await trial.worker.agent.get('/staff/help?lang=ru').expect(200);
    assert.match(hub.text, /<th scope="col">Ждёт с<\/th>/);
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const agree = trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree');
    const page = await request(trial.context.app).get(`${agree}&lang=ru`).expect(200);
    assert.match(page.text, /data-qa="answer-submit">Да, даю согласие</);
    assert.doesNotMatch(page.text, /Да, я согласен/);
  });

  it('tells a volunteer whose match was stopped that their part was called off, not the request', async () => {
    await trial.context.services.knex('help_offers').where({ id: trial.offerId }).update({ language: 'ru' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await postForm(trial.worker, `/staff/help/matches/${id}/cancel`, { confirm: 'yes' }).expect(303);
    const [told] = await trial.outbox('help-cancelled');
    assert.match(
      told!.text_body,
      /Социальный работник отменил ваше участие в этой просьбе о помощи \(сама просьба не остановлена\)/,
    );
    assert.doesNotMatch(told!.text_body, /остановил эту просьбу/);
  });

  it('says on the request form who sees the contacts: the social worker, the administrators, a volunteer once agreed', async () => {
    const words = {
      en: /the community social worker of the parish and the municipality’s administrators see them, and a volunteer gets them only once you agree to that volunteer/,
      lv: /tos redz pagasta sociālais darbinieks un pašvaldības administratori, bet brīvprātīgais tos saņem tikai tad, kad jūs piekrītat šim brīvprātīgajam/,
      ru: /их видят социальный работник волости и администраторы самоуправления, а волонтёр получает их, только когда вы согласитесь на этого волонтёра/,
    };
    for (const [lang, pattern] of Object.entries(words)) {
      const form = await request(trial.context.app).get(`/help/request?lang=${lang}`).expect(200);
      assert.match(form.text, pattern, lang);
      assert.doesNotMatch(form.text, /only the social worker who handles your request/, lang);
    }
  });

  it('names the recipient office by its role first in an English or Russian email', async () => {
    for (const [lang, sentence] of [
      ['en', /has been sent to: the community social worker \(Kaunatas pagasta sociālais darbinieks\)\./],
      ['ru', /социальный работник общины \(Kaunatas pagasta sociālais darbinieks\)/],
    ] as const) {
      const { id } = await askForHelp(
        trial.context,
        forOtherFields({ email: `peteris.${lang}@example.lv` }),
        lang,
      );
      const mail = await trial.context.services
        .knex('outbox')
        .where({ kind: 'help-request-received', report_id: id })
        .first<{ text_body: string; html_body: string }>();
      assert.match(mail.text_body, sentence, lang);
      assert.match(mail.html_body.replace(/<\/?span[^>]*>/g, ''), sentence, lang);
      assert.match(mail.html_body, /<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>/, lang);
    }
  });
});
