import { LANGUAGES, type Language } from '../../i18n/index.js';
import { ERASED_TITLE, ERASED_TITLE_KEY } from '../../mail/erasure.js';
import { HELP_KINDS, type HelpKind } from '../types.js';

const TITLE_MAX = 120;
const FOR_WHOM = ['other', 'self'] as const;
type ForWhom = (typeof FOR_WHOM)[number];

export type Translate = (key: string, language: Language) => string;

/**
 * A request for help's title is Tilts's words, never the person's: "Request for help: Transport".
 * It is stored in Latvian, the language staff read, and said in each reader's own language where
 * they read it (the asker's page and emails, the staff pages in English or Russian).
 */
export class HelpTitles {
  private known: { forWhom: ForWhom; base: string; kinds: [string, HelpKind][] }[] | undefined;

  constructor(private readonly translate: Translate) {}

  make(details: { forWhom: ForWhom; kinds: readonly string[] }, language: Language): string {
    const base = this.translate(`helpRequest.reportTitle.${details.forWhom}`, language);
    const kinds = details.kinds.map((kind) => this.translate(`help.kinds.${kind}`, language));
    const title = kinds.length > 0 ? `${base}: ${kinds.join(', ')}` : base;
    return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
  }

  /**
   * A title Tilts made, in whatever language it was made, said in `language` (a kind cut off at
   * TITLE_MAX stays cut off), as is an erased request's marker; any other title (one staff wrote,
   * a private report made into a request) as it is.
   */
  in(title: string, language: Language): string {
    if (title === ERASED_TITLE) return this.translate(ERASED_TITLE_KEY, language);
    // A title of many kinds was cut at TITLE_MAX: its last kind may be there only in part.
    const cut = title.length === TITLE_MAX && title.endsWith('…');
    const whole = cut ? title.slice(0, -1) : title;
    for (const { forWhom, base, kinds } of this.words()) {
      if (whole === base) return this.make({ forWhom, kinds: [] }, language);
      if (!whole.startsWith(`${base}: `)) continue;
      const found = kindsIn(whole.slice(base.length + 2), kinds, cut);
      if (found) return this.make({ forWhom, kinds: found }, language);
    }
    return title;
  }

  /** The words of every language, the longer "for someone else" before the "for me" it begins with. */
  private words() {
    this.known ??= LANGUAGES.flatMap((language) =>
      FOR_WHOM.map((forWhom) => ({
        forWhom,
        base: this.translate(`helpRequest.reportTitle.${forWhom}`, language),
        kinds: HELP_KINDS.map((kind): [string, HelpKind] => [
          this.translate(`help.kinds.${kind}`, language),
          kind,
        ]),
      })),
    );
    return this.known;
  }
}

/**
 * "Transport (lifts to town and back), Other" → its kinds; a kind's own words may hold commas. In
 * a title that was `cut`, the last kind may be the beginning of one kind's words (never of two).
 */
function kindsIn(rest: string, kinds: readonly [string, HelpKind][], cut: boolean): HelpKind[] | undefined {
  const found: HelpKind[] = [];
  let at = 0;
  while (at < rest.length) {
    const next = kinds.find(([words]) => rest.startsWith(words, at));
    if (!next) {
      const part = rest.slice(at);
      const begun = cut ? kinds.filter(([words]) => words.startsWith(part)) : [];
      if (begun.length !== 1) return undefined;
      found.push(begun[0]![1]);
      break;
    }
    found.push(next[1]);
    at += next[0].length;
    if (at === rest.length) break;
    if (!rest.startsWith(', ', at)) return undefined;
    at += 2;
  }
  return found.length > 0 ? found : undefined;
}
