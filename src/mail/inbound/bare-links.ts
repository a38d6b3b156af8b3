import { createRequire } from 'node:module';
import { LinkifyIt, REBuilder } from 'linkify-it';

/*
 * Where a text names a web address without https:// or www.: "evil.click", "pay-here.support/x",
 * "pārbaude.lv", "банк.рф", "login.xn--p1ai", "evil.click:8080/login". The finding is linkify-it's
 * (markdown-it's link finder: Unicode and punycode names, paths, brackets and a sentence's last
 * full stop handled), against every top-level domain IANA lists (the `tlds` package, updated as
 * IANA is), so a name counts as an address only when its ending is a real one: "pag.centrs",
 * "u.c.", "sk.3", "3.5", "7.12.2026", "10.30" and "v1.2" are not addresses.
 *
 * On top of what linkify-it finds, for words that are repeated to a stranger rather than made
 * clickable:
 * - a port ("evil.click:8080"), which linkify-it 6 no longer reads after a bare name;
 * - an address hidden in plain sight: a dot in brackets ("evil[.]click", "evil (dot) click",
 *   "evil[punkts]click", "evil(точка)click") reads as a dot, and invisible characters (a soft
 *   hyphen, a zero-width space) are not there;
 * - an address written against other signs, which a reader still reads as one: "Sk:evil.click",
 *   "hxxps://evil.click", "_evil.click_", "@evil.click", "evil.click-", "Skatiet...evil.click",
 *   "evil.click.Tālāk".
 * Not an address: a dot with a space beside it ("evil . click", "bedre. Ir"), which is how a
 * sentence ends; no mail program makes a link of it, and no one reads one in it.
 *
 * Kept as words although their ending is a domain's (each is met in residents' words):
 * - one letter or a number, then a two-letter ending: "t.sk." (tai skaitā), "19.gs." (gadsimts),
 *   "12.km", "3.st." (stāvs); or a capitalised ending after one letter: "г.Москва";
 * - four numbers: a clause of a regulation ("3.1.2.1. apakšpunkts") reads as an IP address.
 * Either is an address again with a port or a path after it ("185.12.3.4:80", "t.me/…").
 * A word joined to the next sentence without a space is hidden when that word is an ending
 * ("bedre.Ir bīstami", "iela.No"): the case of a letter changes no address, and anyone could
 * capitalise theirs to pass.
 */

/** Names set aside for examples and tests (RFC 2606, 6761) and Tor's: no registry lists them. */
const SPECIAL_USE = ['example', 'test', 'invalid', 'localhost', 'onion'];
const TLDS: string[] = [...(createRequire(import.meta.url)('tlds') as string[]), ...SPECIAL_USE];

/** linkify-it's bare address, with the port its full links read ("evil.click:8080"). */
class BareAddressWithPort extends REBuilder {
  override get_fuzzy_url_host_port(): RegExp {
    return (this.cache.fuzzy_url_host_with_port ??= this.withPort(super.get_fuzzy_url_host_port()));
  }

  private withPort(host: RegExp): RegExp {
    const end = this.get_host_terminator().source;
    // The library's own pattern, with its own port before its own end: a new version that builds
    // it otherwise fails here rather than finding less.
    if (!host.source.endsWith(end)) throw new Error('linkify-it builds a bare address otherwise');
    return new RegExp(host.source.slice(0, -end.length) + this.get_port().source + end);
  }
}

const finder = new LinkifyIt({
  fuzzyLink: true,
  // Addresses are the contact masks' (mask.ts), which read more ways of writing one.
  fuzzyEmail: false,
  // Four numbers are an address only with a port or a path (see above).
  fuzzyIP: true,
  rebuilder: new BareAddressWithPort(),
}).tlds(TLDS);

