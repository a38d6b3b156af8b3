import type { HiddenLists, HiddenRepository } from './hidden-repository.js';
import type { Moderator } from './hiding.js';

const HIDDEN_LIMIT = 200;

/** What moderators have hidden: of public reports, and for admins of private ones too. */
export class HiddenList {
  constructor(private readonly hidden: Pick<HiddenRepository, 'lists'>) {}

  lists(user: Moderator): Promise<HiddenLists> {
    return this.hidden.lists({ includePrivate: user.role === 'admin', limit: HIDDEN_LIMIT });
  }
}
