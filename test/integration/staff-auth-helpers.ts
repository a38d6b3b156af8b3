import request from 'supertest';
import type { StaffMember } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { addStaff, signInLink } from '../support/staff.js';

export const MINUTE = 60_000;

/** The app of a sign-in test, on a clock the test moves, and a member not yet signed in. */
export interface SignInApp {
  context: TestContext;
  worker: StaffMember;
  /** The app's clock. */
  now: Date;
  /** Moves the clock on by `ms`. */
  later: (ms: number) => Date;
  /** An enrolled member's link, pressed in a browser (a new one unless given): half signed in, on the code page. */
  halfSignedIn: (agent?: ReturnType<typeof request.agent>) => Promise<{
    agent: ReturnType<typeof request.agent>;
    page: request.Response;
  }>;
}

/** A fresh app on a clock of its own, and a member not yet signed in. */
async function makeSignInApp(): Promise<SignInApp> {
  const clock = { now: new Date() };
  const context = await makeApp({}, { clock: () => clock.now });
  const worker = await addStaff(context, {
    email: 'inese@example.org',
    role: 'social_worker',
    contacts: ['kaunatas-social'],
  });
  return Object.assign(clock, {
    context,
    worker,
    later: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)),
    halfSignedIn: async (agent = request.agent(context.app)) => {
      await agent.post('/staff/sign-in').type('form').send({ email: worker.email }).expect(303);
      const link = await signInLink(context, worker.email);
      await agent.post(link).type('form').send({}).expect(303).expect('Location', '/staff/two-factor');
      return { agent, page: await agent.get('/staff/two-factor').expect(200) };
    },
  });
}

/**
 * A fresh app and member for each test of a `describe` (call it there); each test takes what it
 * needs from `auth()`, and reads the clock as `auth().now`, which `later` moves.
 */
export const signInApp = () => eachTest(makeSignInApp);
