import assert from 'node:assert/strict';
import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { StaffMember, StaffRole } from '../../src/staff/types.js';
import type { TestContext } from './app.js';

export interface StaffBrowser {
  agent: TestAgent;
  /** The token every staff form carries (`_csrf`). */
  csrf: string;
  member: StaffMember;
  /** The authenticator key the test enrolled with. */
  secret: string;
  /** The session cookie, `name=value`, as another browser could replay it. */
  cookie: string;
}

const sessionCookie = (res: { headers: Record<string, unknown> }): string | undefined =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .find((cookie) => /^(?:__Host-)?tilts-staff=/.test(cookie))
    ?.split(';')[0];

/** Who a test adds to the staff: an address, a role and the contacts (parish roles) they answer for. */
export interface NewStaff {
  email: string;
  role: StaffRole;
  contacts?: string[];
  name?: string;
}

/** Kaunata parish's social worker and clerk and the novads' admin, as the demo has them. */
export const KAUNATA_WORKER: NewStaff = {
  email: 'kaunatas.socialais@example.org',
  role: 'social_worker',
  contacts: ['kaunatas-social'],
};
export const KAUNATA_CLERK: NewStaff = {
  email: 'kaunatas.parvalde@example.org',
  role: 'parish_clerk',
  contacts: ['kaunatas-admin'],
};
export const NOVADS_ADMIN: NewStaff = { email: 'admin@example.org', role: 'admin', contacts: ['novads'] };

/** A staff member as an admin (or `npm run staff:add`) would add them. */
export function addStaff(context: TestContext, member: NewStaff): Promise<StaffMember> {
  return context.services.staffDirectory.add(
    {
      email: member.email,
      name: member.name ?? member.email.slice(0, member.email.indexOf('@')),
      role: member.role,
      language: 'lv',
      contactCodes: member.contacts ?? [],
    },
    null,
  );
}

/** The path of the newest sign-in link emailed to `email`. */
export async function signInLink(context: TestContext, email: string): Promise<string> {
  const mail = (await context.services
    .knex('outbox')
    .where({ kind: 'staff-sign-in', to_email: email })
    .orderBy('id', 'desc')
    .first()) as { text_body: string } | undefined;
  assert.ok(mail, `a sign-in email to ${email}`);
  const link = /https?:\/\/\S+\/staff\/sign-in\/[\w-]+/.exec(mail.text_body)?.[0];
  assert.ok(link, 'the email carries a sign-in link');
  return new URL(link).pathname;
}

export const csrfOf = (html: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries a CSRF token');
  return token;
};

/** A TOTP code for `secret` at the app's clock. */
export const codeAt = (secret: string, now: Date) =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) });

/**
 * Signs in as a browser would: asks for the link, follows it and presses its button, then enrols
 * the authenticator (first time) or gives a code. The app's clock must move on 30 s between two
 * sign-ins of one person, as a code is never accepted twice.
 */
export async function signIn(
  context: TestContext,
  member: StaffMember,
  secret?: string,
): Promise<StaffBrowser> {
  const agent = request.agent(context.app);
  await agent.post('/staff/sign-in').type('form').send({ email: member.email }).expect(303);
  const link = await signInLink(context, member.email);
  await agent.get(link).expect(200);
  const landed = await agent.post(link).type('form').send({}).expect(303);
  const now = context.services.clock();
  let done;
  if (landed.headers.location === '/staff/enrol') {
    const page = await agent.get('/staff/enrol').expect(200);
    const key = /data-qa="totp-secret">([^<]+)</.exec(page.text)![1]!.replace(/\s/g, '');
    done = await agent
      .post('/staff/enrol')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: await codeAt(key, now) })
      .expect(200);
    secret = key;
  } else {
    assert.ok(secret, 'an enrolled member signs in with the key of their authenticator');
    const page = await agent.get('/staff/two-factor').expect(200);
    done = await agent
      .post('/staff/two-factor')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: await codeAt(secret, now) })
      .expect(303);
  }
  // Each role's workspace opens on its own page (a moderator's on /staff/moderation).
  const home = await agent.get('/staff').redirects(1).expect(200);
  return { agent, csrf: csrfOf(home.text), member, secret: secret!, cookie: sessionCookie(done)! };
}

/** A staff form sent as the browser sends it: urlencoded, with the session's CSRF token. */
export function postForm(
  browser: StaffBrowser,
  path: string,
  fields: Record<string, string | string[]> = {},
) {
  return browser.agent
    .post(path)
    .type('form')
    .send({ _csrf: browser.csrf, ...fields });
}
