import type { Knex } from 'knex';
import type { Actor } from '../../admin/forms.js';
import type { AuditRepository } from '../../audit/repository.js';
import { NotFoundError } from '../../web/errors.js';
import type { ApiKey, ApiKeyRepository } from './repository.js';
import { generateKey, hashKey, looksLikeKey, prefixOf } from './secret.js';

export type RevokeOutcome = 'revoked' | 'already';

/** Checking a client's key, and the admin's list of keys: making one (shown once) and revoking it. */
export class ApiKeyService {
  constructor(
    private readonly deps: {
      knex: Knex;
      keys: Pick<ApiKeyRepository, 'list' | 'insert' | 'byId' | 'activeByHash' | 'revoke' | 'touch'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  /** The key a client gave, when it is one and not revoked; its last use is noted. */
  async verify(given: unknown): Promise<ApiKey | undefined> {
    if (!looksLikeKey(given)) return undefined;
    const key = await this.deps.keys.activeByHash(hashKey(given));
    if (key) await this.deps.keys.touch(key.id, this.deps.clock());
    return key;
  }

  list(): Promise<ApiKey[]> {
    return this.deps.keys.list();
  }

  /** Whether a key that is not revoked has this label (letter case and spaces aside). */
  async labelInUse(label: string): Promise<boolean> {
    const wanted = label.trim().toLocaleLowerCase('lv');
    return (await this.deps.keys.list()).some(
      (key) => key.revokedAt === null && key.label.trim().toLocaleLowerCase('lv') === wanted,
    );
  }

  /** A new key: the secret is returned this once and never stored. */
  async create(
    input: { label: string; trusted: boolean },
    actor: Actor,
  ): Promise<{ key: ApiKey; secret: string }> {
    const { knex, keys, audit } = this.deps;
    const now = this.deps.clock();
    const secret = generateKey();
    return knex.transaction(async (trx) => {
      const key = await keys.insert(
        trx,
        {
          hash: hashKey(secret),
          prefix: prefixOf(secret),
          label: input.label,
          trusted: input.trusted,
          staffId: actor.staffId,
        },
        now,
      );
      await audit.append(
        trx,
        {
          ...actor,
          action: 'api_key.create',
          objectType: 'api_key',
          objectId: key.id,
          after: { label: key.label, trusted: key.trusted, prefix: key.prefix },
        },
        now,
      );
      return { key, secret };
    });
  }

  /** Revokes a key at once: its next request is refused. Revoking again changes nothing. */
  async revoke(id: number, actor: Actor): Promise<RevokeOutcome> {
    const { knex, keys, audit } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const before = await keys.byId(trx, id, true);
      if (!before) throw new NotFoundError();
      if (before.revokedAt) return 'already';
      await keys.revoke(trx, id, actor.staffId, now);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'api_key.revoke',
          objectType: 'api_key',
          objectId: id,
          before: { label: before.label, trusted: before.trusted, revokedAt: null },
          after: { label: before.label, trusted: before.trusted, revokedAt: now.toISOString() },
        },
        now,
      );
      return 'revoked';
    });
  }
}
