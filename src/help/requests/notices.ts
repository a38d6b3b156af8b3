import { officeRole } from '../../contacts/office-role.js';
import type { Queryable } from '../../db/transaction.js';
import { listUnsubscribeHeaders } from '../../mail/address.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { ReferenceService } from '../../reference/service.js';
import type { ReportLinks } from '../../reports/links.js';
import type { Recipient, Report } from '../../reports/types.js';
import { contactsForVolunteer } from '../matching/shared-contacts.js';
import type { HelpDetailsInput } from './schema.js';

/** The social workers among a request's recipients (all of them, if routing chose none). */
function socialWorkers(recipients: readonly Recipient[]): Recipient[] {
  const workers = recipients.filter((recipient) => recipient.role === 'social_worker');
  return workers.length > 0 ? workers : [...recipients];
}

/**
 * The emails a request sends besides the reports' own `report-new` to its recipients: the one
 * who asked hears it arrived (with their private link), and the person it is for, when someone
 * else asked and gave their address, is told what was recorded, by whom and why (GDPR art. 14),
 * in Latvian, English and Russian: the asker's language need not be theirs.
 */
export class HelpRequestNotices {
  constructor(
    private readonly deps: {
      mail: MailQueue;
      links: Pick<ReportLinks, 'reporterPage' | 'unsubscribe'>;
      reference: Pick<ReferenceService, 'parish'>;
      publicUrl: string;
    },
  ) {}

  /** To the one who asked, when they gave an email. */
  async received(
    trx: Queryable,
    report: Report,
    details: Pick<HelpDetailsInput, 'forWhom' | 'wants'>,
    recipients: readonly Recipient[],
  ): Promise<void> {
    if (!report.reporterEmail) return;
    const { links } = this.deps;
    const unsubscribeUrl = links.unsubscribe('r', report.id);
    await this.deps.mail.enqueue(trx, {
      kind: 'help-request-received',
      to: { email: report.reporterEmail, ...(report.reporterName ? { name: report.reporterName } : {}) },
      language: report.language,
      template: 'help-request-received',
      reportId: report.id,
      headers: listUnsubscribeHeaders(unsubscribeUrl),
      data: {
        ref: report.ref,
        forOther: details.forWhom === 'other',
        wants: details.wants,
        privateUrl: links.reporterPage(report.ref),
        socialWorkers: socialWorkers(recipients).map(({ name, role }) => ({ name, role })),
        unsubscribeUrl,
      },
    });
  }

  /**
   * To the person the request is for, when someone else asked and gave their email. Answers
   * whether an email went: only then are they told (otherwise staff tell them by phone).
   */
  async subject(
    trx: Queryable,
    report: Report,
    details: HelpDetailsInput,
    recipients: readonly Recipient[],
  ): Promise<boolean> {
    if (details.forWhom !== 'other' || !details.subjectEmail) return false;
    const workers = socialWorkers(recipients);
    // What of theirs a volunteer gets once the asker agrees to one: the rule matching applies.
    const { other, personUnaware } = contactsForVolunteer({ report, details });
    const parish = await this.deps.reference.parish(report.parishCode);
    await this.deps.mail.enqueue(trx, {
      kind: 'help-request-subject',
      to: { email: details.subjectEmail, ...(details.subjectName ? { name: details.subjectName } : {}) },
      // The asker's language may not be theirs: Latvian first, then English and Russian, in one email.
      language: 'lv',
      template: 'help-request-subject',
      reportId: report.id,
      // Their answer (an objection, a question) goes straight to the social worker.
      ...(workers[0] ? { replyTo: workers[0].email } : {}),
      data: {
        ref: report.ref,
        askedBy: report.reporterName,
        parishNames: {
          lv: parish?.names.lv ?? report.parishCode,
          en: parish?.names.en ?? report.parishCode,
          ru: parish?.names.ru ?? report.parishCode,
        },
        recorded: {
          name: Boolean(details.subjectName),
          phone: Boolean(details.subjectPhone),
          email: true,
          address: Boolean(report.location),
          kinds: details.kinds,
          // When and in which language help suits them, and whether they know: theirs too (art. 14(1)(d)).
          when: details.days.length > 0 || details.times.trim() !== '' || details.speaks.length > 0,
          knows: details.subjectKnows !== null,
        },
        volunteerGets: {
          name: !personUnaware && Boolean(other.name),
          phone: !personUnaware && Boolean(other.phone),
          email: !personUnaware && Boolean(other.email),
          address: Boolean(other.location),
        },
        // The English and Russian parts name each by its role in their language, beside its Latvian name.
        socialWorkers: workers.map((worker) => ({
          name: worker.name,
          role: officeRole(worker.role, worker.parishType),
          email: worker.email,
        })),
        privacyUrl: `${this.deps.publicUrl}/privacy`,
      },
    });
    return true;
  }
}
