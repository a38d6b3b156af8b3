import assert from 'node:assert/strict';
import { refsIn, reportsDesk } from './staff-reports-helpers.js';

const DAY = 86_400_000;

describe('the staff workspace: the queue, and assigning a report', () => {
  const desk = reportsDesk();

  it('shows each person the reports of their scope: the social worker private ones too, the clerk not', async () => {
    const { worker, clerk, admin, kaunataPublic, kaunataPrivate, maltaPublic } = desk();
    assert.deepEqual(
      refsIn((await worker.agent.get('/staff').expect(200)).text).sort(),
      [kaunataPublic.ref, kaunataPrivate.ref].sort(),
    );
    assert.deepEqual(refsIn((await clerk.agent.get('/staff').expect(200)).text), [kaunataPublic.ref]);
    assert.deepEqual(refsIn((await admin.agent.get('/staff').expect(200)).text).length, 3);
    await clerk.agent.get(`/staff/reports/${kaunataPrivate.ref}`).expect(404);
    await clerk.agent.get(`/staff/reports/${maltaPublic.ref}`).expect(404);
    // Nor does the clerk's filter offer the categories of requests for help, which go to the social
    // worker alone; the social worker's does.
    const categoriesOf = (html: string) =>
      /id="queue-category"[\s\S]*?<\/select>/
        .exec(html)![0]
        .match(/value="[a-z-]+"/g)!
        .join(' ');
    assert.doesNotMatch(categoriesOf((await clerk.agent.get('/staff').expect(200)).text), /elderly-help/);
    assert.match(categoriesOf((await clerk.agent.get('/staff').expect(200)).text), /value="roads"/);
    assert.match(categoriesOf((await worker.agent.get('/staff').expect(200)).text), /elderly-help/);
    await worker.agent.get(`/staff/reports/${maltaPublic.ref}`).expect(404);
    const page = await worker.agent.get(`/staff/reports/${kaunataPrivate.ref}?lang=en`).expect(200);
    assert.match(
      page.text,
      /data-qa="reporter">[\s\S]*janis\.\d+@example\.lv/,
      'the reporter’s contact, for those who handle it',
    );
  });

  it('flags a report past its category’s target in working days, and filters to those', async () => {
    const { context, worker, kaunataPublic, kaunataPrivate, now } = desk();
    await context.services
      .knex('reports')
      .where({ id: kaunataPublic.id })
      .update({ routed_at: new Date(now.getTime() - 20 * DAY) });
    const queue = await worker.agent.get('/staff?lang=en').expect(200);
    assert.match(queue.text, new RegExp(`data-ref="${kaunataPublic.ref}"[\\s\\S]*?data-qa="overdue"`));
    assert.deepEqual(refsIn((await worker.agent.get('/staff?overdue=1').expect(200)).text), [
      kaunataPublic.ref,
    ]);
    const search = await worker.agent.get(`/staff?q=${kaunataPrivate.ref.slice(-5)}`).expect(200);
    assert.deepEqual(refsIn(search.text), [kaunataPrivate.ref]);
  });

  it('groups the parish filter by apvienība, only with the member’s own parishes', async () => {
    const { worker, admin } = desk();
    const groups = (html: string) =>
      [
        ...(/id="queue-parish"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '').matchAll(
          /<optgroup label="([^"]+)">/g,
        ),
      ].map((match) => match[1]);
    assert.equal(groups((await admin.agent.get('/staff?lang=en').expect(200)).text).length, 5);
    const mine = (await worker.agent.get('/staff?lang=en').expect(200)).text;
    assert.equal(groups(mine).length, 1);
    assert.match(mine, /<optgroup label="[^"]+">\s*<option value="kaunatas">/);
  });

  it('sends a page past the end of the queue to its last page, keeping the filters', async () => {
    const { worker, kaunataPublic, kaunataPrivate } = desk();
    // Reports handled since the link was made leave fewer pages: the queue is not shown empty.
    const past = await worker.agent.get('/staff?status=all&page=3&q=RZN&lang=en').expect(303);
    assert.equal(past.headers.location, '/staff?status=all&q=RZN&lang=en');
    const queue = await worker.agent.get(past.headers.location!).expect(200);
    assert.deepEqual(refsIn(queue.text).sort(), [kaunataPublic.ref, kaunataPrivate.ref].sort());
  });

  it('counts in each status tab what the tab would list with the filters chosen', async () => {
    const { worker, kaunataPublic } = desk();
    const tabs = (html: string) =>
      Object.fromEntries(
        [
          ...html.matchAll(/<li><a href="[^"]*"(?: aria-current="page")?>([A-Za-z ]+) \((\d+)\)<\/a><\/li>/g),
        ].map((match) => [match[1], Number(match[2])]),
      );
    const all = await worker.agent.get('/staff?lang=en').expect(200);
    assert.equal(tabs(all.text).Waiting, 2);
    const roads = await worker.agent.get(`/staff?lang=en&category=${kaunataPublic.categoryCode}`).expect(200);
    assert.deepEqual(refsIn(roads.text), [kaunataPublic.ref]);
    assert.equal(tabs(roads.text).Waiting, 1, 'the tab counts what the list shows');
    assert.equal(tabs(roads.text).Open, 1);
    // The lead still says what waits in the whole scope.
    assert.match(roads.text, /2 reports are waiting for an answer or work\./);
    const nothing = await worker.agent.get('/staff?lang=en&q=nav-tada-vards').expect(200);
    assert.equal(tabs(nothing.text).Waiting, 0);
  });

  it('assigns a report to a colleague of its parish, never to one who cannot see it', async () => {
    const { context, worker, clerk, kaunataPublic, kaunataPrivate, reportRow } = desk();
    const [clerkId] = (await context.services
      .knex('staff_members')
      .where({ role: 'parish_clerk' })
      .pluck('id')) as number[];
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: String(clerkId) })
      .expect(303);
    assert.equal((await reportRow(kaunataPublic.id)).assigned_staff_id, clerkId);
    assert.deepEqual(refsIn((await clerk.agent.get('/staff?assigned=me').expect(200)).text), [
      kaunataPublic.ref,
    ]);
    const refused = await worker.agent
      .post(`/staff/reports/${kaunataPrivate.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: String(clerkId) })
      .expect(422);
    assert.match(refused.text, /data-qa="error-assign"/);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: 'abc' })
      .expect(422);
    // The reader is marked in words, in their language, not by an asterisk nothing explains.
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    const options = [...page.text.matchAll(/<option value="\d+"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1]!);
    assert.ok(
      options.some((name) => name.endsWith(' (you)')),
      options.join(', '),
    );
    assert.ok(!options.some((name) => name.includes('(*)')));
  });

  it('offers to assign a report only to the colleagues the assignment takes: a private one, not to a clerk who cannot see it', async () => {
    const { worker, clerk, admin, kaunataPublic, kaunataPrivate } = desk();
    const offered = async (ref: string) => {
      const page = await worker.agent.get(`/staff/reports/${ref}?lang=en`).expect(200);
      const select = /<select[^>]*name="staffId"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
      return [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    };
    const clerkId = clerk.member.id;
    assert.ok(
      (await offered(kaunataPublic.ref)).includes(clerkId),
      'the clerk, on a public report of her parish',
    );
    const onPrivate = await offered(kaunataPrivate.ref);
    assert.ok(onPrivate.includes(worker.member.id) && onPrivate.includes(admin.member.id), String(onPrivate));
    assert.ok(!onPrivate.includes(clerkId), 'not the clerk, who cannot see the request');
    // Every colleague offered is one the assignment takes.
    for (const id of onPrivate)
      await worker.agent
        .post(`/staff/reports/${kaunataPrivate.ref}/assign`)
        .type('form')
        .send({ _csrf: worker.csrf, staffId: String(id) })
        .expect(303);
  });
});