// A dot in brackets, or a character no one sees: read as a dot, and as nothing.
const DISGUISE = /(\s*[[({]\s*(?:\.|dot|punkts|точка)\s*[\])}]\s*)|\p{Cf}/giu;
/*
 * Signs linkify-it starts or ends no address beside, since a link made there would be wrong, but
 * which are no part of one for a reader: a colon, a slash or the like before a letter, a hyphen or
 * an underscore not between two letters, a run of dots. Then also a dot before a capital: the
 * next sentence, typed without a space ("evil.click.Tālāk").
 */
const BESIDE = String.raw`[:/\\@_|'"\u0060](?=[\p{L}\p{N}])|(?<![\p{L}\p{N}])[-_]|[-_](?![\p{L}\p{N}])|\.{2,}`;
const AGAIN = [new RegExp(BESIDE, 'gu'), new RegExp(String.raw`${BESIDE}|\.(?=\p{Lu})`, 'gu')];
// How far past where it starts an address is read for its port and path: no link is longer.
const LONGEST = 2048;

/** `[start, end)` of each address written without https:// or www. in `text`, in order. */
export function bareLinkSpans(text: string): [number, number][] {
  const { seen, origin } = asRead(text);
  const found = (finder.match(seen) ?? []).map((m): [number, number] => [m.index, m.lastIndex]);
  // The rest, with what was found blanked, is read again with the signs beside an address blanked.
  for (const beside of AGAIN) {
    const rest = blank(seen, found);
    const view = rest.replace(beside, (sign) => ' '.repeat(sign.length));
    for (const m of finder.match(view) ?? []) found.push([m.index, pathEnd(rest, m.index, m.lastIndex)]);
  }
  return found
    .filter(([start, end]) => !isWords(seen.slice(start, end)))
    .sort(([a], [b]) => a - b)
    .map(([start, end]): [number, number] => [origin(start), origin(end)]);
}

/**
 * The text as a reader reads it, and where a place in it is in `text`: each run of `seen` kept
 * from `text` as `[where in seen, where in text]`, the first at 0.
 */
function asRead(text: string): { seen: string; origin: (at: number) => number } {
  let seen = '';
  const runs: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(DISGUISE)) {
    runs.push([seen.length, from]);
    seen += text.slice(from, m.index);
    // A dot read into it stands where its disguise starts.
    if (m[1] !== undefined) {
      runs.push([seen.length, m.index]);
      seen += '.';
    }
    from = m.index + m[0].length;
  }
  runs.push([seen.length, from]);
  seen += text.slice(from);
  const origin = (at: number): number => {
    let [low, high] = [0, runs.length - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (runs[middle]![0] <= at) low = middle;
      else high = middle - 1;
    }
    const [inSeen, inText] = runs[low]!;
    return inText + (at - inSeen);
  };
  return { seen, origin };
}

function blank(text: string, spans: [number, number][]): string {
  return replaceSpans(text, spans, (found) => ' '.repeat(found.length));
}

/** `text` with each of `spans` (apart, in any order) replaced by what `by` makes of it. */
export function replaceSpans(text: string, spans: [number, number][], by: (found: string) => string): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of [...spans].sort(([a], [b]) => a - b)) {
    parts.push(text.slice(at, start), by(text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Where an address found at `start` ends with its port and path, as linkify-it reads them. */
function pathEnd(text: string, start: number, end: number): number {
  const space = text.slice(start, start + LONGEST).search(/\s/u);
  const word = text.slice(start, space === -1 ? start + LONGEST : start + space);
  const whole = finder.match(` ${word}`)?.find((m) => m.index === 1);
  return whole === undefined ? end : Math.max(end, start + whole.lastIndex - 1);
}

/** An abbreviation, an ordinal or a clause number whose ending happens to be a domain's. */
function isWords(found: string): boolean {
  if (/[:/?#]/.test(found)) return false;
  if (/^[\d.]+$/.test(found)) return true;
  const labels = found.split('.');
  const ending = labels.pop() ?? '';
  const short = labels.every((label) => /^(?:\p{L}|\d+)$/u.test(label));
  return short && (ending.length === 2 || /^\p{Lu}\p{Ll}/u.test(ending));
}
