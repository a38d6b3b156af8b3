import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, makeReport, testJpeg } from '../support/reports.js';
import { mailTo } from './alerts-helpers.js';

const refsIn = (html: string) =>
  [...html.matchAll(/data-qa="report-item" data-ref="([^"]+)"/g)].map((match) => match[1]);

describe("the reporter's actions on their report", () => {
  let context: TestContext;
  let jpeg: Buffer;

  before(async () => {
    context = await makeApp();
    jpeg = await testJpeg();
  });

  const post = (ref: string) => request(context.app).post(`/reports/${ref}/actions`);
  const updates = (reportId: number) =>
    context.services.knex('report_updates').where({ report_id: reportId }).orderBy('id').select();

  it('tells a reporter whose link was cut short that it does not work, on the public page', async () => {
    const { report, token } = await makeReport(context.services);
    const cut = await request(context.app)
      .get(`/reports/${report.ref}?token=${encodeURIComponent(token.slice(0, -6))}&lang=en`)
      .expect(200);
    assert.match(cut.text, /data-qa="bad-token">The link to manage your report does not work/);
    assert.doesNotMatch(cut.text, /data-qa="report-actions"|name="token"/);
    const own = await request(context.app).get(`/reports/${report.ref}?token=${encodeURIComponent(token)}`);
    assert.doesNotMatch(own.text, /data-qa="bad-token"/);
    const plain = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.doesNotMatch(plain.text, /data-qa="bad-token"/);
  });

  it('adds a comment with a photo, then shows it in the timeline on both pages', async () => {
    const { report, token } = await makeReport(context.services);
    const res = await post(report.ref)
      .field('token', token)
      .field('text', 'Bedre kļuvusi lielāka.\nLūdzu, steidzami!')
      .attach('photos', jpeg, 'bedre.jpg')
      .field('action', 'comment')
      .expect(303);
    assert.equal(
      res.headers.location,
      `/reports/${report.ref}?token=${encodeURIComponent(token)}&done=comment`,
    );

    const rows = await updates(report.id);
    const last = rows.at(-1);
    assert.equal(last.author_kind, 'reporter');
    assert.equal(last.public_text, 'Bedre kļuvusi lielāka.\nLūdzu, steidzami!');
    assert.equal(last.from_status, null);
    const photos = await context.services.knex('report_photos').where({ update_id: last.id });
    assert.equal(photos.length, 1);

    const own = await request(context.app).get(res.headers.location!).expect(200);
    assert.match(own.text, /data-qa="done"><p>Paldies! Jūsu papildinājums ir pievienots ziņojumam\.</);
    assert.equal(own.headers['cache-control'], 'no-store');
    const key = photos[0].storage_key as string;
    assert.match(own.text, new RegExp(`/photos/${key}/thumb\\?sig=`));

    const publicPage = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(
      publicPage.text,
      /data-qa="timeline-text" lang="lv">Bedre kļuvusi lielāka\.\nLūdzu, steidzami!</,
    );
    assert.match(
      publicPage.text,
      new RegExp(`<img src="/photos/${key}/thumb" alt="Ieraksta fotogrāfija 1 no 1`),
    );
    await request(context.app).get(`/photos/${key}/thumb`).expect(200).expect('Content-Type', 'image/jpeg');
  });

  it('offers only the actions the status allows: resolve while open, reopen once resolved', async () => {
    const { report, token } = await makeReport(context.services);
    const open = await request(context.app).get(`/reports/${report.ref}?token=${token}`).expect(200);
    assert.match(open.text, /data-qa="action-resolve"/);
    assert.doesNotMatch(open.text, /data-qa="action-reopen"/);

    await post(report.ref)
      .field('token', token)
      .field('text', 'Salaboja, paldies!')
      .field('action', 'resolve')
      .expect(303);
    const resolved = await request(context.app)
      .get(`/reports/${report.ref}?token=${token}&done=resolve`)
      .expect(200);
    assert.match(resolved.text, /Ziņojums ir atzīmēts kā atrisināts/);
    assert.match(resolved.text, /data-status="resolved"/);
    assert.match(resolved.text, /Statuss mainīts no „Atvērts” uz „Atrisināts”/);
    assert.match(resolved.text, /data-qa="action-reopen"/);
    assert.doesNotMatch(resolved.text, /data-qa="action-resolve"/);

    await post(report.ref).field('token', token).field('text', '').field('action', 'reopen').expect(303);
    const reopened = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(reopened.text, /data-status="open"/);
    assert.match(reopened.text, /Statuss mainīts no „Atrisināts” uz „Atvērts”/);
    const rows = await updates(report.id);
    assert.deepEqual(
      rows.slice(-2).map((row) => [row.from_status, row.to_status]),
      [
        ['open', 'resolved'],
        ['resolved', 'open'],
      ],
    );
  });

  it('refuses an action the status no longer allows (a stale page) with a message, not an error', async () => {
    const { report, token } = await makeReport(context.services);
    await post(report.ref).field('token', token).field('action', 'resolve').expect(303);
    const res = await post(report.ref)
      .field('token', token)
      .field('text', 'Vēlreiz')
      .field('action', 'resolve')
      .expect(422);
    assert.match(res.text, /Šo darbību vairs nevar veikt, jo ziņojuma statuss ir mainījies/);
    assert.match(res.text, /<textarea id="action-text"[^>]*>Vēlreiz<\/textarea>/);
  });

  it('asks for confirmation before withdrawing, then removes the report from every public place', async () => {
    const { report, token } = await makeReport(context.services, { title: 'Atsaucamais ziņojums' });
    const page = await request(context.app).get(`/reports/${report.ref}?token=${token}`).expect(200);
    assert.match(
      page.text,
      new RegExp(`href="/reports/${report.ref}/withdraw\\?token=${token}" data-qa="withdraw-link"`),
    );

    const confirm = await request(context.app)
      .get(`/reports/${report.ref}/withdraw?token=${token}`)
      .expect(200);
    assert.match(confirm.text, /Vai tiešām vēlaties atsaukt ziņojumu „<span>Atsaucamais ziņojums<\/span>”/);
    assert.equal(confirm.headers['cache-control'], 'no-store');
    // Without the confirmation field the same page comes back and nothing changes.
    const unconfirmed = await post(report.ref).field('token', token).field('action', 'withdraw').expect(200);
    assert.match(unconfirmed.text, /data-qa="withdraw-form"/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.withdrawnAt, null);
    // A neighbour follows it, in Russian.
    const { services } = context;
    await confirmedFollower(services, report, {
      email: 'seko.atsauc@example.org',
      name: 'Kaimiņš',
      language: 'ru',
    });

    const done = await request(context.app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'withdraw', confirm: 'yes', text: 'Vairs nav aktuāli' })
      .expect(303);
    assert.match(done.headers.location!, /done=withdraw$/);
    // A follower's link says it was withdrawn, and when, in their language: nothing of the report.
    const gone = await request(context.app).get(`/reports/${report.ref}?lang=ru`).expect(410);
    assert.match(gone.text, /<h1>Это сообщение отозвано<\/h1>/);
    assert.match(gone.text, /data-qa="hidden-notice">Автор отозвал это сообщение \d/);
    assert.doesNotMatch(gone.text, /Atsaucamais|Vairs nav aktuāli/);
    assert.equal(gone.headers['x-robots-tag'], 'noindex');
    const list = await request(context.app).get('/reports').expect(200);
    assert.ok(!refsIn(list.text).includes(report.ref));
    const own = await request(context.app).get(done.headers.location!).expect(200);
    assert.match(own.text, /Ziņojums ir atsaukts\./);
    assert.match(own.text, /data-qa="withdrawn-notice"/);
    assert.doesNotMatch(own.text, /data-qa="action-form"|data-qa="withdraw-link"/);
    // Their own timeline ends with the withdrawal and their reason, which nobody else reads.
    const entries = own.text.split('data-qa="timeline-item"');
    assert.match(entries.at(-1)!, /no „Atvērts” uz „Slēgts \(Atsaukts\)”[\s\S]*Vairs nav aktuāli/);
    // The reason is kept for the municipality but is not public.
    const last = (await updates(report.id)).at(-1);
    assert.equal(last.public_text, 'Vairs nav aktuāli');
    assert.equal(last.is_public, false);
    await request(context.app).get(`/reports/${report.ref}/withdraw?token=${token}`).expect(404);
    // The follower hears it once, in Russian, without the private reason and with no link to a gone page.
    const heard = await mailTo(services.knex, 'seko.atsauc@example.org');
    assert.deepEqual(
      heard.map((mail) => mail.kind),
      ['subscription-confirm', 'report-withdrawn'],
    );
    const told = heard[1]!;
    assert.equal(told.subject, `${report.ref} отозвано: Atsaucamais ziņojums`);
    assert.match(told.text_body, /Автор сообщения RZN-[\d-]+ «Atsaucamais ziņojums» отозвал его/);
    assert.match(told.html_body, /<span lang="lv">Atsaucamais ziņojums<\/span>/);
    assert.doesNotMatch(`${told.text_body}${told.html_body}`, /Vairs nav aktuāli|\/reports\/RZN/);
  });

  it('tells no follower of the withdrawal of a report a moderator hid', async () => {
    const { services } = context;
    const { report, token } = await makeReport(services, { title: 'Paslēptais ziņojums' });
    await confirmedFollower(services, report, {
      email: 'seko.paslepts@example.org',
      name: 'Kaimiņš',
      language: 'en',
    });
    await services.knex('reports').where({ id: report.id }).update({ hidden: true });
    await request(context.app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'withdraw', confirm: 'yes' })
      .expect(303);
    assert.ok((await services.reportRepository.byId(report.id))!.withdrawnAt, 'withdrawn');
    assert.deepEqual(
      (await mailTo(services.knex, 'seko.paslepts@example.org')).map((mail) => mail.kind),
      ['subscription-confirm'],
    );
  });

  it('is a 404 with a forged or missing token, and changes nothing', async () => {
    const { report } = await makeReport(context.services);
    await post(report.ref)
      .field('token', 'A'.repeat(32))
      .field('text', 'Uzlauzts')
      .field('action', 'comment')
      .expect(404);
    await post(report.ref).field('text', 'Bez žetona').field('action', 'resolve').expect(404);
    await request(context.app)
      .get(`/reports/${report.ref}/withdraw?token=${'B'.repeat(32)}`)
      .expect(404);
    await post('RZN-2026-99999').field('token', 'A'.repeat(32)).field('action', 'comment').expect(404);
    assert.equal((await updates(report.id)).length, 2);
  });

  it('keeps the text and explains, in the reader’s language, when a comment is too long or empty', async () => {
    const { report, token } = await makeReport(context.services);
    const long = 'ā'.repeat(5001);
    const tooLong = await post(report.ref)
      .field('token', token)
      .field('text', long)
      .field('action', 'comment')
      .expect(422);
    assert.match(
      tooLong.text,
      /Komentārs ir pārāk garš: atļautas ne vairāk kā 5\u00a0000 rakstzīmes, bet jūs uzrakstījāt 5\u00a0001\./,
    );
    assert.ok(tooLong.text.includes(`>${long}</textarea>`));
    assert.match(tooLong.text, /aria-invalid="true"/);
    assert.match(tooLong.text, /role="alert"/);
    // Switching language after an error goes back to the reporter's page, not to the POST address.
    assert.match(tooLong.text, new RegExp(`href="/reports/${report.ref}\\?token=${token}&amp;lang=en"`));
    const empty = await post(report.ref)
      .query({ lang: 'ru' })
      .field('token', token)
      .field('text', '  ')
      .field('action', 'comment')
      .expect(422);
    assert.match(empty.text, /Напишите комментарий или добавьте фотографию\./);
    const unknown = await post(report.ref)
      .field('token', token)
      .field('text', 'x')
      .field('action', 'delete')
      .expect(422);
    assert.match(unknown.text, /Lūdzu, izvēlieties, ko vēlaties darīt\./);
    assert.equal((await updates(report.id)).length, 2);
  });

  it('shows the withdrawal again, with its reason kept and said to be too long, and withdraws nothing', async () => {
    const { report, token } = await makeReport(context.services);
    const before = (await updates(report.id)).length;
    const long = 'я'.repeat(5001);
    const res = await post(report.ref)
      .query({ lang: 'ru' })
      .field('token', token)
      .field('action', 'withdraw')
      .field('confirm', 'yes')
      .field('text', long)
      .expect(422);
    assert.match(res.text, /data-qa="withdraw-form"/);
    assert.match(
      res.text,
      /data-qa="error-text">[\s\S]*?Причина слишком длинная: допускается не более 5\u00a0000 символов, а вы написали 5\u00a0001\./,
    );
    assert.doesNotMatch(res.text, /Комментарий слишком длинный|data-qa="action-form"/);
    // As every refused form: the title says so first, and a summary on top leads to the field.
    assert.match(res.text, /<title>Ошибка: [^<]+<\/title>/);
    assert.match(
      res.text,
      /data-qa="error-summary">[\s\S]*?<a href="#withdraw-text">Причина слишком длинная[^<]*<\/a>[\s\S]*?data-qa="withdraw-form"/,
    );
    assert.match(res.text, /<textarea id="withdraw-text"[^>]*aria-invalid="true"/);
    assert.ok(res.text.includes(`>${long}</textarea>`));
    assert.equal((await context.services.reportRepository.byId(report.id))!.withdrawnAt, null);
    assert.equal((await updates(report.id)).length, before);
  });

  it('names a file that is not a photo and keeps the good photo as a pending upload to send again', async () => {
    const { report, token } = await makeReport(context.services);
    const res = await post(report.ref)
      .field('token', token)
      .field('text', 'Skat. foto')
      .attach('photos', jpeg, 'labs.jpg')
      .attach('photos', Buffer.from('not a photo at all'), 'vēstule.jpg')
      .field('action', 'comment')
      .expect(422);
    assert.match(res.text, /Fails „vēstule\.jpg” nav fotogrāfija\./);
    assert.match(res.text, />Skat\. foto<\/textarea>/);
    const pendingId = /name="pending" value="([\w-]{22})"/.exec(res.text)?.[1];
    assert.ok(pendingId, 'the good photo is kept');
    assert.match(res.text, new RegExp(`<img src="/uploads/pending/${pendingId}/thumb"`));
    await request(context.app)
      .get(`/uploads/pending/${pendingId}/thumb`)
      .expect(200)
      .expect('Cache-Control', 'private, no-store');

    await post(report.ref)
      .field('token', token)
      .field('text', 'Skat. foto')
      .field('pending', pendingId)
      .field('action', 'comment')
      .expect(303);
    const last = (await updates(report.id)).at(-1);
    const photos = await context.services.knex('report_photos').where({ update_id: last.id });
    assert.equal(photos.length, 1);
    await request(context.app).get(`/uploads/pending/${pendingId}/thumb`).expect(404);
  });

  it('refuses a sixth photo and a file over 10 MB with translated messages, keeping the text', async () => {
    const { report, token } = await makeReport(context.services);
    let six = post(report.ref).field('token', token).field('text', 'Daudz foto');
    for (let i = 1; i <= 6; i += 1) six = six.attach('photos', jpeg, `foto-${i}.jpg`);
    const tooMany = await six.field('action', 'comment').expect(422);
    assert.match(
      tooMany.text,
      /Fails „foto-6\.jpg” netika pievienots: var pievienot ne vairāk kā 5 fotogrāfijas\./,
    );
    assert.match(tooMany.text, />Daudz foto<\/textarea>/);
    // The first five are kept as pending uploads, so the resident only removes one.
    const kept = [...tooMany.text.matchAll(/name="pending" value="([\w-]{22})"/g)].map((match) => match[1]!);
    assert.equal(kept.length, 5);
    let again = post(report.ref).field('token', token).field('text', 'Daudz foto');
    for (const id of kept) again = again.field('pending', id);
    await again.field('remove_pending', kept[0]!).field('action', 'comment').expect(303);
    const last = (await updates(report.id)).at(-1);
    assert.equal((await context.services.knex('report_photos').where({ update_id: last.id })).length, 4);

    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0xff);
    const tooBig = await post(report.ref)
      .query({ lang: 'en' })
      .field('token', token)
      .field('text', 'Liela bilde')
      .attach('photos', big, 'milzīga.jpg')
      .field('action', 'comment')
      .expect(422);
    assert.match(tooBig.text, /The file “milzīga\.jpg” is larger than 10 MB\./);
    assert.match(tooBig.text, />Liela bilde<\/textarea>/);
    assert.equal((await updates(report.id)).length, 3);
  });

  it('answers a comment of 300 kB with the page and its own message at the comment, not a crash', async () => {
    const { report, token } = await makeReport(context.services);
    const res = await post(report.ref)
      .field('token', token)
      .field('text', 'x'.repeat(300 * 1024))
      .field('action', 'comment');
    assert.equal(res.status, 422);
    // Said at the comment itself, not as a body that could not be read.
    assert.match(res.text, /Jūsu komentārs ir pārāk garš: atļautas ne vairāk kā [\d\u00a0]+ rakstzīmes\./);
    assert.doesNotMatch(res.text, /Daļu no nosūtītā nevarējām nolasīt/);
    assert.equal((await updates(report.id)).length, 2);
  });

  it('shows HTML in a comment as text', async () => {
    const { report, token } = await makeReport(context.services);
    await post(report.ref)
      .field('token', token)
      .field('text', '<script>alert(1)</script><b>treknraksts</b>')
      .field('action', 'comment')
      .expect(303);
    const res = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;b&gt;treknraksts&lt;\/b&gt;/);
    assert.doesNotMatch(res.text, /<script>alert|<b>treknraksts/);
  });
});
