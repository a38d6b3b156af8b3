import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/** A match's item on the page: its state code and its markup, up to the next item or the list's end. */
function itemOf(page: string, id: number): { state: string; html: string } | undefined {
  const found = new RegExp(`data-qa="offer-match" data-id="${id}" data-state="(\\w+)">`).exec(page);
  if (!found) return undefined;
  const rest = page.slice(found.index + found[0].length);
  const end = rest.search(/data-qa="offer-match"|<\/section>/);
  return { state: found[1]!, html: end < 0 ? rest : rest.slice(0, end) };
}

describe('the matches of an offer on its volunteer’s own page', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const ownPage = async (lang = 'en', offerId = trial.offerId) => {
    const path = trial.context.services.helpOfferLinks.managePath(offerId);
    return (await request(trial.context.app).get(`${path}&lang=${lang}`).expect(200)).text;
  };
  const proposeOn = async (ref: string, need?: string) => {
    await trial.propose(ref, trial.offerId, need).expect(303);
    trial.later(60_000);
    return trial.newestMatch();
  };
  const proposalTo = async (id: number) =>
    (await trial.outbox('help-proposal')).find((mail) => mail.text_body.includes(`/help/matches/${id}/`))!;

  it('lists each match with its state and date, and answers through the emailed links’ pages', async () => {
    const { knex } = trial.context.services;
    await knex('help_offers').where({ id: trial.offerId }).update({ capacity: 5 });
    assert.match(await ownPage(), /data-qa="no-matches">Nobody has asked you to help yet/);
    const asked = await proposeOn(trial.help.ref);
    const noRequest = await makeHelpRequest(trial.context, {
      name: 'Pēteris Ozols',
      email: 'peteris@example.org',
    });
    const saidNo = await proposeOn(noRequest.ref, 'Vajag atnest malku sestdien.');
    await trial.press(trial.linkIn((await proposalTo(saidNo)).text_body, 'decline'));
    const yesRequest = await makeHelpRequest(trial.context, {
      name: 'Anna Bērziņa',
      email: 'anna@example.org',
    });
    const saidYes = await proposeOn(yesRequest.ref, 'Vajag aizvest uz aptieku.');
    await trial.press(trial.linkIn((await proposalTo(saidYes)).text_body, 'accept'));
    const stopRequest = await makeHelpRequest(trial.context, {
      name: 'Olga Kļava',
      email: 'olga@example.org',
    });
    const stopped = await proposeOn(stopRequest.ref, 'Vajag palīdzēt ar iepirkšanos.');
    await postForm(trial.worker, `/staff/help/matches/${stopped}/cancel`, { confirm: 'yes' }).expect(303);
    const doneRequest = await makeHelpRequest(trial.context, {
      name: 'Rita Egle',
      email: 'rita@example.org',
    });
    const done = await proposeOn(doneRequest.ref, 'Vajag aizvest uz pastu.');
    await trial.press(trial.linkIn((await proposalTo(done)).text_body, 'accept'));
    await trial.press(trial.linkIn((await trial.outbox('help-consent')).at(-1)!.text_body, 'agree'));
    await postForm(trial.worker, `/staff/help/matches/${done}/outcome`, { how: 'helped' }).expect(303);

    const sent: string[] = [];
    const listen = (query: { sql: string }) => sent.push(query.sql);
    knex.on('query', listen);
    const page = await ownPage().finally(() => knex.off('query', listen));
    // Five matches, yet their reports and requests are read once each, not once a match.
    assert.equal(sent.filter((sql) => /from "reports"/.test(sql)).length, 1, sent.join('\n'));
    assert.equal(sent.filter((sql) => /from "help_requests"/.test(sql)).length, 1, sent.join('\n'));
    const ids = [...page.matchAll(/data-qa="offer-match" data-id="(\d+)"/g)].map((found) => Number(found[1]));
    assert.deepEqual(ids, [done, stopped, saidYes, saidNo, asked], 'newest first');
    const states = Object.fromEntries(ids.map((id) => [id, itemOf(page, id)!.state]));
    assert.deepEqual(states, {
      [asked]: 'asked',
      [saidNo]: 'saidNo',
      [saidYes]: 'saidYes',
      [stopped]: 'stopped',
      [done]: 'done',
    });
    const first = itemOf(page, asked)!.html;
    assert.match(first, /data-qa="match-state">Asked: waiting for your answer</);
    assert.match(first, /data-qa="match-date">\d{1,2} \w+ \d{4}</);
    assert.match(
      first,
      /data-qa="match-need" lang="lv">Vecāka kundze vēlas tikt uz Rēzekni pie ārsta otrdienas rītā\.</,
    );
    assert.match(first, /Help: Transport/);
    assert.match(itemOf(page, saidNo)!.html, /You said no</);
    assert.match(itemOf(page, saidYes)!.html, /You said yes: waiting for the person’s answer</);
    assert.match(itemOf(page, stopped)!.html, />Stopped</);
    assert.match(itemOf(page, done)!.html, /Help given</);
    // Only a question still open has the answers.
    for (const id of [saidNo, saidYes, stopped, done])
      assert.doesNotMatch(itemOf(page, id)!.html, /data-qa="match-(accept|decline)"/);

    // Its "yes" opens the page of the emailed link, whose button answers.
    const accept =
      /href="http:\/\/tilts\.test(\/help\/matches\/\d+\/accept\?token=[^"]+)" data-qa="match-accept"/
        .exec(first)?.[1]
        ?.replaceAll('&amp;', '&');
    assert.ok(accept, 'the open question has a “yes” link');
    assert.match(accept, new RegExp(`^/help/matches/${asked}/accept\\?`));
    // The page it opens is in this page's language, as an emailed link's is in the email's.
    assert.match(accept, /&lang=en$/);
    assert.match(first, /href="[^"]*\/concern\?token=[^"]+&amp;lang=en" data-qa="match-concern"/);
    const answered = await trial.press(accept);
    assert.match(answered.text, /data-result="accepted"/);
    assert.equal(await trial.state(asked), 'accepted');
    assert.match(itemOf(await ownPage(), asked)!.html, /You said yes/);

    // In Latvian and Russian too.
    assert.match(itemOf(await ownPage('lv'), done)!.html, /Palīdzība sniegta/);
    assert.match(itemOf(await ownPage('ru'), saidNo)!.html, /Вы отказались/);
  });

  it('never shows a match of another offer', async () => {
    const other = await makeOffer(trial.context, { name: 'Otrs Palīgs', email: 'otrs@example.org' });
    await trial.propose(trial.help.ref, other, 'Cita palīdzība citam brīvprātīgajam.').expect(303);
    const theirs = await trial.newestMatch();
    const mine = await proposeOn(trial.help.ref);
    const page = await ownPage();
    assert.ok(itemOf(page, mine), 'my own match is listed');
    assert.equal(itemOf(page, theirs), undefined);
    assert.doesNotMatch(page, /Cita palīdzība/);
    const theirPage = await ownPage('en', other);
    assert.ok(itemOf(theirPage, theirs));
    assert.equal(itemOf(theirPage, mine), undefined);
    assert.doesNotMatch(theirPage, /Vecāka kundze/);
  });

  it('shows the person’s contact only once both agreed, as the contacts email gave it', async () => {
    const id = await proposeOn(trial.help.ref);
    // Words written before the desk refused a contact in them are masked, as in the proposal.
    await trial.context.services
      .knex('help_matches')
      .where({ id })
      .update({ need_text: 'Jānis Kalniņš lūdz zvanīt 26660001 vai janis.kalnins@example.org.' });
    const secrets = ['Jānis', 'Kalniņš', 'janis.kalnins', '26660001', 'Liepu iela'];
    const hidden = (page: string, when: string) => {
      const html = itemOf(page, id)!.html;
      assert.doesNotMatch(html, /data-qa="match-contacts"/, when);
      for (const secret of secrets) assert.ok(!page.includes(secret), `${when}: the page hides ${secret}`);
    };
    const asked = await ownPage();
    hidden(asked, 'asked');
    assert.match(
      itemOf(asked, id)!.html,
      /data-qa="match-need" lang="lv">\[…\] lūdz zvanīt \[…\] vai \[…\]\.</,
    );
    await trial.press(trial.linkIn((await proposalTo(id)).text_body, 'accept'));
    hidden(await ownPage(), 'said yes');

    await trial.press(trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree'));
    const emailed = (await trial.outbox('help-contacts')).find(
      (mail) => mail.to_email === 'ilze.zarina@example.org',
    )!;
    const shared = itemOf(await ownPage(), id)!;
    assert.equal(shared.state, 'shared');
    assert.match(shared.html, /The person agreed: contacts shared/);
    const contacts = /<div data-qa="match-contacts">([\s\S]*?)<\/div>/.exec(shared.html)![1]!;
    const lines = [...contacts.matchAll(/<li>([^<]*)<\/li>/g)].map((found) => found[1]!.trim());
    assert.deepEqual(lines, [
      'Name: Jānis Kalniņš',
      'Phone: +371 26660001',
      'Email: janis.kalnins@example.org',
      'Where: Kaunata, Liepu iela 7',
    ]);
    const lv = /<div data-qa="match-contacts">([\s\S]*?)<\/div>/.exec(
      itemOf(await ownPage('lv'), id)!.html,
    )![1]!;
    for (const line of [...lv.matchAll(/<li>([^<]*)<\/li>/g)].map((found) => found[1]!.trim()))
      assert.ok(emailed.text_body.includes(line), `the contacts email said “${line}”`);
  });

  for (const knows of ['yes', 'no'] as const) {
    it(`asked for someone else who ${knows === 'yes' ? 'knows' : 'does not know'}: the contacts as the email gave them`, async () => {
      const asked = await makeHelpRequest(trial.context, {
        name: 'Laima Jauna',
        email: 'laima.jauna@example.org',
        phone: '+371 26660077',
        forWhom: 'other',
        subject: { name: 'Anna Kaimiņa', email: 'anna.kaimina@example.org' },
        knows,
      });
      const id = await proposeOn(asked.ref);
      await trial.press(trial.linkIn((await proposalTo(id)).text_body, 'accept'));
      await trial.press(trial.linkIn((await trial.outbox('help-consent')).at(-1)!.text_body, 'agree'));
      const emailed = (await trial.outbox('help-contacts')).find(
        (mail) => mail.to_email === 'ilze.zarina@example.org',
      )!;
      const html = itemOf(await ownPage('lv'), id)!.html;
      const contacts = /<div data-qa="match-contacts">([\s\S]*?)<\/div>/.exec(html)![1]!;
      const said = [...contacts.matchAll(/<(?:li|p)>([^<]*)<\/(?:li|p)>/g)].map((found) => found[1]!.trim());
      const email = `${emailed.text_body}\n${emailed.html_body}`;
      for (const line of said) assert.ok(email.includes(line), `the contacts email said “${line}”`);
      if (knows === 'yes') {
        assert.ok(said.includes('Vārds: Anna Kaimiņa') && said.includes('Vārds: Laima Jauna'));
        assert.match(contacts, /Lūdza:/);
      } else {
        assert.ok(said.includes('Vārds: Laima Jauna'));
        assert.ok(!contacts.includes('Anna Kaimiņa') && !contacts.includes('anna.kaimina'));
        assert.match(contacts, /par lūgumu vēl nezina/);
      }
    });
  }

  it('shows nothing of a person erased at their request', async () => {
    const id = await proposeOn(trial.help.ref);
    await trial.press(trial.linkIn((await proposalTo(id)).text_body, 'accept'));
    await trial.press(trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree'));
    await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/erase`, { confirm: 'yes' }).expect(
      303,
    );
    const item = itemOf(await ownPage(), id)!;
    assert.match(item.html, /data-qa="match-erased">The person’s data was erased at their request\./);
    assert.doesNotMatch(item.html, /data-qa="match-(contacts|need)"/);
  });
});
