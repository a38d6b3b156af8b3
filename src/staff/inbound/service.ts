import { heldDetailWords, type HeldWords } from '../../mail/inbound/held-words.js';
import { parseInboundMail } from '../../mail/inbound/inbound-mail.js';
import { maskPrivateDetails } from '../../mail/inbound/mask.js';
import { extractReplyText } from '../../mail/inbound/quotes.js';
import { parseStatusWord } from '../../mail/inbound/status-words.js';
import { withoutSignerName } from '../../mail/inbound/signer-name.js';
import type { InboundRecord, InboundRepository } from '../../inbound/repository.js';
import type { RawMailStore } from '../../inbound/raw-store.js';
import type { ReportRepository } from '../../reports/repository.js';
import { canStaffMove } from '../../reports/states.js';
import type { CloseReason, Report, Status } from '../../reports/types.js';
import type { RoutingService } from '../../routing/service.js';
import { NotFoundError } from '../../web/errors.js';
import { accessFacts, canHandleReport } from '../access.js';
import { scopeFor } from '../scope.js';
import type { StaffUser } from '../types.js';
import { isDecidable, type InboundListRow, type StaffInboundRepository } from './repository.js';

export const INBOUND_PAGE = 50;
/** Of a raw message, the page shows this much; the whole file is a download. */
const RAW_SHOWN = 100_000;

export interface InboundPreview {
  from: string;
  fromName: string;
  to: string[];
  date: string | undefined;
  subject: string;
  /** What the sender wrote, without the quoted original. */
  text: string;
  /** What the page proposes to publish: the status the reply asked for, and its text masked. */
  suggestion: {
    status?: Status;
    closeReason?: Exclude<CloseReason, 'withdrawn' | 'duplicate'>;
    text: string;
  };
  images: { filename: string; size: number }[];
}

export interface InboundDetail {
  record: InboundRecord;
  report: Report | undefined;
  decision: { decidedAt: Date; decidedBy: string | null } | undefined;
  /** Whether a person may still publish, drop or place it. */
  decidable: boolean;
  preview: InboundPreview | undefined;
  /** The message as it came; undefined once the retention period deleted it. */
  raw: { text: string; size: number; truncated: boolean } | undefined;
  readError: string | undefined;
}

export interface StaffInboundDeps {
  inbound: Pick<InboundRepository, 'find' | 'legacyRaw'>;
  staffInbound: Pick<StaffInboundRepository, 'list' | 'waitingCount' | 'decision'>;
  store: Pick<RawMailStore, 'read'>;
  reports: Pick<ReportRepository, 'byId'>;
  routing: Pick<RoutingService, 'recipients'>;
  settings: { publicUrl: string; domain: string };
}

/** Why a reply was held, as the reply handler wrote it (`<code>: <detail>`), to be said in words. */
export function heldReasonOf(
  detail: string | null,
): { code: string; detail: string; words: HeldWords[] | undefined } | undefined {
  const match =
    /^(not_proven|not_staff|moved|private_details|attachments|replayed): ([\s\S]*?)(?:; no notice \(rate limit\))?$/.exec(
      detail ?? '',
    );
  return match
    ? { code: match[1]!, detail: match[2]!, words: heldDetailWords(match[1]!, match[2]!) }
    : undefined;
}

/** Whose inbound list: admins see all, including mail that reached no report; others their reports'. */
const listScope = (user: StaffUser) => ({ ...scopeFor(user), unplaced: user.role === 'admin' });

/** What staff read of inbound mail: the list of their scope and one message in full. */
export class StaffInboundService {
  constructor(private readonly deps: StaffInboundDeps) {}

  async list(
    user: StaffUser,
    show: 'waiting' | 'all',
    page: number,
  ): Promise<{ rows: InboundListRow[]; total: number }> {
    return this.deps.staffInbound.list({
      scope: listScope(user),
      show,
      limit: INBOUND_PAGE,
      offset: (page - 1) * INBOUND_PAGE,
    });
  }

