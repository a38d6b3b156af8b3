import assert from 'node:assert/strict';
import request from 'supertest';
import { makeOffer } from '../support/help.js';
import { DAY, MatchingTrial } from '../support/help-matching.js';
import { addStaff, KAUNATA_CLERK, postForm, signIn } from '../support/staff.js';

describe('matching a request for help with an offer, with both sides’ consent', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('ranks the offers that fit, with reasons, and never offers one outside the parish or paused', async () => {
    await makeOffer(trial.context, { name: 'Maltas Brīvprātīgais', parishes: ['maltas'] });
    await makeOffer(trial.context, { name: 'Apturēts Brīvprātīgais', status: 'paused' });
    const company = await makeOffer(trial.context, { name: 'Ciemiņš Ciemiņš', kinds: ['company'] });
    const page = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    const order = [...page.text.matchAll(/data-qa="candidate" data-id="(\d+)"/g)].map((match) =>
      Number(match[1]),
    );
    assert.deepEqual(order, [trial.offerId, company]);
    // The asker's words, in Latvian on an English page, carry their language.
    assert.match(
      page.text,
      /data-qa="desk-description" lang="lv">Mana kaimiņiene Anna Liepa vēlas tikt uz Rēzekni\.</,
    );
    assert.match(page.text, /Offers: Transport/);
    assert.match(page.text, /Offers none of the help asked for/);
    assert.doesNotMatch(page.text, /Maltas Brīvprātīgais|Apturēts/);
  });

  it('walks to a match: the volunteer says yes, the person agrees, and only then are contacts shared', async () => {
    // What the volunteer wrote about themselves goes to the person, but no contact in it.
    await trial.context.services
      .knex('help_offers')
      .where({ id: trial.offerId })
      .update({ about: 'Ir auto. Zvaniet 29990001 vai ilze.zarina@example.org.' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    const [proposal] = await trial.outbox('help-proposal');
    assert.equal(proposal!.to_email, 'ilze.zarina@example.org');
    assert.match(proposal!.text_body, /Vecāka kundze vēlas tikt uz Rēzekni/);
    for (const secret of ['Jānis', 'Kalniņš', 'janis.kalnins', '26660001', 'Liepu iela', 'Anna Liepa'])
      assert.ok(
        !proposal!.text_body.includes(secret) && !proposal!.html_body.includes(secret),
        `the proposal hides ${secret}`,
      );

    // A GET (a mail scanner) changes nothing; the page's button does.
    const acceptPath = trial.linkIn(proposal!.text_body, 'accept');
    await request(trial.context.app).get(acceptPath).expect(200);
    assert.equal(await trial.state(id), 'proposed');
    const accepted = await trial.press(acceptPath);
    assert.match(accepted.text, /data-result="accepted"/);
    const [consent] = await trial.outbox('help-consent');
    assert.equal(consent!.to_email, 'janis.kalnins@example.org');
    assert.match(consent!.text_body, /Ir auto\. Zvaniet \[…\] vai \[…\]\./);
    // A volunteer helping alone is named only with their contact, as the offer form promises.
    for (const secret of ['Ilze', 'Zariņa', 'ilze.zarina', '29990001'])
      assert.ok(
        !consent!.text_body.includes(secret) && !consent!.html_body.includes(secret),
        `the consent hides ${secret}`,
      );
    assert.equal((await trial.outbox('help-contacts')).length, 0, 'nothing shared yet');

    const agreePath = trial.linkIn(consent!.text_body, 'agree');
    const asked = await request(trial.context.app).get(`${agreePath}&lang=en`).expect(200);
    assert.match(asked.text, /data-qa="volunteer">A volunteer of Tilts\. You learn their name and contact/);
    assert.doesNotMatch(asked.text, /Ilze/);
    const agreed = await trial.press(agreePath);
    assert.match(agreed.text, /data-result="agreed"/);
    assert.equal(await trial.state(id), 'shared');
    const contacts = await trial.outbox('help-contacts');
    const toVolunteer = contacts.find((mail) => mail.to_email === 'ilze.zarina@example.org')!;
    const toPerson = contacts.find((mail) => mail.to_email === 'janis.kalnins@example.org')!;
    assert.match(toVolunteer.text_body, /\+371 26660001/);
    assert.match(toVolunteer.text_body, /Kaunata, Liepu iela 7/);
    assert.match(toPerson.text_body, /ilze\.zarina@example\.org/);
    assert.match(toPerson.text_body, /\+371 29990001/);
    assert.deepEqual(await trial.events(id), [
      'proposed/staff/web',
      'accepted/volunteer/email',
      'agreed/person/email',
      'shared/system/system',
    ]);
    const news = (await trial.outbox('help-match-news')).map((mail) => mail.to_email);
    assert.deepEqual(news, ['kaunatas.socialais@example.org', 'kaunatas.socialais@example.org']);
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.match(desk.text, /data-state="shared"/);
    assert.match(desk.text, /Contacts shared/);
  });

  it('tells the asker on their own page how the matching went, and nothing of who the volunteers are', async () => {
    const second = await makeOffer(trial.context, { name: 'Otrs Brīvprātīgais' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'decline'));
    trial.later(60_000);
    await trial.propose(trial.help.ref, second).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[1]!.text_body, 'accept'));
    trial.later(60_000);
    await trial.press(trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree'));

    const token = trial.context.services.links.reporterToken(trial.help.ref);
    const own = await request(trial.context.app)
      .get(`/reports/${trial.help.ref}?token=${token}&lang=en`)
      .expect(200);
    const changes = [...own.text.matchAll(/data-qa="timeline-change">([^<]*)</g)].map((match) => match[1]);
    assert.deepEqual(changes, [
      'Request received and sent to the social worker',
      'The social worker asked a volunteer who could help',
      'The volunteer asked cannot help this time; the social worker is looking for another',
      'The social worker asked a volunteer who could help',
      'A volunteer is ready to help; we emailed you to ask whether we may share contacts',
      'You agreed that contacts may be shared',
      'Contacts shared: you and the volunteer got each other’s contacts by email',
    ]);
    assert.match(own.text, /data-qa="timeline-who">Finding help</);
    for (const secret of ['Ilze', 'Zariņa', 'Otrs', 'ilze.zarina', '29990001'])
      assert.ok(!own.text.includes(secret), `the asker's page does not name ${secret}`);
    const latvian = await request(trial.context.app).get(`/reports/${trial.help.ref}?token=${token}&lang=lv`);
    assert.match(latvian.text, /Jūs piekritāt, ka kontaktus drīkst nodot/);
    // Nobody without the token reads any of it: a request is private.
    await request(trial.context.app).get(`/reports/${trial.help.ref}`).expect(404);
  });

  it('says in which language the social worker wrote, where the volunteer reads another', async () => {
    await trial.context.services.knex('help_offers').where({ id: trial.offerId }).update({ language: 'ru' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    assert.match(proposal!.text_body, /На латышском языке:\nVecāka kundze/);
    assert.match(proposal!.html_body, /<blockquote [^>]*lang="lv">Vecāka kundze/);
    const acceptPath = `${trial.linkIn(proposal!.text_body, 'accept')}&lang=ru`;
    assert.ok(proposal!.text_body.includes(acceptPath), 'the emailed link keeps the volunteer’s language');
    const answer = await request(trial.context.app).get(acceptPath).expect(200);
    assert.match(answer.text, /data-qa="need-language">На латышском языке:/);
    assert.match(answer.text, /data-qa="need" lang="lv">Vecāka kundze/);
    // Words in the volunteer's own language are not marked.
    const second = await makeOffer(trial.context, { name: 'Галина Петрова', language: 'ru' });
    const russian = 'Пожилой даме нужно доехать до Резекне к врачу во вторник утром.';
    await trial.propose(trial.help.ref, second, russian).expect(303);
    const toSecond = (await trial.outbox('help-proposal')).find((mail) => mail.html_body.includes(russian))!;
    assert.doesNotMatch(toSecond.html_body, /lang="lv"|На латышском/);
  });

  it('stops when the person declines: the volunteer is told kindly, nothing is shared', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const refused = await trial.press(
      trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'refuse'),
    );
    assert.match(refused.text, /data-result="refused"/);
    assert.equal(await trial.state(id), 'refused');
    assert.equal((await trial.outbox('help-contacts')).length, 0);
    const [told] = await trial.outbox('help-cancelled');
    assert.equal(told!.to_email, 'ilze.zarina@example.org');
    assert.doesNotMatch(told!.text_body, /Jānis|26660001|Liepu/);
    // Every email to either side has a way to the social worker, this one too.
    await request(trial.context.app).get(trial.linkIn(told!.text_body, 'concern')).expect(200);
    // The social trial.worker may propose someone else now.
    const other = await makeOffer(trial.context, { name: 'Otrs Brīvprātīgais' });
    await trial.propose(trial.help.ref, other).expect(303);
  });

  it('takes the answer of a person without email by phone, through the social trial.worker', async () => {
    const id = await trial.acceptedForAskerWithoutEmail();
    assert.equal((await trial.outbox('help-consent')).length, 0);
    assert.match(
      (await trial.outbox('help-match-news'))[0]!.text_body,
      /piezvaniet viņam un ierakstiet atbildi/,
    );
    // Sent with no answer chosen: asked to choose, not told that someone answered meanwhile.
    const unchosen = await postForm(trial.worker, `/staff/help/matches/${id}/phone`, {}).expect(422);
    assert.match(unchosen.text, /Izvēlieties vienu no atbildēm\./);
    assert.equal(await trial.state(id), 'accepted');
    await postForm(trial.worker, `/staff/help/matches/${id}/phone`, { answer: 'agree' }).expect(303);
    assert.equal(await trial.state(id), 'shared');
    assert.deepEqual((await trial.events(id)).slice(2), ['agreed/staff/phone', 'shared/system/system']);
    const contacts = await trial.outbox('help-contacts');
    assert.deepEqual(
      contacts.map((mail) => mail.to_email),
      ['ilze.zarina@example.org'],
    );
    const audit = await trial.context.services.knex('audit_log').where({ action: 'help.consent-by-phone' });
    assert.equal(audit.length, 1);
  });

  it('refuses forged, crossed, expired, reused and cancelled links, and says why', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    const acceptPath = trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept');
    const token = decodeURIComponent(/token=([^&]+)/.exec(acceptPath)![1]!);
    await request(trial.context.app)
      .get(`/help/matches/${id}/accept?token=${encodeURIComponent(`${token.slice(0, -3)}abc`)}`)
      .expect(404);
    // The volunteer's token does not answer for the person.
    await request(trial.context.app)
      .get(`/help/matches/${id}/agree?token=${encodeURIComponent(token)}`)
      .expect(404);
    await request(trial.context.app)
      .get(`/help/matches/${id + 1}/accept?token=${encodeURIComponent(token)}`)
      .expect(404);
    await request(trial.context.app)
      .post(`/help/matches/${id}/accept`)
      .set('Origin', 'http://evil.example')
      .type('form')
      .send({ token })
      .expect(403);
    assert.equal(await trial.state(id), 'proposed');
    await postForm(trial.worker, `/staff/help/matches/${id}/cancel`, { confirm: 'yes' }).expect(303);
    const cancelled = await request(trial.context.app).get(`${acceptPath}&lang=en`).expect(200);
    assert.match(
      cancelled.text,
      /data-qa="answer-closed"[^>]*>This one has been stopped \(by the social worker/,
    );
    const pressed = await trial.press(acceptPath);
    assert.match(pressed.text, /data-result="cancelled"/);
    assert.equal(await trial.state(id), 'cancelled');
    trial.later(15 * DAY);
    const expired = await request(trial.context.app).get(`${acceptPath}&lang=en`).expect(410);
    assert.match(expired.text, /This link is too old/);
  });

  it('lets only one of two volunteers who both say yes go ahead', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const second = await makeOffer(trial.context, { name: 'Pēteris Lūsis' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.propose(trial.help.ref, second).expect(303);
    const proposals = await trial.outbox('help-proposal');
    const paths = proposals.map((mail) => trial.linkIn(mail.text_body, 'accept'));
    const results = await Promise.all(paths.map((path) => trial.press(path)));
    const outcomes = results.map((res) => /data-result="(\w+)"/.exec(res.text)![1]).sort();
    assert.deepEqual(outcomes, ['accepted', 'taken']);
    const states = (await trial.context.services
      .knex('help_matches')
      .orderBy('id')
      .pluck('state')) as string[];
    assert.deepEqual(states.sort(), ['accepted', 'cancelled']);
    assert.equal((await trial.outbox('help-consent')).length, 1);
    // Answering again says so, and changes nothing.
    const again = await trial.press(paths[0]!);
    assert.match(again.text, /data-result="(already|cancelled)"/);
  });

  it('lets exactly one of four volunteers win when all answer at the same instant', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const offers = [trial.offerId];
    for (const name of ['Otrs Otrais', 'Trešais Trešais', 'Ceturtais Ceturtais'])
      offers.push(await makeOffer(trial.context, { name }));
    for (const offer of offers) await trial.propose(trial.help.ref, offer).expect(303);
    const answers = (await trial.outbox('help-proposal')).map((mail) => {
      const path = trial.linkIn(mail.text_body, 'accept');
      return {
        id: Number(/\/help\/matches\/(\d+)\//.exec(path)![1]),
        token: decodeURIComponent(/token=([^&]+)/.exec(path)![1]!),
      };
    });
    const results = await Promise.all(
      answers.map(({ id, token }) => trial.context.services.helpMatchAnswers.answer(id, 'accept', token)),
    );
    const won = results.filter((result) => result.ok && 'result' in result && result.result === 'accepted');
    assert.equal(won.length, 1, JSON.stringify(results));
    assert.equal((await trial.outbox('help-consent')).length, 1);
  });

  it('refuses a paused offer, one outside the parish, a volunteer asked twice, and words missing', async () => {
    const paused = await makeOffer(trial.context, { status: 'paused' });
    const malta = await makeOffer(trial.context, { parishes: ['maltas'] });
    for (const [offer, message] of [
      [paused, /This offer is not active/],
      [malta, /does not cover the request’s parish/],
    ] as const) {
      const res = await trial.propose(trial.help.ref, offer).set('Accept-Language', 'en').expect(422);
      assert.match(res.text, message);
    }
    const empty = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: '  ',
    }).expect(422);
    assert.match(empty.text, /Write what the volunteer is told/);
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const twice = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: 'x',
    }).expect(422);
    assert.match(
      twice.text,
      /data-qa="(error-summary|error-propose)"[^>]*>[\s\S]{0,300}already been asked/,
      /role="alert"[^>]*>([\s\S]{0,200})/.exec(twice.text)?.[1],
    );
    assert.equal((await trial.outbox('help-proposal')).length, 1);
  });

  it('refuses words to the volunteer that hold a contact or the asker’s name, keeping them in the form', async () => {
    for (const need of [
      'Zvaniet viņai 26555444, Ozolu iela 5.',
      'Rakstiet person@example.org.',
      'Rakstiet janis.kalnins @ example.org.',
      'Jāņa Kalniņa mammai vajag uz Rēzekni.',
      'Zvaniet +371 26660001.',
    ]) {
      const res = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
        offer: String(trial.offerId),
        need,
      }).expect(422);
      assert.match(res.text, /data-qa="error-propose"[^>]*>[\s\S]{0,80}Leave out the phone number/, need);
      const kept = need.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      assert.ok(res.text.includes(`>${kept}</textarea>`), `the words are kept: ${need}`);
    }
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer was asked');
    assert.equal((await trial.context.services.knex('help_matches')).length, 0);
    // Words without them go, and any contact written before the desk refused them is masked.
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await trial.context.services
      .knex('help_matches')
      .where({ id })
      .update({ need_text: 'Zvaniet 26555444, Jāņa Kalniņa mammai.' });
    const [proposal] = await trial.outbox('help-proposal');
    const page = await request(trial.context.app)
      .get(trial.linkIn(proposal!.text_body, 'accept'))
      .expect(200);
    assert.match(page.text, /Zvaniet \[…\], \[…\] mammai\./);
    assert.doesNotMatch(page.text, /26555444|Kalniņa/);
  });

  it('keeps a social trial.worker to their own parishes, and clerks and moderators out', async () => {
    const malta = await signIn(
      trial.context,
      await addStaff(trial.context, {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      }),
    );
    await malta.agent.get(`/staff/help/requests/${trial.help.ref}`).expect(404);
    await postForm(malta, `/staff/help/requests/${trial.help.ref}/propose`, {
      offer: String(trial.offerId),
      need: 'x',
    }).expect(404);
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await postForm(malta, `/staff/help/matches/${id}/cancel`, { confirm: 'yes' }).expect(404);
    await malta.agent.get(`/staff/help/matches/${id}/cancel`).expect(404);
    // Kaunata's social worker has it among the requests waiting for a volunteer; Malta's does not.
    const hub = (await trial.worker.agent.get('/staff/help').expect(200)).text;
    assert.match(hub, new RegExp(`data-qa="hub-item" data-ref="${trial.help.ref}"`));
    assert.doesNotMatch((await malta.agent.get('/staff/help').expect(200)).text, new RegExp(trial.help.ref));
    const clerk = await signIn(trial.context, await addStaff(trial.context, KAUNATA_CLERK));
    await clerk.agent.get(`/staff/help/requests/${trial.help.ref}`).expect(403);
    await clerk.agent.get('/staff/help').expect(403);
  });
});
