import type { Knex } from 'knex';
import { systemNote } from '../../timeline/system-note.js';
import type { TimelineRepository } from '../../timeline/repository.js';

/**
 * A category made private makes its public reports private too: a report in a private category is
 * private by what it is (staff cannot make one public), and every public surface would otherwise
 * show some of them and not others (open data and the sitemap read the category, the rest the
 * report). Each report's staff history says so, in Tilts's name. Answers how many were public.
 */
export async function makeCategoryReportsPrivate(
  trx: Knex.Transaction,
  timeline: Pick<TimelineRepository, 'addUpdate'>,
  categoryCode: string,
  now: Date,
): Promise<number> {
  const ids = (
    (await trx('reports')
      .where({ category_code: categoryCode, is_private: false })
      .update({ is_private: true, updated_at: now })
      .returning('id')) as { id: number }[]
  ).map((row) => row.id);
  for (const reportId of ids)
    await timeline.addUpdate(
      trx,
      {
        reportId,
        authorKind: 'system',
        channel: 'system',
        internalNote: systemNote({ note: 'private' }),
        isPublic: false,
      },
      now,
    );
  return ids.length;
}
