import assert from 'node:assert/strict';
import request from 'supertest';
import { DAY, MatchingTrial } from '../support/help-matching.js';

describe('"how did it go?": one answer a side, and only after contacts were shared', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const send = (path: string, token: string, lang = 'lv') =>
    request(trial.context.app)
      .post(path.split('?')[0]!)
      .query({ lang })
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token });
  const tokenOf = (path: string) => decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!);
  const answers = async (id: number) =>
    (await trial.events(id)).filter((event) => event.startsWith('followup_answer/'));

  it('records a side’s first answer and tells the social worker once, however often it is sent', async () => {
    const id = await trial.sharedMatch();
    trial.later(15 * DAY);
    assert.equal(await trial.context.services.helpFollowups.sendDue(), 1);
    const mail = (await trial.outbox('help-followup')).find(
      (one) => one.to_email === 'janis.kalnins@example.org',
    )!;
    const needMore = trial.linkIn(mail.text_body, 'followup/need_more');
    await trial.press(needMore);
    const news = (await trial.outbox('help-match-news')).length;
    assert.deepEqual(await answers(id), ['followup_answer/person/email']);

    // The same button again (a reload, a double click), or another answer from the same email.
    await send(needMore, tokenOf(needMore)).expect(200);
    const other = trial.linkIn(mail.text_body, 'followup/not_happened');
    const again = await send(other, tokenOf(other), 'en').expect(200);
    assert.match(again.text, /already/);
    assert.match(again.text, /More help is needed/);
    assert.deepEqual(await answers(id), ['followup_answer/person/email'], 'one answer for the person');
    assert.equal(
      (await trial.outbox('help-match-news')).length,
      news,
      'no second email to the social worker',
    );
    // Its page says so too, without a button that would send it.
    const page = await request(trial.context.app).get(`${other}&lang=en`).expect(200);
    assert.match(page.text, /already/);
    assert.doesNotMatch(page.text, /data-qa="followup-form"/);

    // The volunteer's answer is theirs to give.
    const toVolunteer = (await trial.outbox('help-followup')).find(
      (one) => one.to_email === 'ilze.zarina@example.org',
    )!;
    await trial.press(trial.linkIn(toVolunteer.text_body, 'followup/helped'));
    assert.deepEqual(await answers(id), ['followup_answer/person/email', 'followup_answer/volunteer/email']);
  });

  it('answers nothing for a match whose contacts were not shared, even with that match’s own token', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    const accept = trial.linkIn(await trial.mailAbout('help-proposal', id), 'accept');
    const path = `/help/matches/${id}/followup/not_happened?token=${encodeURIComponent(tokenOf(accept))}`;
    await request(trial.context.app).get(path).expect(404);
    await send(path, tokenOf(accept)).expect(404);
    assert.deepEqual(await answers(id), []);
    assert.equal((await trial.outbox('help-match-news')).length, 0);
  });
});
