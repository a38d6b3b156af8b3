import type { Knex } from 'knex';
import { sameAddress } from '../mail/address-key.js';
import { maskPrivateDetails, type MaskKind, type MaskResult } from '../mail/inbound/mask.js';
import { extractReplyText } from '../mail/inbound/quotes.js';
import { PROOF } from '../mail/inbound/held-words.js';
import { withoutSignerName } from '../mail/inbound/signer-name.js';
import { parseStatusWord, type StatusCommand } from '../mail/inbound/status-words.js';
import type { ContactRepository } from '../contacts/repository.js';
import { shortName } from '../photos/messages.js';
import type { PhotoService } from '../photos/service.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Recipient, Report } from '../reports/types.js';
import type { RoutingRepository } from '../routing/repository.js';
import type { StaffRepository } from '../staff/repository.js';
import type { TimelineRepository } from '../timeline/repository.js';
import type { ReportUpdateService } from '../timeline/service.js';
import { REPEAT_WINDOW_MS, repeatsLast } from '../staff/reports/repeated.js';
import { systemNote } from '../timeline/system-note.js';
import { isPublic } from '../reports/visibility.js';
import { ClosedReports } from './closed-reports.js';
import { EmptyReplies } from './empty-replies.js';
import { HeldReplies } from './held-replies.js';
import { ReplyLocator } from './reply-locator.js';
import type { InboundNotices } from './notices.js';
import type { InboundResult, Received } from './handled.js';
import type { InboundRepository } from './repository.js';
import type { SenderProver } from './sender-proof.js';
import { agedProof } from './signature-age.js';
import { Replays } from './replays.js';
import { isStaff, speaker } from './reply-speaker.js';

export interface ReplyDeps {
  knex: Knex;
  inbound: Pick<InboundRepository, 'settle' | 'answered' | 'find'>;
  contacts: Pick<ContactRepository, 'byEmail' | 'byIds' | 'socialWorkers'>;
  reports: Pick<ReportRepository, 'byRef'>;
  recipients: Pick<RoutingRepository, 'recipients'>;
  /** Staff accounts: one an admin deactivated (they left) speaks for no parish by email either. */
  staff: Pick<StaffRepository, 'byEmail'>;
  timeline: Pick<TimelineRepository, 'closedAt' | 'lastByContactEmail'>;
  updates: Pick<ReportUpdateService, 'recordRecipientUpdate'>;
  photos: Pick<PhotoService, 'accept'>;
  notices: InboundNotices;
  limiter: Pick<RateLimiter, 'hit' | 'full' | 'hitAll'>;
  prove: SenderProver;
  settings: {
    secret: string;
    domain: string;
    publicUrl: string;
    replyAddressDays: number;
    /** INBOUND_RETENTION_DAYS: a signature made longer ago than that proves nothing (signature-age.ts). */
    inboundRetentionDays: number;
  };
  clock: () => Date;
}

const MAX_REPLY_PHOTOS = 5;
// Found in a reply, these mean the original notification (or the resident's contact) came back
// with it: the whole reply waits for a person. Other addresses, numbers and links are masked.
const LEAKS: readonly MaskKind[] = ['own-link', 'reply-address', 'reporter-contact'];

/**
 * A reply to a report's signed address. It is applied at once only when the sender is proven
 * (INBOUND_AUTH) and is the recipient the address was made for, or staff of the report's
 * parish; everything else is held for the social worker, never published, never sent on.
 */
export class ReplyHandler {
  private readonly closed: ClosedReports;
  private readonly held: HeldReplies;
  private readonly empty: EmptyReplies;
  private readonly located: ReplyLocator;
  private readonly replays: Replays;

  constructor(private readonly deps: ReplyDeps) {
    this.closed = new ClosedReports(deps);
    this.held = new HeldReplies(deps);
    this.empty = new EmptyReplies(deps);
    this.located = new ReplyLocator({ ...deps, held: this.held });
    this.replays = new Replays(deps);
  }

