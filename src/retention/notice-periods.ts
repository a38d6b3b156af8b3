import { CHECK_SETTINGS } from '../help/offers/checks.js';
import { PENDING_KEPT_HOURS } from '../photos/service.js';
import { UNCONFIRMED_KEPT_MS } from '../reports/service.js';
import { LAPSED_ADDRESS_DAYS } from './service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the nightly backups are kept, off the machine (docs/backups.md, "How often and where").
 * Tilts does not delete them itself: the operator's backup system does. The privacy notice states
 * this number, and a test holds docs/backups.md to it, so the notice, the operator's guide and
 * what erasure promises cannot drift apart.
 */
export const BACKUP_KEPT_DAYS = 30;

/**
 * The periods the privacy notice states that are fixed in code rather than set by the
 * configuration (those are `config.retention`): each read from the constant the code acts on.
 */
export const NOTICE_PERIODS = Object.freeze({
  unconfirmedReportDays: UNCONFIRMED_KEPT_MS / DAY_MS,
  unconfirmedOfferDays: CHECK_SETTINGS.unconfirmedKeptDays,
  offerCheckDays: CHECK_SETTINGS.askAfterDays,
  offerPauseDays: CHECK_SETTINGS.pauseAfterDays,
  lapsedAddressDays: LAPSED_ADDRESS_DAYS,
  backupDays: BACKUP_KEPT_DAYS,
  pendingPhotoHours: PENDING_KEPT_HOURS,
});
