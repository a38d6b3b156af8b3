import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from './app.js';
import { makeHelpRequest, makeOffer } from './help.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn, type StaffBrowser } from './staff.js';

export const DAY = 86_400_000;

/**
 * A fresh app with Kaunata's social worker signed in, a request for help and a volunteer's offer
 * there, and the steps a test of matching takes: propose, follow an emailed link, read the state.
 */
export class MatchingTrial {
  context!: TestContext;
  worker!: StaffBrowser;
  help!: Report;
  offerId!: number;
  private now = new Date();

  async start() {
    this.now = new Date();
    this.context = await makeApp({}, { clock: () => this.now });
    this.worker = await signIn(this.context, await addStaff(this.context, KAUNATA_WORKER));
    this.help = await makeHelpRequest(this.context, {
      email: 'janis.kalnins@example.org',
      phone: '+371 26660001',
    });
    this.offerId = await makeOffer(this.context, {
      name: 'Ilze Zariņa',
      email: 'ilze.zarina@example.org',
      phone: '+371 29990001',
    });
  }

  later(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }

  outbox(kind: string) {
    return this.context.services.knex('outbox').where({ kind }).orderBy('id') as Promise<
      { to_email: string; text_body: string; html_body: string; language: string }[]
    >;
  }

  linkIn(text: string, action: string): string {
    const found = new RegExp(`http://tilts\\.test(/help/matches/\\d+/${action}\\?token=[^\\s&]+)`).exec(
      text,
    )?.[1];
    assert.ok(found, `a ${action} link in ${text}`);
    return found;
  }

  /** Opens a link as a reader does (the page changes nothing), then presses its button. */
  async press(path: string) {
    await request(this.context.app).get(path).expect(200);
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!);
    return request(this.context.app)
      .post(path.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token })
      .expect(200);
  }

  async state(id: number): Promise<string> {
    return ((await this.context.services.knex('help_matches').where({ id }).first()) as { state: string })
      .state;
  }

  async events(id: number): Promise<string[]> {
    const rows = (await this.context.services
      .knex('help_match_events')
      .where({ match_id: id })
      .orderBy('id')) as { event: string; actor: string; via: string }[];
    return rows.map((row) => `${row.event}/${row.actor}/${row.via}`);
  }

  propose(
    ref: string,
    offer: number,
    need = 'Vecāka kundze vēlas tikt uz Rēzekni pie ārsta otrdienas rītā.',
  ) {
    return postForm(this.worker, `/staff/help/requests/${ref}/propose`, { offer: String(offer), need });
  }

  async newestMatch(): Promise<number> {
    return ((await this.context.services.knex('help_matches').max({ id: 'id' }).first()) as { id: number })
      .id;
  }

  /** The text of the email of `kind` about match `id` (its links name the match). */
  async mailAbout(kind: string, id: number): Promise<string> {
    const mail = (await this.outbox(kind)).find((one) => one.text_body.includes(`/help/matches/${id}/`));
    assert.ok(mail, `a ${kind} email about match ${id}`);
    return mail.text_body;
  }

  /**
   * Both sides say yes by their emailed links: the request is proposed to the offer (the trial's
   * own unless given), the volunteer accepts and the person agrees, so contacts are shared. The
   * match's id.
   */
  async sharedMatch(ref = this.help.ref, offer = this.offerId): Promise<number> {
    await this.propose(ref, offer).expect(303);
    const id = await this.newestMatch();
    await this.press(this.linkIn(await this.mailAbout('help-proposal', id), 'accept'));
    await this.press(this.linkIn(await this.mailAbout('help-consent', id), 'agree'));
    return id;
  }

  /**
   * The asker has no email (the social worker takes their answer by phone); the volunteer proposed
   * said yes. The match's id.
   */
  async acceptedForAskerWithoutEmail(): Promise<number> {
    await this.context.services.knex('reports').where({ id: this.help.id }).update({ reporter_email: null });
    await this.propose(this.help.ref, this.offerId).expect(303);
    const id = await this.newestMatch();
    await this.press(this.linkIn((await this.outbox('help-proposal'))[0]!.text_body, 'accept'));
    return id;
  }
}
