/*
 * The notices a council's mail server or a clerk's signature adds under every message: "this
 * email is confidential", "received in error", "think before you print". They stand below the
 * signature, so while they are there the signature is not at the end where it is looked for, and
 * the name, title and phone above them would be published with them. They are never the answer.
 */

// Each is matched within one paragraph, folded to lower case; they name the message itself, so
// an answer about a resident's data ("Jūsu dati ir konfidenciāli.") is not one.
const NOTICES: readonly RegExp[] = [
  // Latvian
  /(?:e-?pasts|e-?pasta|vēstule|vēstules|ziņojums|ziņojuma|sūtījums)[^.]{0,120}konfidenciāl/u,
  /(?:e-?pastu|vēstuli|ziņojumu|sūtījumu)[^.]{0,60}(?:kļūdas pēc|kļūdaini|nepareizi adresēt)/u,
  /(?:pirms|lūdzu,? pirms) (?:iz)?drukā[^.]{0,80}(?:vid|dab)/u,
  // Russian
  /(?:письмо|сообщение|вложения)[^.]{0,120}конфиденциальн/u,
  /(?:письмо|сообщение)[^.]{0,60}по ошибке|по ошибке[^.]{0,60}(?:письмо|сообщение)/u,
  /(?:перед|прежде чем) (?:печатью|распечат)[^.]{0,80}(?:окружающ|природ)/u,
  // English
  /(?:e-?mail|message|attachments?|transmission)[^.]{0,120}(?:confidential|privileged)/u,
  /(?:e-?mail|message|communication)[^.]{0,60}in error/u,
  /(?:before (?:you )?print|think before printing|consider the environment)/u,
];
// A notice is a paragraph of its own, and not a long one: a whole answer is no footer.
const MAX_NOTICE_LENGTH = 1_000;

/** Where the notices at the end of a reply begin (a blank line above them), or undefined. */
export function disclaimerStart(lines: readonly string[]): number | undefined {
  let end = lines.length;
  let start: number | undefined;
  for (;;) {
    while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
    let top = end;
    while (top > 0 && lines[top - 1]!.trim() !== '') top -= 1;
    if (top === 0 || top === end) return start;
    const paragraph = lines.slice(top, end).join(' ');
    if (paragraph.length > MAX_NOTICE_LENGTH || !isNotice(paragraph)) return start;
    start = top;
    end = top;
  }
}

function isNotice(paragraph: string): boolean {
  const folded = paragraph.toLowerCase().replace(/\s+/g, ' ');
  return NOTICES.some((notice) => notice.test(folded));
}
