import { contactsIn } from '../mail/inbound/mask.js';
import { signatureLine } from '../mail/inbound/quotes.js';
import { signerNameLine } from '../mail/inbound/signer-name.js';
import { givenNameIn, maskGivenName } from './given-name.js';

/*
 * What staff type as a public answer is published as typed: unlike a reply by email, nothing cuts
 * its sign-off. So a sign-off or a contact card (found by the email path's own rules) and any phone
 * number or email address are refused, and the form says what to remove. On a private report the
 * answer has one reader, its resident, who may need the number they are given: it is not checked.
 * The rule is kept where every recipient's update is written (ReportUpdateService.
 * recordRecipientUpdate), so no page can publish past it; each page only says why it refused.
 */

// The signature's first line is quoted in the message; a card's lines are short, a runaway one is cut.
const MAX_QUOTED = 80;

/** Why a public answer was refused: its message (`staff.report.errors.<code>`) and what it names. */
export class PublicAnswerProblem extends Error {
  constructor(
    readonly code:
      'answerSignature' | 'answerPhone' | 'answerEmail' | 'answerContacts' | 'answerReporterName',
    readonly vars: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'PublicAnswerProblem';
  }

  /** The message's catalog key. */
  get key(): string {
    return `staff.report.errors.${this.code}`;
  }
}

/** The report's resident, whose given name alone greets them in an answer ("Labdien, Anna!"). */
export interface AnsweredReporter {
  reporterName: string | null;
  /** They chose to show their name beside the report: then an answer may name them too. */
  showName: boolean;
}

/**
 * What is wrong with a public answer (a signature, a phone number or an address, the given name
 * of a reporter who kept their name back), if anything. `signers`: the names of whoever writes
 * it, whose own name alone under it is a signature too.
 */
export function publicAnswerProblem(
  text: string,
  signers: readonly (string | null | undefined)[] = [],
  reporter?: AnsweredReporter,
): PublicAnswerProblem | undefined {
  const signature = signatureLine(text) ?? signerNameLine(text, signers);
  if (signature !== undefined)
    return new PublicAnswerProblem('answerSignature', { line: signature.slice(0, MAX_QUOTED) });
  const contacts = contactsIn(text);
  if (contacts.length === 2) return new PublicAnswerProblem('answerContacts');
  if (contacts[0] === 'phone') return new PublicAnswerProblem('answerPhone');
  if (contacts[0] === 'email') return new PublicAnswerProblem('answerEmail');
  const given = reporter && !reporter.showName ? givenNameIn(text, reporter.reporterName) : undefined;
  if (given !== undefined) return new PublicAnswerProblem('answerReporterName', { name: given });
  return undefined;
}

/**
 * Throws a PublicAnswerProblem when a public answer carries a signature, a phone number or an
 * address, or greets a reporter who kept their name back by their given name.
 */
export function checkPublicAnswer(
  text: string | undefined,
  report: { isPrivate: boolean } & AnsweredReporter,
  signers: readonly (string | null | undefined)[] = [],
): void {
  if (!text || report.isPrivate) return;
  const problem = publicAnswerProblem(text, signers, report);
  if (problem) throw problem;
}

/**
 * An answer's public words as published: trimmed, none when empty. A reply by email (`reply`) had
 * its sign-off cut and its contacts masked by the mail path (src/inbound/replies.ts); refusing it
 * would lose a proven reply, so where a typed answer is refused for greeting a reporter who kept
 * their name back ("Labdien, Anna!"), a reply is published with that name masked. `report`: as
 * locked, so a name shown or a report made private since the reply was sent counts.
 */
export function publishedAnswer(
  text: string | undefined,
  reply: boolean,
  report: { isPrivate: boolean } & AnsweredReporter,
): string | null {
  const typed = text?.trim() || null;
  const masking = typed !== null && reply && !report.isPrivate && !report.showName;
  return masking ? maskGivenName(typed, report.reporterName) : typed;
}
