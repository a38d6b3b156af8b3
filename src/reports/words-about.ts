import { isErasedRequest } from '../mail/erasure.js';
import type { ReferenceService } from '../reference/service.js';
import type { Report } from './types.js';

/**
 * i18next's context of the words about a report, for pages and links shared by problem reports
 * and requests for help: `help` for a request (so `key_help` says "request", not "report"), also
 * one erased at its asker's wish (erasure keeps only requests' rows); '' for a problem report.
 */
export async function wordsAbout(
  report: Pick<Report, 'categoryCode' | 'erasedAt'>,
  reference: Pick<ReferenceService, 'category'>,
): Promise<'help' | ''> {
  if (isErasedRequest(report)) return 'help';
  return (await reference.category(report.categoryCode))?.kind === 'help' ? 'help' : '';
}
