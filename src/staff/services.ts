import type { Knex } from 'knex';
import { AuditRepository } from '../audit/repository.js';
import type { Config } from '../config.js';
import type { MailQueue } from '../mail/outbox.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import { Sealer } from '../security/sealing.js';
import { StaffAuthRepository } from './auth/repository.js';
import { StaffAuthService } from './auth/service.js';
import { StaffDirectory } from './directory.js';
import { StaffRepository } from './repository.js';

/** The staff side: who they are, how they sign in, and the audit log of what they do. */
export function createStaffServices(deps: {
  config: Config;
  knex: Knex;
  mail: MailQueue;
  limiter: RateLimiter;
  clock: () => Date;
}) {
  const { config, knex, clock } = deps;
  const staff = new StaffRepository(knex);
  const audit = new AuditRepository(knex);
  const auth = new StaffAuthRepository(knex);
  return {
    staff,
    audit,
    staffAuth: new StaffAuthService({
      knex,
      staff,
      auth,
      audit,
      mail: deps.mail,
      limiter: deps.limiter,
      // The same purpose as the demo seed's, so demo staff sign in with the published demo key.
      sealer: new Sealer(config.secret, 'totp'),
      publicUrl: config.publicUrl,
      clock,
    }),
    staffDirectory: new StaffDirectory({ knex, staff, audit, clock }),
    /** Sessions and sign-in links past their end (which staff member, when): deleted hourly. */
    staffSessions: { purgeEnded: () => auth.purge(clock()) },
  };
}

export type StaffServices = ReturnType<typeof createStaffServices>;
