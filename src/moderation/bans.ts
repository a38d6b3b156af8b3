import type { Knex } from 'knex';
import type { AuditRepository } from '../audit/repository.js';
import { canModerate } from '../staff/access.js';
import { ForbiddenError } from '../web/errors.js';
import type { Ban, BanKind, BanRepository, OwnReach } from './ban-repository.js';
import { ModerationError } from './errors.js';
import type { Moderator } from './hiding.js';

export interface BanDeps {
  knex: Knex;
  bans: Pick<BanRepository, 'active' | 'activeOf' | 'byId' | 'insert' | 'lift' | 'reachOf' | 'ownReach'>;
  audit: Pick<AuditRepository, 'append'>;
  clock: () => Date;
}

// The routes check the role too; a service never trusts its caller for it.
function allowed(user: Moderator): void {
  if (!canModerate(user)) throw new ForbiddenError('role', 'staff.errors.role');
}

/**
 * Bans of an address or a whole domain. A banned sender's reports are held when confirmed, and
 * their subscriptions ignored; lifting a ban changes only what comes after it.
 */
export class BanService {
  constructor(private readonly deps: BanDeps) {}

  list(): Promise<Ban[]> {
    return this.deps.bans.active();
  }

  /** A ban in force, for the page that asks before lifting it; undefined when there is none. */
  async inForce(id: number): Promise<Ban | undefined> {
    const ban = await this.deps.bans.byId(this.deps.knex, id);
    return ban && !ban.liftedAt ? ban : undefined;
  }

  /** What a ban of a domain would reach: the reports and addresses that came from it so far. */
  reachOf(domain: string): Promise<{ reports: number; addresses: number }> {
    return this.deps.bans.reachOf(domain);
  }

  /**
   * Staff and routing contacts a ban would reach: their own reports, requests and follows through
   * the public forms would be held or ignored, which a moderator is told before adding it.
   */
  ownReach(kind: BanKind, value: string): Promise<OwnReach> {
    return this.deps.bans.ownReach(kind, value);
  }

  async add(
    user: Moderator,
    ban: { kind: BanKind; value: string; reason: string },
    ip: string,
  ): Promise<Ban> {
    const { knex, bans, audit } = this.deps;
    const now = this.deps.clock();
    allowed(user);
    return knex.transaction(async (trx) => {
      if (await bans.activeOf(trx, ban.kind, ban.value)) throw new ModerationError('already_banned');
      const added = await bans.insert(trx, { ...ban, staffId: user.id }, now);
      await audit.append(
        trx,
        {
          staffId: user.id,
          action: 'moderation.ban',
          objectType: 'banned_sender',
          objectId: added.id,
          after: ban,
          ip,
        },
        now,
      );
      return added;
    });
  }

  /** Lifts a ban in force; reports it held stay held. */
  async lift(user: Moderator, id: number, ip: string): Promise<void> {
    const { knex, bans, audit } = this.deps;
    const now = this.deps.clock();
    allowed(user);
    await knex.transaction(async (trx) => {
      const ban = await bans.byId(trx, id, true);
      if (!ban || ban.liftedAt) throw new ModerationError('not_found');
      await bans.lift(trx, id, user.id, now);
      const { kind, value, reason } = ban;
      await audit.append(
        trx,
        {
          staffId: user.id,
          action: 'moderation.unban',
          objectType: 'banned_sender',
          objectId: id,
          before: { kind, value, reason },
          after: { kind, value, reason, liftedAt: now },
          ip,
        },
        now,
      );
    });
  }
}
