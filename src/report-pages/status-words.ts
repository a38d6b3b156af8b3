import type { Translate } from '../i18n/index.js';
import type { Report, ReportUpdate, Status } from '../reports/types.js';

/** "Closed (duplicate)": the word is always there, so the badge never relies on colour. */
export function statusLabel(t: Translate, status: Status, closeReason: Report['closeReason'] = null): string {
  const word = t(`status.${status}`);
  return status === 'closed' && closeReason ? `${word} (${t(`closeReason.${closeReason}`)})` : word;
}

// "Open → In progress" in words, per `t` (one per language) and pair of statuses: i18next's
// interpolation cost more than all the rest of a timeline entry, and the answer never changes.
const CHANGES = new WeakMap<Translate, Map<string, string | null>>();

export function change(t: Translate, update: ReportUpdate): string | null {
  let memo = CHANGES.get(t);
  if (!memo) CHANGES.set(t, (memo = new Map<string, string | null>()));
  const key = `${update.fromStatus}>${update.toStatus}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = changeText(t, update.fromStatus, update.toStatus);
    memo.set(key, text);
  }
  return text;
}

/** The change that sent the report on: its confirmation, or its entry by staff as open. */
export const isPublished = ({ fromStatus, toStatus }: Pick<ReportUpdate, 'fromStatus' | 'toStatus'>) =>
  fromStatus === 'unconfirmed' || (!fromStatus && toStatus === 'open');

/**
 * The change in words, as the timeline and the feeds say it; `reason` is why the report was
 * closed, when this change closed it last.
 */
export function changeText(
  t: Translate,
  from: Status | null,
  to: Status | null,
  reason: Report['closeReason'] = null,
): string | null {
  if (!to || from === to) return null;
  if (isPublished({ fromStatus: from, toStatus: to })) return t('timeline.published');
  const toLabel = statusLabel(t, to, reason);
  return from
    ? t('timeline.change', { from: t(`status.${from}`), to: toLabel })
    : t('timeline.changeTo', { to: toLabel });
}
