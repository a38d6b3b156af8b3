import assert from 'node:assert/strict';
import request from 'supertest';
import { makeOffer } from '../support/help.js';
import { DAY, MatchingTrial } from '../support/help-matching.js';
import { postForm, signIn } from '../support/staff.js';

describe('after a match: follow-ups, concerns, a volunteer who leaves, and the case file', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('asks both sides how it went, once, and brings a "need more" or a concern to the social trial.worker', async () => {
    const id = await trial.sharedMatch();
    assert.equal(await trial.context.services.helpFollowups.sendDue(), 0, 'not yet');
    trial.later(15 * DAY);
    assert.equal(await trial.context.services.helpFollowups.sendDue(), 1);
    assert.equal(await trial.context.services.helpFollowups.sendDue(), 0, 'asked once');
    const followups = await trial.outbox('help-followup');
    assert.deepEqual(followups.map((mail) => mail.to_email).sort(), [
      'ilze.zarina@example.org',
      'janis.kalnins@example.org',
    ]);
    const fromPerson = followups.find((mail) => mail.to_email === 'janis.kalnins@example.org')!;
    // It says when they were put in touch (the day contacts were shared), not "some days ago".
    const sharedOn = new Intl.DateTimeFormat('lv', { day: 'numeric', timeZone: 'Europe/Riga' }).format(
      (await trial.context.services.knex('help_matches').where({ id }).first('shared_at')).shared_at,
    );
    assert.match(
      fromPerson.text_body,
      new RegExp(`\\d{4}\\. gada ${sharedOn}\\. \\p{L}+[īā] jūs caur Tilts savedām kopā`, 'u'),
    );
    await trial.press(trial.linkIn(fromPerson.text_body, 'followup/need_more'));
    assert.ok((await trial.events(id)).includes('followup_answer/person/email'));
    assert.match((await trial.outbox('help-match-news')).at(-1)!.text_body, /vajag vēl palīdzību/);

    const concernPath = trial.linkIn(fromPerson.text_body, 'concern');
    const form = await request(trial.context.app).get(`${concernPath}&lang=en`).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(form.text)![1]!;
    const empty = await request(trial.context.app)
      .post(concernPath.split('?')[0]!)
      .query({ lang: 'en' })
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, text: '   ' })
      .expect(422);
    assert.match(empty.text, /Write what the matter is/);
    await request(trial.context.app)
      .post(concernPath.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, text: 'Brīvprātīgais <b>neatnāca</b>.' })
      .expect(200);
    const [concern] = await trial.outbox('help-concern');
    assert.equal(concern!.to_email, 'kaunatas.socialais@example.org');
    assert.match(concern!.html_body, /Brīvprātīgais &lt;b&gt;neatnāca&lt;\/b&gt;\./);
    // Two weeks on, the social trial.worker signs in again.
    trial.worker = await signIn(trial.context, trial.worker.member, trial.worker.secret);
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.match(desk.text, /Brīvprātīgais &lt;b&gt;neatnāca&lt;\/b&gt;\./);
    await postForm(trial.worker, `/staff/help/matches/${id}/outcome`, { how: 'need_more' }).expect(303);
    assert.equal(await trial.state(id), 'done');
  });

  it('says, once "it helped" is recorded, that the request itself is still open and where to close it', async () => {
    const id = await trial.sharedMatch();
    const desk = `/staff/help/requests/${trial.help.ref}`;
    await postForm(trial.worker, `/staff/help/matches/${id}/outcome`, { how: 'helped' })
      .expect(303)
      .expect('Location', `${desk}?done=helped`);
    assert.equal(await trial.state(id), 'done');
    const still = `data-qa="done-still-open">`;
    for (const [lang, words] of [
      ['lv', 'Pats lūgums vēl ir atvērts'],
      ['en', 'The request itself is still open'],
      ['ru', 'Сама просьба ещё открыта'],
    ] as const) {
      const page = await trial.worker.agent.get(`${desk}?done=helped&lang=${lang}`).expect(200);
      assert.ok(page.text.includes(`<a href="/staff/reports/${trial.help.ref}" ${still}${words}`), lang);
    }
    // Any other outcome, or a request already resolved, needs no such word.
    assert.ok(!(await trial.worker.agent.get(`${desk}?done=outcome`)).text.includes(still));
    await trial.context.services.knex('reports').where({ id: trial.help.id }).update({ status: 'resolved' });
    const resolved = await trial.worker.agent.get(`${desk}?done=helped`).expect(200);
    assert.match(resolved.text, /data-qa="done"/);
    assert.ok(!resolved.text.includes(still));
  });

  it('stops a match whose volunteer withdrew or was erased, before any contact is shared', async () => {
    const { knex } = trial.context.services;
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const first = await trial.newestMatch();
    const accept = trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept');
    await knex('help_offers').where({ id: trial.offerId }).update({ status: 'withdrawn' });
    const gone = await trial.press(accept);
    assert.match(gone.text, /data-result="gone"/);
    assert.equal(await trial.state(first), 'cancelled');
    assert.ok((await trial.events(first)).includes('cancelled/system/system'));
    assert.match((await trial.outbox('help-match-news')).at(-1)!.text_body, /atsaucis savu piedāvājumu/);

    // Said yes, then erased by the social worker before the person answered: the person's yes shares nothing.
    const other = await makeOffer(trial.context, { name: 'Otrs Brīvprātīgais', email: 'otrs@example.org' });
    await trial.propose(trial.help.ref, other).expect(303);
    const second = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    await postForm(trial.worker, `/staff/help/offers/${other}/erase`).expect(303);
    // The social worker hears the volunteer's data was erased by staff, not that they withdrew.
    const erasedNews = (await trial.outbox('help-match-news')).at(-1)!;
    assert.match(erasedNews.text_body, /Darbinieks pēc brīvprātīgā lūguma ir izdzēsis viņa datus/);
    assert.match(erasedNews.text_body, /savešana apturēta/);
    assert.doesNotMatch(erasedNews.text_body, /atsaucis/);
    const agreed = await trial.press(
      trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree'),
    );
    assert.match(agreed.text, /data-result="cancelled"/);
    assert.equal(await trial.state(second), 'cancelled');
    assert.equal((await trial.outbox('help-contacts')).length, 0);
    const cancelled = await trial.outbox('help-cancelled');
    assert.ok(
      cancelled.every((mail) => mail.to_email),
      'nobody is written to without an address',
    );
    // The desk still names the erased volunteer's match, as their offer's page does.
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.match(
      desk.text,
      new RegExp(`href="/staff/help/offers/${other}">Erased volunteer \\(no\\. ${other}\\)</a>`),
    );
  });

  it('stops a volunteer’s undecided matches the moment they withdraw, and tells the social worker', async () => {
    const { knex, helpOfferLinks } = trial.context.services;
    const news = async () => (await trial.outbox('help-match-news')).map((mail) => mail.text_body);
    const withdrawn = async () => (await news()).filter((text) => /atsaucis savu piedāvājumu/.test(text));
    // Proposed; the volunteer withdraws with their own button before answering it.
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const first = await trial.newestMatch();
    const accept = trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept');
    const token = new URL(helpOfferLinks.manage(trial.offerId)).searchParams.get('token')!;
    await request(trial.context.app)
      .post(`/help/offers/${trial.offerId}/withdraw`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, confirm: 'yes' })
      .expect(303);
    assert.equal(await trial.state(first), 'cancelled', 'stopped by the withdrawal, before any answer');
    assert.deepEqual((await trial.events(first)).slice(-1), ['cancelled/system/system']);
    const told = await news();
    assert.equal(told.length, 1);
    assert.match(told[0]!, /atsaucis savu piedāvājumu/);
    assert.match((await trial.press(accept)).text, /data-result="cancelled"/);
    assert.equal((await news()).length, 1, 'told once');

    // Said yes, then answered "withdraw" to "still available?": stopped before the person agrees.
    const other = await makeOffer(trial.context, { name: 'Otrs Brīvprātīgais', email: 'otrs@example.org' });
    await trial.propose(trial.help.ref, other).expect(303);
    const second = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    assert.equal(await trial.state(second), 'accepted');
    const asked = trial.context.services.clock();
    await knex('help_offers').where({ id: other }).update({ check_sent_at: asked });
    const withdraw = new URL(helpOfferLinks.check(other, 'withdraw', asked));
    await request(trial.context.app)
      .post(`${withdraw.pathname}${withdraw.search}`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({})
      .expect(200);
    assert.equal(await trial.state(second), 'cancelled');
    assert.equal((await withdrawn()).length, 2);
    const agree = trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree');
    assert.match((await trial.press(agree)).text, /data-result="cancelled"/);
    assert.equal((await trial.outbox('help-contacts')).length, 0, 'no contact shared');

    // Contacts already shared: the match stays as it is when the volunteer withdraws later.
    const third = await makeOffer(trial.context, { name: 'Trešais Palīgs', email: 'tresais@example.org' });
    await trial.propose(trial.help.ref, third).expect(303);
    const shared = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal')).at(-1)!.text_body, 'accept'));
    await trial.press(trial.linkIn((await trial.outbox('help-consent')).at(-1)!.text_body, 'agree'));
    assert.equal(await trial.state(shared), 'shared');
    // Every email so far has left; the person's holds the volunteer's contact.
    await knex('outbox').update({ status: 'sent' });
    const toPerson = (await trial.outbox('help-contacts')).find(
      (mail) => mail.to_email !== 'tresais@example.org',
    );
    assert.match(toPerson!.text_body, /Trešais Palīgs/);
    await postForm(trial.worker, `/staff/help/offers/${third}/erase`).expect(303);
    assert.equal(await trial.state(shared), 'shared');
    // Erased, the volunteer is gone from the emails about them too: to them and to the person.
    const aboutThird = await knex('outbox').where({ help_offer_id: third });
    assert.ok(aboutThird.length >= 3, 'the proposal and both contact emails at least');
    assert.ok(aboutThird.every((mail) => mail.text_body === '' && mail.html_body === ''));
    assert.ok(aboutThird.every((mail) => mail.to_email !== 'tresais@example.org'));
    assert.doesNotMatch(JSON.stringify(await knex('outbox')), /Trešais|tresais/i);
    // ...and the social worker hears the volunteer's data was erased (no withdrawal of theirs), to
    // check with the person.
    assert.equal((await withdrawn()).length, 2);
    assert.match((await news()).at(-1)!, /izdzēsis viņa datus/);
    assert.match((await news()).at(-1)!, /jau ir vienam otra kontakti/);
  });

  it('never shares contacts for a match its volunteer withdrew from, when both happen at once', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { helpOfferLinks } = trial.context.services;
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const agree = trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree');
    await request(trial.context.app).get(agree).expect(200);
    const token = new URL(helpOfferLinks.manage(trial.offerId)).searchParams.get('token')!;
    const [agreed, withdrew] = await Promise.all([
      request(trial.context.app)
        .post(agree.split('?')[0]!)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token: decodeURIComponent(/[?&]token=([^&]+)/.exec(agree)![1]!) }),
      request(trial.context.app)
        .post(`/help/offers/${trial.offerId}/withdraw`)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token, confirm: 'yes' }),
    ]);
    assert.equal(agreed.status, 200);
    assert.equal(withdrew.status, 303);
    const state = await trial.state(id);
    const contacts = (await trial.outbox('help-contacts')).length;
    // Whichever came first: the person's yes shared both contacts, or the withdrawal stopped it.
    if (state === 'shared') assert.match(agreed.text, /data-result="agreed"/);
    else {
      assert.equal(state, 'cancelled');
      assert.equal(contacts, 0);
      assert.match(agreed.text, /data-result="cancelled"/);
    }
    assert.equal(
      (await trial.context.services.knex('help_offers').where({ id: trial.offerId }).first()).status,
      'withdrawn',
    );
  });

  it('exports the case for the social service, and keeps its history beyond anyone’s reach', async () => {
    await trial.propose(trial.help.ref, trial.offerId, '=HYPERLINK("http://evil")').expect(303);
    const id = await trial.newestMatch();
    const json = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}/case.json`).expect(200);
    assert.match(json.headers['content-disposition']!, /attachment/);
    const value = JSON.parse(json.text) as {
      ref: string;
      askedBy: { phone: string };
      matches: { history: { event: string }[] }[];
    };
    assert.equal(value.ref, trial.help.ref);
    assert.equal(value.askedBy.phone, '+371 26660001');
    assert.deepEqual(
      value.matches[0]!.history.map((step) => step.event),
      ['proposed'],
    );
    const csv = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}/case.csv`).expect(200);
    assert.match(csv.headers['content-type']!, /text\/csv/);
    assert.match(csv.text, /proposed/);
    await assert.rejects(
      trial.context.services.knex('help_match_events').where({ match_id: id }).update({ event: 'done' }),
      /append-only/,
    );
    await assert.rejects(
      trial.context.services.knex('help_match_events').where({ match_id: id }).delete(),
      /append-only/,
    );
  });
});
