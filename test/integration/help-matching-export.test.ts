import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * A person's and a volunteer's own exports (GDPR art. 15(1)(c)) say to whom their contact went,
 * when, and the answers on the way: the recipient by name, never by the recipient's contact.
 */
describe('the exports of a request and of an offer: the matches, their recipients and dates', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  /** Ilze is proposed, says yes, Jānis agrees: both contacts are shared. */
  async function shared() {
    const id = await trial.sharedMatch();
    assert.equal(await trial.state(id), 'shared');
    return id;
  }

  interface Step {
    event: string;
    by: string;
    via: string;
    at: string;
  }

  it('lists in the request’s export each volunteer proposed, when the contact went to them, and the answers', async () => {
    const id = await shared();
    const json = await trial.worker.agent
      .get(`/staff/help/requests/${trial.help.ref}/export.json`)
      .expect(200);
    const data = JSON.parse(json.text) as {
      matches: {
        id: number;
        state: string;
        proposedAt: string;
        contactsSharedAt: string | null;
        volunteer: { name: string | null; organisation: boolean };
        steps: Step[];
      }[];
    };
    assert.equal(data.matches.length, 1);
    const [match] = data.matches;
    assert.equal(match!.id, id);
    assert.equal(match!.state, 'shared');
    assert.deepEqual(match!.volunteer, { name: 'Ilze Zariņa', organisation: false });
    assert.ok(match!.proposedAt && match!.contactsSharedAt, 'dated');
    assert.deepEqual(
      match!.steps.map((step) => `${step.event}/${step.by}/${step.via}`),
      ['proposed/staff/web', 'accepted/volunteer/email', 'agreed/person/email', 'shared/system/system'],
    );
    // The recipient by name: never the volunteer's contact, nor the staff member's name.
    assert.doesNotMatch(json.text, /ilze\.zarina@|29990001/);
    const csv = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}/export.csv`).expect(200);
    assert.match(csv.text, /\r\n"matches\.1\.volunteer\.name","Ilze Zariņa"\r\n/);
    assert.match(csv.text, /\r\n"matches\.1\.contactsSharedAt","\d{4}-\d\d-\d\dT[^"]+"\r\n/);
    assert.match(csv.text, /\r\n"matches\.1\.steps\.2\.event","accepted"\r\n/);
  });

  it('lists in the offer’s export to whom the volunteer’s contact went and when, in JSON and CSV', async () => {
    const id = await shared();
    const json = await trial.worker.agent.get(`/staff/help/offers/${trial.offerId}/export.json`).expect(200);
    const data = JSON.parse(json.text) as {
      matches: {
        id: number;
        state: string;
        contactsSharedAt: string | null;
        contactsSharedWith: { name: string | null; role: string } | null;
        steps: Step[];
      }[];
    };
    assert.equal(data.matches.length, 1);
    assert.equal(data.matches[0]!.id, id);
    assert.deepEqual(data.matches[0]!.contactsSharedWith, { name: trial.help.reporterName, role: 'person' });
    assert.ok(data.matches[0]!.contactsSharedAt);
    assert.ok(data.matches[0]!.steps.some((step) => step.event === 'agreed' && step.by === 'person'));
    assert.doesNotMatch(json.text, /janis\.kalnins@|26660001/);
    const csv = await trial.worker.agent.get(`/staff/help/offers/${trial.offerId}/export.csv`).expect(200);
    const [header, offerRow, matchRow] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(
      header!.endsWith(
        '"match_contacts_shared_with","match_contacts_shared_with_role","match_steps","match_concerns"',
      ),
    );
    assert.ok(offerRow!.startsWith(`"${trial.offerId}","active",`));
    assert.ok(matchRow!.startsWith('"","",'), 'the offer’s columns are empty on a match’s row');
    assert.match(
      matchRow!,
      new RegExp(`"${id}","shared","[^"]+","[^"]+","${trial.help.reporterName}","person","`),
    );
  });

  it('gives no recipient before anything was shared', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const json = await trial.worker.agent.get(`/staff/help/offers/${trial.offerId}/export.json`).expect(200);
    const [match] = (JSON.parse(json.text) as { matches: { contactsSharedWith: unknown; state: string }[] })
      .matches;
    assert.equal(match!.state, 'proposed');
    assert.equal(match!.contactsSharedWith, null);
  });
  it('is taken from our own pages, or typed, never from a link on another site, which writes nothing to the audit', async () => {
    const urls = [
      `/staff/help/requests/${trial.help.ref}/export.json`,
      `/staff/help/requests/${trial.help.ref}/export.csv`,
      `/staff/help/offers/${trial.offerId}/export.json`,
      `/staff/help/offers/${trial.offerId}/export.csv`,
      `/staff/help/requests/${trial.help.ref}/case.json`,
      `/staff/help/requests/${trial.help.ref}/case.csv`,
    ];
    const audited = async () =>
      Number((await trial.context.services.knex('audit_log').count({ n: '*' }))[0]!.n);
    const before = await audited();
    for (const url of urls) {
      for (const site of ['cross-site', 'same-site']) {
        const res = await trial.worker.agent.get(`${url}?lang=en`).set('Sec-Fetch-Site', site).expect(403);
        assert.match(res.text, /A download is taken from its page in the workspace/, url);
      }
    }
    assert.equal(await audited(), before, 'nothing written under the member’s name');
    for (const url of urls) {
      await trial.worker.agent.get(url).set('Sec-Fetch-Site', 'same-origin').expect(200);
      await trial.worker.agent.get(url).set('Sec-Fetch-Site', 'none').expect(200);
    }
    assert.ok((await audited()) > before, 'each download from our page is in the audit');
  });

  it('gives each side the words of the concerns it raised, and never the other side’s', async () => {
    const id = await shared();
    const raise = async (link: string, text: string) => {
      const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(link)![1]!);
      await request(trial.context.app)
        .post(link.split('?')[0]!)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token, text })
        .expect(200);
    };
    const [toVolunteer, toPerson] = await Promise.all([
      trial.mailAbout('help-proposal', id),
      trial.mailAbout('help-consent', id),
    ]);
    await raise(trial.linkIn(toVolunteer, 'concern'), 'Nevaru atbraukt otrdien.');
    await raise(trial.linkIn(toPerson, 'concern'), 'Brīvprātīgais kavējas.');
    const exports = {
      person: `/staff/help/requests/${trial.help.ref}/export`,
      volunteer: `/staff/help/offers/${trial.offerId}/export`,
    };
    const words = { person: 'Brīvprātīgais kavējas.', volunteer: 'Nevaru atbraukt otrdien.' };
    for (const [side, other] of [
      ['person', 'volunteer'],
      ['volunteer', 'person'],
    ] as const) {
      const json = await trial.worker.agent.get(`${exports[side]}.json`).expect(200);
      const data = JSON.parse(json.text) as { matches: { concerns: { at: string; text: string }[] }[] };
      assert.deepEqual(
        data.matches[0]!.concerns.map((concern) => concern.text),
        [words[side]],
        side,
      );
      assert.ok(!json.text.includes(words[other]), `${side}: not the ${other}’s words`);
      const csv = await trial.worker.agent.get(`${exports[side]}.csv`).expect(200);
      assert.ok(csv.text.includes(words[side]), `${side}: in the CSV too`);
    }
  });
});