  waitingCount(user: StaffUser): Promise<number> {
    return this.deps.staffInbound.waitingCount(listScope(user));
  }

  /**
   * A message the user may handle, with its report: an admin any, others only one that reached a
   * report they handle. Anything else is a plain 404, whether or not it exists.
   */
  async find(user: StaffUser, id: number): Promise<{ record: InboundRecord; report: Report | undefined }> {
    const record = Number.isSafeInteger(id) ? await this.deps.inbound.find(id) : undefined;
    if (!record) throw new NotFoundError();
    const report = record.reportId ? await this.deps.reports.byId(record.reportId) : undefined;
    if (user.role === 'admin') return { record, report };
    if (!report) throw new NotFoundError();
    const recipients = await this.deps.routing.recipients(report.id);
    if (!canHandleReport(user, accessFacts(report, recipients))) throw new NotFoundError();
    return { record, report };
  }

  async detail(user: StaffUser, id: number): Promise<InboundDetail> {
    const { record, report } = await this.find(user, id);
    const [decision, raw] = await Promise.all([this.deps.staffInbound.decision(id), this.rawOf(record)]);
    let preview: InboundPreview | undefined;
    let readError: string | undefined;
    if (raw) {
      try {
        preview = await this.preview(raw, report);
      } catch (error) {
        readError = error instanceof Error ? error.message : String(error);
      }
    }
    return {
      record,
      report,
      decision,
      decidable: !decision && isDecidable(record),
      preview,
      raw: raw
        ? {
            text: raw.subarray(0, RAW_SHOWN).toString('utf8'),
            size: raw.length,
            truncated: raw.length > RAW_SHOWN,
          }
        : undefined,
      readError,
    };
  }

  /** The message exactly as it came, for a download. */
  async raw(user: StaffUser, id: number): Promise<Buffer> {
    const { record } = await this.find(user, id);
    const raw = await this.rawOf(record);
    if (!raw) throw new NotFoundError();
    return raw;
  }

  private async rawOf(record: InboundRecord): Promise<Buffer | null> {
    if (!record.rawKey) return this.deps.inbound.legacyRaw(record.id);
    try {
      return await this.deps.store.read(record.rawKey);
    } catch (error) {
      // Deleted by hand or lost with a disk: the row still says what became of it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** The message as the reply handler read it, and what publishing it would say. */
  private async preview(raw: Buffer, report: Report | undefined): Promise<InboundPreview> {
    const mail = await parseInboundMail(raw);
    const text = extractReplyText(mail.reply);
    const { command, text: said } = parseStatusWord(text);
    // A status the report cannot move to from where it is now is not proposed.
    const status =
      command.kind === 'status' && (!report || canStaffMove(report.status, command.status))
        ? command
        : undefined;
    // Signed with the sender's own name alone ("…\n\nGunita"): cut from what is proposed, as a
    // reply published by itself loses it (src/inbound/replies.ts); the message above keeps it.
    const unsigned = withoutSignerName(command.kind === 'status' ? said : text, [mail.fromName]);
    const masked = maskPrivateDetails(unsigned, {
      publicUrl: this.deps.settings.publicUrl,
      inboundDomain: this.deps.settings.domain,
      ...(report
        ? {
            reporter: { email: report.reporterEmail, phone: report.reporterPhone, name: report.reporterName },
          }
        : {}),
    });
    return {
      from: mail.from,
      fromName: mail.fromName,
      to: mail.recipients,
      date: mail.headers.date,
      subject: mail.subject,
      text,
      suggestion: {
        ...(status ? { status: status.status } : {}),
        ...(status?.status === 'closed' && status.reason && status.reason !== 'duplicate'
          ? { closeReason: status.reason }
          : {}),
        text: masked.text,
      },
      images: mail.reply.images.map((image, index) => ({
        filename: image.filename ?? `photo-${index + 1}`,
        size: image.content.length,
      })),
    };
  }
}