  async handle(message: Received): Promise<InboundResult> {
    const { mail, id } = message;
    const now = this.deps.clock();
    const found = await this.located.locate(message, now);
    if (!found.ok) return found.result;
    const { report, recipients, language } = found;
    const checked = await this.deps.prove({
      raw: message.raw,
      from: mail.from,
      fromCount: mail.fromCount,
      authenticationResults: mail.authenticationResults,
    });
    // Signed longer ago than received mail is kept: more likely an old copy sent again than new.
    const aged = agedProof(checked, now, this.deps.settings.inboundRetentionDays);
    const proof = found.addressed ? aged : { proven: false, summary: PROOF.notAddressed };
    const settled = {
      reportId: report.id,
      fromEmail: mail.from,
      subject: mail.subject,
      senderProof: proof.summary,
    };
    // Proven by a signature that proved another message on this report: the same reply sent again
    // (its unsigned headers changed), however late. Counted once if that one was applied, else held
    // beside it (replays.ts).
    const replay = proof.proven
      ? await this.replays.settled(id, report, proof.signatures ?? [], settled, now)
      : undefined;
    if (replay) return replay;
    if (await this.closed.expired(report, now)) {
      const staff = await isStaff(this.deps, mail.from, recipients, proof.proven);
      return this.closed.expiredReply(message, report, { proof, language, staff }, settled);
    }

    const sender = await speaker(this.deps, proof, mail.from, report, recipients);
    const text = extractReplyText(mail.reply);
    if (!sender.ok) {
      // Told only if it may be written to: proven (not to a stranger about a private report), or
      // an address the report was sent to, whoever wrote from it.
      const known = recipients.some((recipient) => sameAddress(recipient.email, mail.from));
      const trusted = known || (proof.proven && !report.isPrivate);
      const staff = await isStaff(this.deps, mail.from, recipients, trusted);
      const held = { text, reason: sender.reason, settled, sender: { trusted, language, staff } };
      return this.held.hold(message, report, recipients, held);
    }
    // The sender may speak on the report: told anything in their own contact's language.
    const told = { trusted: true, language: sender.recipient.language, staff: true };
    if (report.withdrawnAt)
      return this.closed.withdrawnReply(message, report, sender.recipient, text, settled);
    // "Atbilde pielikumā" with a PDF: the resident would read of a document they never get. Held,
    // so staff publish the answer written out (or drop it), and never half of it.
    const { documents } = mail.reply;
    if (documents.length > 0) {
      const reason = { code: 'attachments' as const, detail: documents.join(', ') };
      return this.held.hold(message, report, recipients, { text, reason, settled, sender: told });
    }

    const { command, text: typed } = parseStatusWord(text);
    // Signed with the sender's own name alone, too rare for the given names the quote rules know.
    const said = withoutSignerName(typed, [mail.fromName, sender.recipient.name]);
    // No words, no status word, no photo: nothing to publish, and its sender is told so.
    if (command.kind === 'none' && said.trim() === '' && mail.reply.images.length === 0)
      return this.empty.settle(message, report, told.language, settled);
    if (command.kind === 'unknown') {
      await this.deps.knex.transaction(async (trx) => {
        await this.deps.notices.statusWordsHelp(trx, { email: mail.from, language }, report, command.word);
        await this.deps.inbound.settle(
          trx,
          id,
          { outcome: 'unknown_word', detail: command.word, ...settled },
          now,
        );
      });
      return { outcome: 'unknown_word', reportRef: report.ref };
    }
    const masked = maskPrivateDetails(said, {
      publicUrl: this.deps.settings.publicUrl,
      inboundDomain: this.deps.settings.domain,
      reporter: { email: report.reporterEmail, phone: report.reporterPhone, name: report.reporterName },
    });
    const leaks = masked.masked.filter((kind) => LEAKS.includes(kind));
    if (leaks.length > 0) {
      const reason = { code: 'private_details' as const, detail: leaks.join(', ') };
      return this.held.hold(message, report, recipients, { text, reason, settled, sender: told });
    }
    // A private report's words are read by its asker alone: the phone number or address the social
    // worker gives them is theirs to read (PublicWords.toAsker), so only links that act on it go.
    const kept = report.isPrivate
      ? maskPrivateDetails(said, {
          publicUrl: this.deps.settings.publicUrl,
          inboundDomain: this.deps.settings.domain,
          contacts: false,
        })
      : masked;
    await this.apply(message, report, sender.recipient, { command, masked: kept, settled }, now);
    return { outcome: 'applied', reportRef: report.ref };
  }

