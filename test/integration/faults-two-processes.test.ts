import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { resetDatabase } from '../support/database.js';
import { confirmAt, confirmPathOf, installationEnv, submitReport } from '../support/children.js';
import { pollUntil, postgresUrl } from '../support/faults.js';
import { freePort, startServer, type RunningServer } from '../support/server.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../support/smtp.js';
import { validFields } from './report-form-helpers.js';

/*
 * Two app processes on one PostgreSQL, as behind a load balancer: a report sent on one is
 * confirmed on the other; its routing email leaves once (one worker claims each outbox row); the
 * parish's reply comes in through the SMTP door of the other; the new status shows on both
 * (each has its own page cache); scheduled tasks run once between them; the per-address limit
 * of the form counts the requests of both.
 *
 * Each process has its own DATA_DIR. That is enough for this loop because a reply is handled by
 * the process whose door took it; what must be shared between processes in production is said in
 * the README (photos: object storage or a shared directory; DATA_DIR/inbound: a shared directory,
 * since a failed message is retried by whichever scheduler gets to it).
 */

const CLERK = 'kaunata@example.org';
const AUTHSERV = 'mx.tilts.test';
const SENTENCE = 'Darbi sāksies pirmdien, bedri aizbērs līdz piektdienai.';
const FORM_PER_IP = 20;
const PAGE_CACHE_SECONDS = 120;

interface Process {
  name: string;
  server: RunningServer;
  doorPort: number;
}

