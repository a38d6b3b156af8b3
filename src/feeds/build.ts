import { escapeText } from 'entities';
import { Feed } from 'feed';
import type { Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
import type { Status } from '../reports/types.js';
import type { FeedEntry } from './repository.js';

/** The words a feed needs in the reader's language, resolved by the route. */
export interface FeedWords {
  title: string;
  description: string;
  status: (status: Status) => string;
  /** A change of status in words ("Status changed from Open to In progress"), as the timeline says it. */
  change: (from: Status | null, to: Status | null) => string | null;
  category: (code: string) => string;
  parish: (code: string) => string;
  newReport: string;
  answered: string;
  /** An update that is no answer: the reporter's comment, their "fixed", a withdrawal. */
  updated: string;
  /** Who publishes the feed (Atom requires an author): the municipality, by its portal. */
  author: string;
}

/** Where the feed is and what page it follows: absolute URLs, as feed readers need. */
export interface FeedPlace {
  publicUrl: string;
  /** The page the feed follows (the list with its filters, or a report's page). */
  pagePath: string;
  /** The feed's own paths, with their query. */
  atomPath: string;
  rssPath: string;
  language: Language;
}

/**
 * Plain text as the HTML of an entry: escaped, one paragraph per blank-line block, each marked with
 * the text's language when it is not the feed's (WCAG 3.1.2: a reader reads it with the right voice).
 */
const asHtml = (text: string, language: string | null, feedLanguage: string) => {
  const lang = language && language !== feedLanguage ? ` lang="${language}"` : '';
  return text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p${lang}>${escapeText(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
};

/**
 * A feed (Atom 1.0 and RSS 2.0 from one description) of a list's or a report's entries. Every
 * text is the resident's or the parish's words, escaped: the feed's titles and contents are HTML.
 */
export function buildFeed(entries: readonly FeedEntry[], words: FeedWords, place: FeedPlace): Feed {
  const url = (path: string) => `${place.publicUrl}${path}`;
  // Every link says the feed's language, Latvian too: a feed reader has no cookie.
  const withLanguage = (path: string) => addLanguage(path, place.language);
  const feed = new Feed({
    title: words.title,
    description: words.description,
    id: url(place.atomPath),
    link: url(withLanguage(place.pagePath)),
    language: place.language,
    copyright: '',
    updated: entries[0]?.at ?? new Date(0),
    author: { name: words.author, link: place.publicUrl },
    // Its own address as it was asked, language and all: a reader that fetches it again gets
    // the same feed, not the Latvian one.
    feedLinks: { atom: url(withLanguage(place.atomPath)), rss: url(withLanguage(place.rssPath)) },
  });
  for (const entry of entries) {
    const page = url(withLanguage(`/reports/${entry.ref}`));
    const what = entry.kind === 'report' ? words.newReport : entry.answer ? words.answered : words.updated;
    const status = entry.toStatus ? ` (${words.status(entry.toStatus)})` : '';
    feed.addItem({
      title: escapeText(`${entry.ref} · ${what}${status}: ${entry.title}`),
      id: `${url(`/reports/${entry.ref}`)}#${entry.kind}-${entry.id}`,
      link: page,
      date: entry.at,
      description: escapeText(`${words.category(entry.categoryCode)} · ${words.parish(entry.parishCode)}`),
      // An update without words still says what changed, not only "Answered".
      content:
        asHtml(entry.text, entry.textLanguage, place.language) ||
        `<p>${escapeText(words.change(entry.fromStatus, entry.toStatus) ?? what)}</p>`,
    });
  }
  return feed;
}

/**
 * The Atom document, its root naming the feed's language (`xml:lang`, RFC 4287 §2), as RSS's
 * `<language>` does: the library writes none, and an entry's words in another language are marked
 * (`<p lang="lv">`) against it.
 */
export function atomDocument(feed: Feed, language: string): string {
  return feed.atom1().replace(/^(<\?xml[^>]*\?>\s*<feed\b)/, `$1 xml:lang="${language}"`);
}
