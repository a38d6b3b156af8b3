import assert from 'node:assert/strict';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { addStaff, NOVADS_ADMIN, postForm, signIn, type StaffBrowser } from '../support/staff.js';

describe('the staff page of an offer lists whom the volunteer helps or was asked to help', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('links each match’s request with its state, to those who may open the request only', async () => {
    // A volunteer of Kaunata and Malta, asked to help on Kaunata's (private) request.
    const offer = await makeOffer(trial.context, { name: 'Divu Pagastu', parishes: ['kaunatas', 'maltas'] });
    await trial.propose(trial.help.ref, offer).expect(303);
    const page = (await trial.worker.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200)).text;
    assert.match(
      page,
      new RegExp(
        `data-qa="staff-offer-match" data-state="proposed"><a href="/staff/help/requests/${trial.help.ref}[^"]*">${trial.help.ref}</a>: asked`,
      ),
    );

    // Malta's social worker sees the offer (it covers Malta), not the Kaunata request.
    const malta = await signIn(
      trial.context,
      await addStaff(trial.context, {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      }),
    );
    await malta.agent.get(`/staff/help/requests/${trial.help.ref}`).expect(404);
    const theirs = (await malta.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200)).text;
    assert.doesNotMatch(theirs, new RegExp(trial.help.ref));
    assert.doesNotMatch(theirs, /data-qa="staff-offer-match"/);
    assert.match(theirs, /data-qa="no-matches"/);
  });

  it('reads the recipients of all its matches’ requests at once, and still lists each only to who may open it', async () => {
    const { knex } = trial.context.services;
    const offer = await makeOffer(trial.context, {
      name: 'Divu Pagastu',
      parishes: ['kaunatas', 'maltas'],
      capacity: 5,
    });
    const malta = await signIn(
      trial.context,
      await addStaff(trial.context, {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      }),
    );
    const admin = await signIn(trial.context, await addStaff(trial.context, NOVADS_ADMIN));
    const kaunata2 = await makeHelpRequest(trial.context, {
      name: 'Pēteris Ozols',
      email: 'peteris@example.org',
    });
    const unconfirmed = await makeHelpRequest(trial.context, {
      name: 'Rita Egle',
      email: 'rita@example.org',
    });
    const maltas = await makeHelpRequest(trial.context, {
      parish: 'maltas',
      name: 'Anna Bērziņa',
      email: 'anna@example.org',
    });
    for (const ref of [trial.help.ref, kaunata2.ref, unconfirmed.ref])
      await trial.propose(ref, offer).expect(303);
    await proposeAs(malta, maltas.ref, offer);
    // However it came to be so, a request not yet confirmed is on no staff page, nor in this list.
    await knex('reports').where({ id: unconfirmed.id }).update({ status: 'unconfirmed', held_at: null });

    const listed = async (reader: StaffBrowser) => {
      const sent: string[] = [];
      const listen = (query: { sql: string }) => sent.push(query.sql);
      knex.on('query', listen);
      const page = await Promise.resolve(
        reader.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200),
      ).finally(() => knex.off('query', listen));
      const refs = [
        ...page.text.matchAll(
          /data-qa="staff-offer-match" data-state="\w+"><a href="\/staff\/help\/requests\/([^"?]+)/g,
        ),
      ]
        .map((found) => found[1]!)
        .sort();
      return { refs, recipientReads: sent.filter((sql) => /from "report_recipients"/.test(sql)).length };
    };
    const opens = async (reader: StaffBrowser) => {
      const refs: string[] = [];
      for (const ref of [trial.help.ref, kaunata2.ref, unconfirmed.ref, maltas.ref])
        if ((await reader.agent.get(`/staff/reports/${ref}`)).status === 200) refs.push(ref);
      return refs.sort();
    };

    for (const [reader, expected] of [
      [trial.worker, [trial.help.ref, kaunata2.ref]],
      [malta, [maltas.ref]],
      [admin, [trial.help.ref, kaunata2.ref, maltas.ref]],
    ] as const) {
      const { refs, recipientReads } = await listed(reader);
      assert.deepEqual(refs, [...expected].sort());
      // The same check as the request's own staff page: listed exactly where it opens.
      assert.deepEqual(refs, await opens(reader));
      assert.equal(recipientReads, 1, 'the routing table once for the whole list');
    }
  });

  it('exports to a social worker only the matches of requests they may open: never another parish’s asker', async () => {
    // A volunteer of Kaunata and Malta whose contact went to Kaunata's asker, Jānis Kalniņš.
    const offer = await makeOffer(trial.context, { name: 'Divu Pagastu', parishes: ['kaunatas', 'maltas'] });
    const shared = await trial.sharedMatch(trial.help.ref, offer);
    const malta = await signIn(
      trial.context,
      await addStaff(trial.context, {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      }),
    );
    const admin = await signIn(trial.context, await addStaff(trial.context, NOVADS_ADMIN));
    const matchIds = async (reader: StaffBrowser) => {
      const json = await reader.agent.get(`/staff/help/offers/${offer}/export.json`).expect(200);
      return (JSON.parse(json.text) as { matches: { id: number }[] }).matches.map((match) => match.id);
    };
    // Malta's social worker exports the volunteer (the offer covers Malta): the Kaunata match is
    // not theirs to know of, as the offer's page lists it not; the asker's name least of all.
    assert.deepEqual(await matchIds(malta), []);
    const csv = await malta.agent.get(`/staff/help/offers/${offer}/export.csv`).expect(200);
    assert.doesNotMatch(csv.text, /Kalniņš/);
    assert.doesNotMatch(csv.text, new RegExp(`"${shared}"`));
    // Kaunata's social worker and an administrator get the match, with whom the contact went to.
    assert.deepEqual(await matchIds(trial.worker), [shared]);
    assert.deepEqual(await matchIds(admin), [shared]);
    const theirs = await trial.worker.agent.get(`/staff/help/offers/${offer}/export.csv`).expect(200);
    assert.match(theirs.text, /Jānis Kalniņš/);
  });
});

/** A social worker of the request's parish proposes it to the offer. */
async function proposeAs(worker: StaffBrowser, ref: string, offer: number) {
  await postForm(worker, `/staff/help/requests/${ref}/propose`, {
    offer: String(offer),
    need: 'Vajag aizvest uz aptieku sestdien.',
  }).expect(303);
}