  /** A proven reply becomes an update: its status word, its text (masked) and photos, or a note. */
  private async apply(
    message: Received,
    report: Report,
    recipient: Recipient,
    reply: { command: StatusCommand; masked: MaskResult; settled: Record<string, unknown> },
    now: Date,
  ): Promise<void> {
    const { command, masked } = reply;
    const accepted = await this.deps.photos.accept(
      message.mail.reply.images.slice(0, MAX_REPLY_PHOTOS).map((image, index) => ({
        originalname: image.filename ?? `photo-${index + 1}`,
        buffer: image.content,
      })),
      now,
    );
    const internal = command.kind === 'internal';
    const closing = command.kind === 'status' && command.status === 'closed' ? command : undefined;
    // "#slēgts dublikāts" must name another report it may point to, as the workspace's form asks;
    // else the words are published, the status stays, and the sender is told what was missing.
    const badDuplicate =
      closing?.reason === 'duplicate' && !(await this.duplicateTarget(report, closing.duplicateOf));
    const closed = badDuplicate ? undefined : closing;
    const wanted = command.kind === 'status' && !badDuplicate ? command.status : undefined;
    const maskNote =
      masked.masked.length > 0 ? systemNote({ note: 'masked', kinds: masked.masked }) : undefined;
    await this.deps.knex.transaction(async (trx) => {
      // The same reply sent twice (the mail client seemed stuck, or "did it go?"): once is enough.
      // Not a reply with no words (nothing is published twice), nor a refused duplicate, whose
      // sender is told each time what was missing.
      const said = { wanted, internal, masked, maskNote };
      if (
        !badDuplicate &&
        masked.text.trim() !== '' &&
        (await this.repeated(trx, report, recipient, said, now))
      ) {
        const repeated = { ...reply.settled, outcome: 'applied' as const, detail: 'repeated' };
        await this.deps.inbound.settle(trx, message.id, repeated, now);
        return;
      }
      const result = await this.deps.updates.recordRecipientUpdate(trx, report.id, {
        recipient,
        channel: 'email',
        toStatus: wanted,
        closeReason: closed?.reason,
        duplicateOfRef: closed?.duplicateOf,
        publicText: internal ? undefined : masked.text,
        publicTextFrom: 'maskedReply',
        internalNote: internal ? masked.text : maskNote,
        // An internal note keeps its photos, for staff alone (on the note, which nobody else sees).
        photos: internal ? [] : accepted.pending,
        notePhotos: internal ? accepted.pending : [],
      });
      const sender = { email: message.mail.from, language: recipient.language };
      if (badDuplicate)
        await this.deps.notices.duplicateRefused(trx, sender, report, closing?.duplicateOf ?? null);
      // A word the report's status does not allow (a closed report "#procesā"): the words are
      // published, and the sender is told why the status stayed.
      if (wanted && wanted !== report.status && !result.statusChanged)
        await this.deps.notices.statusWordRefused(trx, sender, report, wanted);
      // A photo it could not take (a HEIC, a file that is no photo): the sender would otherwise
      // believe the resident (or, on an internal note, staff) sees it. Told once, as the repeated
      // reply above settles before it.
      const refused = accepted.problems.map((problem) => shortName(problem.file));
      if (refused.length > 0) await this.deps.notices.photosRefused(trx, sender, report, refused, internal);
      const applied = { ...reply.settled, outcome: 'applied' as const, updateId: result.updateId };
      await this.deps.inbound.settle(trx, message.id, applied, now);
    });
  }

  /** Whether the sender's contact wrote this same reply on the report within the last minutes. */
  private async repeated(
    trx: Knex.Transaction,
    report: Report,
    recipient: Recipient,
    said: { wanted: Report['status'] | undefined; internal: boolean; masked: MaskResult; maskNote?: string },
    now: Date,
  ): Promise<boolean> {
    if (recipient.contactId === null) return false;
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
    const last = await this.deps.timeline.lastByContactEmail(trx, report.id, recipient.contactId, since);
    const asked = said.internal
      ? { status: said.wanted, internalNote: said.masked.text }
      : { status: said.wanted, publicText: said.masked.text, internalNote: said.maskNote };
    return repeatsLast(last, asked, report.status);
  }

  /**
   * Whether `ref` names a report this one may be closed as a duplicate of: another report, public
   * or of the same parish (a reply must not learn, or point the public to, another parish's private
   * request).
   */
  private async duplicateTarget(report: Report, ref: string | undefined): Promise<boolean> {
    const target = ref ? await this.deps.reports.byRef(ref) : undefined;
    if (!target || target.id === report.id) return false;
    return isPublic(target) || target.parishCode === report.parishCode;
  }
}
