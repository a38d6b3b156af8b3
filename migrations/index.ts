import type { Knex } from 'knex';
import * as enableExtensions from './20261123010000_enable_extensions.js';
import * as createPlaces from './20261123010100_create_places.js';
import * as createCategories from './20261123010200_create_categories.js';
import * as createContactsAndRouting from './20261123010300_create_contacts_and_routing.js';
import * as createReports from './20261123020000_create_reports.js';
import * as createReportChildren from './20261123020100_create_report_children.js';
import * as createOutbox from './20261123020200_create_outbox.js';
import * as createRateLimitsAndTasks from './20261123020300_create_rate_limits_and_tasks.js';
import * as createInboundMessages from './20261123040000_create_inbound_messages.js';
import * as createActionLinksAndQuestions from './20261123040100_create_action_links_and_questions.js';
import * as addReporterUnsubscribe from './20261123040200_add_reporter_unsubscribe.js';
import * as storeInboundMailBeforeParsing from './20261201010000_store_inbound_mail_before_parsing.js';
import * as addOutboxBodiesPurged from './20261201020000_add_outbox_bodies_purged.js';
import * as addUpdateLanguage from './20261201030000_add_update_language.js';
import * as createStaff from './20261202010000_create_staff.js';
import * as createAuditLog from './20261202020000_create_audit_log.js';
import * as addStaffReportWorkflow from './20261202030000_add_staff_report_workflow.js';
import * as createModeration from './20261202040000_create_moderation.js';
import * as addInboundStaffDecisions from './20261202050000_add_inbound_staff_decisions.js';
import * as createHelp from './20261203010000_create_help.js';
import * as addHelpMatchNeed from './20261203040000_add_help_match_need.js';
import * as fillParishCentres from './20261204010000_fill_parish_centres.js';
import * as enableUnaccent from './20261210030000_enable_unaccent.js';
import * as searchWithoutDiacritics from './20261210030100_search_without_diacritics.js';
import * as createApiKeys from './20261211010000_create_api_keys.js';
import * as createOpen311Requests from './20261211020000_create_open311_requests.js';
import * as createAlerts from './20261212010000_create_alerts.js';
import * as notifyPageChanges from './20261215010000_notify_page_changes.js';
import * as indexPublicLists from './20261216010000_index_public_lists.js';
import * as indexStatistics from './20261217010000_index_statistics.js';
import * as indexOutboxDead from './20261218010000_index_outbox_dead.js';
import * as indexReportThumbnails from './20261219010000_index_report_thumbnails.js';
import * as indexReferencesToDeletedRows from './20261219020000_index_references_to_deleted_rows.js';
import * as indexMapParishes from './20261220010000_index_map_parishes.js';
import * as searchPublicWords from './20261221010000_search_public_words.js';
import * as searchDeclinedNames from './20261222010000_search_declined_names.js';
import * as searchLookalikes from './20261223010000_search_lookalikes.js';
import * as helpTitlesInLatvian from './20261224010000_help_titles_in_latvian.js';
import * as helpNeedLanguage from './20261225010000_help_need_language.js';
import * as searchNamesInEitherAlphabet from './20261226010000_search_names_in_either_alphabet.js';
import * as reportTextLanguage from './20261227010000_report_text_language.js';
import * as outboxHelpOffer from './20261228010000_outbox_help_offer.js';
import * as reportErasedAt from './20261230010000_report_erased_at.js';
import * as offerPendingEmail from './20261230020000_offer_pending_email.js';
import * as helpSubmissionKeys from './20261230030000_help_submission_keys.js';
import * as reportUpdateStaff from './20261231010000_report_update_staff.js';
import * as searchShownNames from './20270101010000_search_shown_names.js';
import * as reportAnonymisedAt from './20270102010000_report_anonymised_at.js';
import * as searchNamesAsTyped from './20270103010000_search_names_as_typed.js';
import * as staffSearch from './20270104010000_staff_search.js';
import * as staffSearchHelpedPerson from './20270104030200_staff_search_helped_person.js';
import * as backups from './20270105010000_backups.js';
import * as lapsedAddresses from './20270105020000_lapsed_addresses.js';
import * as emailsByAddress from './20270105030000_emails_by_address.js';
import * as helpByAddress from './20270106010000_help_by_address.js';
import * as offerPendingByAddress from './20270107020000_offer_pending_by_address.js';
import * as provenReplySignatures from './20270108010000_proven_reply_signatures.js';
import * as subscriptionOrigin from './20270109010000_subscription_origin.js';
import * as addressesStoredLower from './20270109020000_addresses_stored_lower.js';
import * as reportPrivateNotices from './20270110010000_report_private_notices.js';
import * as addressesStoredOneForm from './20270110020000_addresses_stored_one_form.js';
import * as auditIpForgotten from './20270111010000_audit_ip_forgotten.js';

interface MigrationModule {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations: readonly MigrationModule[] = [
  enableExtensions,
  createPlaces,
  createCategories,
  createContactsAndRouting,
  createReports,
  createReportChildren,
  createOutbox,
  createRateLimitsAndTasks,
  createInboundMessages,
  createActionLinksAndQuestions,
  addReporterUnsubscribe,
  storeInboundMailBeforeParsing,
  addOutboxBodiesPurged,
  addUpdateLanguage,
  createStaff,
  createAuditLog,
  addStaffReportWorkflow,
  createModeration,
  addInboundStaffDecisions,
  createHelp,
  addHelpMatchNeed,
  fillParishCentres,
  enableUnaccent,
  searchWithoutDiacritics,
  createApiKeys,
  createOpen311Requests,
  createAlerts,
  notifyPageChanges,
  indexPublicLists,
  indexStatistics,
  indexOutboxDead,
  indexReportThumbnails,
  indexReferencesToDeletedRows,
  indexMapParishes,
  searchPublicWords,
  searchDeclinedNames,
  searchLookalikes,
  helpTitlesInLatvian,
  helpNeedLanguage,
  searchNamesInEitherAlphabet,
  reportTextLanguage,
  outboxHelpOffer,
  reportErasedAt,
  offerPendingEmail,
  helpSubmissionKeys,
  reportUpdateStaff,
  searchShownNames,
  reportAnonymisedAt,
  searchNamesAsTyped,
  staffSearch,
  staffSearchHelpedPerson,
  backups,
  lapsedAddresses,
  emailsByAddress,
  helpByAddress,
  offerPendingByAddress,
  provenReplySignatures,
  subscriptionOrigin,
  addressesStoredLower,
  reportPrivateNotices,
  addressesStoredOneForm,
  auditIpForgotten,
];