/** The clerk's answer as their mail server hands it on: checked, with its Authentication-Results. */
function clerkReply(original: CapturedMessage, replyTo: string): string {
  const quoted = (original.parsed.text ?? '')
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\r\n');
  return [
    `Authentication-Results: ${AUTHSERV}; dkim=pass header.d=example.org header.s=sel; dmarc=pass header.from=example.org`,
    `From: Kaunatas pagasta pārvalde <${CLERK}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${original.parsed.subject ?? ''}`,
    `Message-ID: <reply-${Date.now()}@example.org>`,
    `In-Reply-To: ${original.parsed.messageId ?? ''}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '#procesā',
    SENTENCE,
    '',
    'Ar cieņu,',
    'Anna Bērziņa',
    '',
    'pirmdien Tilts rakstīja:',
    quoted,
    '',
  ].join('\r\n');
}

/** `scheduled task done` lines of a process's log, by task. */
function tasksRun(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"scheduled task done"'))
    .map((line) => (JSON.parse(line) as { task: string }).task);
}

describe('faults: two app processes on one PostgreSQL', function () {
  this.timeout(180_000);

  let smtp: SmtpCapture | undefined;
  const processes: Process[] = [];

  before(function () {
    if (!postgresUrl()) this.skip();
  });

  after(async () => {
    for (const { server } of processes) await server.stop();
    await smtp?.close();
  });

  it('pass the whole report-and-reply loop: outbox, scheduler, limits, cache', async () => {
    const { knex } = await resetDatabase();
    await knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: CLERK });
    smtp = await startSmtpCapture();
    const started = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const doorPort = await freePort();
        const server = await startServer(
          {
            ...installationEnv(postgresUrl()!.href, smtp!.url),
            DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `tilts-faults-${name}-`)),
            INBOUND_SMTP_PORT: String(doorPort),
            INBOUND_AUTH: `header:${AUTHSERV}`,
            // The scheduler's "done" lines tell which process ran which task.
            LOG_LEVEL: 'info',
            // Longer than the test waits for the other process to show a change: only the
            // database's notification (LISTEN/NOTIFY) can make it show the change in time.
            PAGE_CACHE_SECONDS: String(PAGE_CACHE_SECONDS),
          },
          120_000,
        );
        return { name, server, doorPort };
      }),
    );
    processes.push(...started);
    const [a, b] = started as [Process, Process];

    // Submitted on A, confirmed on B by the link in the email.
    const sent = await submitReport(
      a.server.url,
      validFields({ title: 'Bedre divos procesos', email: 'iedzivotaja@example.lv' }),
      [],
    );
    assert.equal(sent.status, 303);
    const [confirmation] = await smtp.waitFor(
      (messages) => messages.some((m) => m.envelope.rcptTo.includes('iedzivotaja@example.lv')),
      60_000,
    );
    const report = (await knex('reports').first('id', 'ref')) as { id: number; ref: string };
    assert.equal(await confirmAt(b.server.url, confirmPathOf(confirmation!)!), 200);

    // Both processes have the report's page in their cache before the parish answers.
    for (const { server } of started) {
      const page = await fetch(`${server.url}/reports/${report.ref}`);
      assert.equal(page.status, 200);
      assert.ok(!(await page.text()).includes(SENTENCE));
    }

    // The routing email, claimed by one worker of the two: sent once.
    const routed = await pollUntil(
      'the routing emails sent',
      async () => {
        const rows = (await knex('outbox').where({ report_id: report.id, kind: 'report-new' })) as {
          status: string;
          message_id: string;
          to_email: string;
        }[];
        return rows.length > 0 && rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      60_000,
    );
    const clerkRow = routed.find((row) => row.to_email === CLERK);
    assert.ok(clerkRow, 'the parish administration is a recipient');
    const clerkCopy = smtp.messages.find((m) => m.parsed.messageId === clerkRow.message_id)!;
    const replyTo = clerkCopy.parsed.replyTo?.value[0]?.address;
    assert.ok(replyTo);

    // The parish answers; its mail server hands the reply to the SMTP door of A.
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: a.doorPort, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: CLERK, to: [replyTo] }, raw: clerkReply(clerkCopy, replyTo) });
    await pollUntil('the reply applied', async () =>
      ((await knex('reports').where({ id: report.id }).first('status')) as { status: string }).status ===
      'in_progress'
        ? true
        : undefined,
    );
    // Seen on both well within the cache's lifetime: the process that applied it and the other.
    for (const { name, server } of started) {
      await pollUntil(
        `the update on the page served by ${name}`,
        async () => {
          const page = await fetch(`${server.url}/reports/${report.ref}`);
          return (await page.text()).includes(SENTENCE) ? true : undefined;
        },
        30_000,
        250,
      );
    }
    // The resident hears of it once.
    await smtp.waitFor(
      (messages) =>
        messages.some(
          (m) =>
            m.envelope.rcptTo.includes('iedzivotaja@example.lv') && (m.parsed.text ?? '').includes(SENTENCE),
        ),
      60_000,
    );

    // The per-address limit of the form counts across both: one report sent already, the rest
    // of the hour's allowance alternately on A and B, then both refuse the next one.
    const another = (target: Process, n: number) =>
      submitReport(
        target.server.url,
        validFields({ title: `Bedre nr. ${n}`, email: `cits${n}@example.lv` }),
        [],
      );
    for (let n = 2; n <= FORM_PER_IP; n += 1) {
      const res = await another(n % 2 === 0 ? b : a, n);
      await res.arrayBuffer();
      assert.equal(res.status, 303, `report ${n} of ${FORM_PER_IP} is taken`);
    }
    for (const [index, target] of started.entries()) {
      const res = await another(target, FORM_PER_IP + 1 + index);
      await res.arrayBuffer();
      assert.equal(res.status, 429, `${target.name} refuses the next one`);
    }

    // No email left twice, whichever worker took it.
    const outbox = (await knex('outbox').select('message_id', 'to_email', 'status')) as {
      message_id: string;
      to_email: string;
      status: string;
    }[];
    await pollUntil('every email sent', async () =>
      (await knex('outbox').whereNot({ status: 'sent' }).first()) ? undefined : true,
    );
    for (const row of outbox) {
      const copies: CapturedMessage[] = smtp.messages.filter(
        (m) => m.parsed.messageId === row.message_id && m.envelope.rcptTo.includes(row.to_email),
      );
      assert.equal(copies.length, 1, `${row.to_email} ${row.message_id}`);
    }

    // Each hourly task ran in one process only (both started within the hour).
    const hourly = ['purge-unconfirmed-reports', 'purge-rate-limits', 'purge-sent-email-bodies'];
    const ran = [...tasksRun(a.server.output()), ...tasksRun(b.server.output())];
    for (const task of hourly)
      assert.equal(ran.filter((name) => name === task).length, 1, `${task} ran once: ${ran.join(', ')}`);
  });
});
