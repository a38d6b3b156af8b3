import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { appRoutes } from '../support/routes.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';
import { confirmedOffer, lastEmail, linkIn } from './help-offers-helpers.js';
import { askForHelp, requestFields } from './help-requests-helpers.js';

/** What only the other side may learn, and only once both have said yes. */
const VOLUNTEER = { email: 'ilze.celojums@example.org', phone: '+371 29111111' };
const PERSON = { email: 'valentina.celojums@example.org', phone: '+371 26222222', place: 'Ezera iela 3' };
const DECLINER = { email: 'ruta.atsaka@example.org', phone: '+371 26333333', place: 'Dārza iela 9' };

/** A contact as it may be written anywhere: as typed, without spaces, or the number alone. */
const shapes = (contact: Record<string, string>) =>
  Object.values(contact).flatMap((value) =>
    value.startsWith('+') ? [value, value.replace(/\s/g, ''), value.slice(5)] : [value],
  );

function assertNone(text: string, secrets: readonly string[], where: string) {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} shows ${secret}`);
}

/**
 * The walk, through the real forms and the real emailed links only: a volunteer offers,
 * two people ask in the same parish, the social worker proposes; one person agrees and one
 * declines. Until both sides have said yes, nothing anyone else can read holds a contact.
 */
describe('a request and an offer brought together, with consent on both sides, by email', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  const logs: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    context = await makeApp({}, { logger: pino({ level: 'trace' }, sink) });
    worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
  });

  const mailsTo = async (email: string) =>
    (await context.services.knex('outbox').where({ to_email: email }).orderBy('id')) as {
      kind: string;
      subject: string;
      text_body: string;
      html_body: string;
    }[];
  const assertMailsClean = async (email: string, secrets: readonly string[]) => {
    for (const mail of await mailsTo(email))
      assertNone(
        `${mail.subject}\n${mail.text_body}\n${mail.html_body}`,
        secrets,
        `${mail.kind} to ${email}`,
      );
  };
  /** Every public page the app has (no parameters), and the request's own address. */
  const assertPublicClean = async (ref: string, secrets: readonly string[]) => {
    const paths = appRoutes(context.app)
      .filter((route) => route.method === 'GET' && !route.path.includes(':'))
      .map((route) => route.path)
      .filter((path) => !/^\/(staff|dev)\b/.test(path));
    assert.ok(paths.includes('/help') && paths.includes('/reports'));
    for (const path of [...paths, `/reports/${ref}`, '/reports?q=Ezera', '/help?lang=ru'])
      assertNone((await request(context.app).get(path)).text, secrets, path);
  };
  /** Opens an emailed link as its reader does, and presses the button on the page; both pages are returned. */
  const follow = async (path: string) => {
    const page = await request(context.app).get(path).expect(200);
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!);
    const answered = await request(context.app)
      .post(path.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token })
      .expect(200);
    return `${page.text}\n${answered.text}`;
  };
  const propose = async (ref: string, offerId: number) => {
    const desk = await worker.agent.get(`/staff/help/requests/${ref}`).expect(200);
    assert.match(desk.text, new RegExp(`data-qa="candidate" data-id="${offerId}"`));
    const form = /name="_csrf" value="([^"]+)"/.exec(desk.text)![1]!;
    await worker.agent
      .post(`/staff/help/requests/${ref}/propose`)
      .type('form')
      .send({ _csrf: form, offer: String(offerId), need: 'Kundzei sestdien jātiek uz Rēzekni un atpakaļ.' })
      .expect(303);
  };

  it('shares the contacts when both said yes, and not one moment before', async () => {
    const { knex } = context.services;
    const offer = await confirmedOffer(context.app, knex, {
      name: 'Ilze Ceļotāja',
      email: VOLUNTEER.email,
      phone: VOLUNTEER.phone,
      share_phone: '1',
      kinds: ['transport'],
    });
    const asked = await askForHelp(
      context,
      requestFields({
        kinds: ['transport'],
        name: 'Valentīna Ceļa',
        email: PERSON.email,
        phone: PERSON.phone,
        location: `Kaunata, ${PERSON.place}`,
      }),
    );
    await lastEmail(knex, 'help-request-received', PERSON.email);
    await propose(asked.ref, offer.id);

    const proposal = await lastEmail(knex, 'help-proposal', VOLUNTEER.email);
    const volunteerPages = await follow(linkIn(proposal.text_body, /\/accept\?/));
    assertNone(volunteerPages, shapes(PERSON), 'the proposal’s pages');
    assertNone(
      (await request(context.app).get(offer.manage)).text,
      shapes(PERSON),
      'the volunteer’s own page',
    );

    const consent = await lastEmail(knex, 'help-consent', PERSON.email);
    const agreeLink = linkIn(consent.text_body, /\/agree\?/);
    const forged = await request(context.app).get(agreeLink.replace(/token=.{6}/, 'token=AAAAAA'));
    assert.equal(forged.status, 404);
    // The last moment before the person's yes: nobody but the social worker knows either side.
    await assertMailsClean(VOLUNTEER.email, shapes(PERSON));
    await assertMailsClean(PERSON.email, shapes(VOLUNTEER));
    await assertPublicClean(asked.ref, [...shapes(PERSON), ...shapes(VOLUNTEER), 'Valentīna']);
    assertNone(forged.text, [...shapes(PERSON), ...shapes(VOLUNTEER)], 'a forged link’s page');
    assert.equal((await knex('outbox').where({ kind: 'help-contacts' })).length, 0);

    assertNone(await follow(agreeLink), shapes(VOLUNTEER), 'the consent pages');
    const toVolunteer = await lastEmail(knex, 'help-contacts', VOLUNTEER.email);
    assert.ok(toVolunteer.text_body.includes(PERSON.phone) && toVolunteer.text_body.includes(PERSON.email));
    const toPerson = await lastEmail(knex, 'help-contacts', PERSON.email);
    assert.ok(toPerson.text_body.includes(VOLUNTEER.phone) && toPerson.text_body.includes(VOLUNTEER.email));
    const desk = await worker.agent.get(`/staff/help/requests/${asked.ref}?lang=en`).expect(200);
    assert.match(desk.text, /data-qa="match" data-id="\d+" data-state="shared"/);
    assertNone(logs.join(''), [...shapes(PERSON), ...shapes(VOLUNTEER)], 'the log');
  });

  it('shares nothing with anyone when the person declines', async () => {
    const { knex } = context.services;
    const offerId = Number(
      ((await knex('help_offers').where({ email: VOLUNTEER.email }).first('id')) as { id: number }).id,
    );
    const asked = await askForHelp(
      context,
      requestFields({
        kinds: ['transport'],
        name: 'Rūta Atsaka',
        email: DECLINER.email,
        phone: DECLINER.phone,
        location: `Kaunata, ${DECLINER.place}`,
      }),
    );
    await propose(asked.ref, offerId);
    const proposal = await lastEmail(knex, 'help-proposal', VOLUNTEER.email);
    assertNone(
      await follow(linkIn(proposal.text_body, /\/accept\?/)),
      shapes(DECLINER),
      'the proposal’s pages',
    );
    const consent = await lastEmail(knex, 'help-consent', DECLINER.email);
    assertNone(await follow(linkIn(consent.text_body, /\/refuse\?/)), shapes(VOLUNTEER), 'the refusal pages');
    await lastEmail(knex, 'help-cancelled', VOLUNTEER.email);

    await assertMailsClean(VOLUNTEER.email, shapes(DECLINER));
    await assertMailsClean(DECLINER.email, shapes(VOLUNTEER));
    await assertPublicClean(asked.ref, [...shapes(DECLINER), 'Rūta']);
    const desk = await worker.agent.get(`/staff/help/requests/${asked.ref}?lang=en`).expect(200);
    assert.match(desk.text, /data-qa="match" data-id="\d+" data-state="refused"/);
    assertNone(logs.join(''), [...shapes(DECLINER), ...shapes(VOLUNTEER)], 'the log');
  });
});
