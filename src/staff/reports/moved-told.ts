import type { Knex } from 'knex';
import type { Notifier } from '../../notifications/notifier.js';
import type { Report } from '../../reports/types.js';
import type { TimelineRepository } from '../../timeline/repository.js';
import { systemNote } from '../../timeline/system-note.js';

/**
 * Another parish now answers for a report staff moved: its history says where it goes (Tilts's
 * words, no name of staff), and its reporter and followers are told by email, as of a change of
 * its status. `moved` is the report as it is after the move.
 */
export async function tellMoved(
  deps: { timeline: Pick<TimelineRepository, 'addUpdate'>; notifier: Pick<Notifier, 'moved'> },
  trx: Knex.Transaction,
  moved: Report,
  now: Date,
): Promise<void> {
  await deps.timeline.addUpdate(
    trx,
    {
      reportId: moved.id,
      authorKind: 'system',
      channel: 'system',
      internalNote: systemNote({ note: 'rerouted', parish: moved.parishCode }),
      isPublic: true,
    },
    now,
  );
  // Nobody to tell of one not yet confirmed, nor of one whose reporter was erased. A held one (a
  // banned sender's) has no readers (readersOf): neither its sender nor anyone following it hears
  // where it now goes. Let through, it is routed there as it then is.
  if (moved.status !== 'unconfirmed' && !moved.erasedAt) await deps.notifier.moved(trx, moved);
}
