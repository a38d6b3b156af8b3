import { asciiDomain } from '../address-key.js';

/*
 * RFC 8601 Authentication-Results, as written by the mail server in front of Tilts when it has
 * checked DKIM, SPF and DMARC itself (INBOUND_AUTH=header:<authserv-id>). Anyone can write such a
 * header into a message, so only the one carrying our server's authserv-id counts (RFC 8601 §5:
 * that server removes copies claiming its id from incoming mail and adds its own on top).
 */

export interface AuthResult {
  /** `dkim`, `spf`, `dmarc`, `arc`… lower-cased. */
  method: string;
  /** `pass`, `fail`, `none`, `temperror`… lower-cased. */
  result: string;
  /** `header.d`, `header.from`, `smtp.mailfrom`… lower-cased names, values as written. */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  authservId: string;
  results: AuthResult[];
}

// A header longer than this is not one a mail server wrote; reading it would only cost time.
const MAX_HEADER_LENGTH = 8_000;

/** Comments `( … )`, which may nest, become a space; quoted strings keep their content. */
function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    if (quoted) {
      out += char;
      if (char === '\\' && i + 1 < value.length) out += value[++i];
      else if (char === '"') quoted = false;
    } else if (char === '"' && depth === 0) {
      quoted = true;
      out += char;
    } else if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) out += ' ';
    } else if (depth === 0) out += char;
    else if (char === '\\') i += 1;
  }
  return out;
}

/** Splits on `;` outside quoted strings. */
function statements(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

const unquote = (value: string) =>
  /^".*"$/s.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;

function parseResult(statement: string): AuthResult | undefined {
  // method[/version]=result [reason=…] [ptype.property=value …]
  const tokens = statement.match(/(?:[^\s"=]+|"(?:[^"\\]|\\.)*")(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s"]+))?/g);
  const first = tokens?.[0] ? /^([A-Za-z0-9_-]+)(?:\/\d+)?\s*=\s*([A-Za-z0-9_-]+)$/.exec(tokens[0]) : null;
  if (!tokens || !first) return undefined;
  const props: Record<string, string> = {};
  for (const token of tokens.slice(1)) {
    const pair = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/s.exec(token);
    if (pair) props[pair[1]!.toLowerCase()] = unquote(pair[2]!);
  }
  return { method: first[1]!.toLowerCase(), result: first[2]!.toLowerCase(), props };
}

/** One Authentication-Results value; undefined when it is not one. */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  if (value.length > MAX_HEADER_LENGTH) return undefined;
  const [head, ...rest] = statements(withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')));
  // The first statement is the authserv-id, optionally followed by a version number.
  const id = /^([^\s;]+)(?:\s+\d+)?$/.exec(head ?? '');
  if (!id) return undefined;
  const results = rest.filter((part) => part !== '' && part.toLowerCase() !== 'none').map(parseResult);
  return {
    authservId: id[1]!.toLowerCase().replace(/\.$/, ''),
    results: results.filter((result): result is AuthResult => result !== undefined),
  };
}

/**
 * The results our own server wrote: the topmost header with its authserv-id. Headers of other
 * ids (another hop's, or one the sender wrote to fool us) are ignored.
 */
export function trustedResults(
  headerValues: readonly string[],
  authservId: string,
): AuthenticationResults | undefined {
  const wanted = authservId.toLowerCase();
  for (const value of headerValues) {
    const parsed = parseAuthenticationResults(value);
    if (parsed?.authservId === wanted) return parsed;
    // Ours but too long to read (a message with a hundred signatures makes it so): the topmost of
    // ours is the one that counts, and it proves nothing; never one further down instead.
    if (!parsed && authservIdOf(value) === wanted) return undefined;
  }
  return undefined;
}

/** The authserv-id of a header value, however long the rest of it is. */
function authservIdOf(value: string): string | undefined {
  const [head] = statements(withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')));
  return /^([^\s;]+)(?:\s+\d+)?$/
    .exec(head ?? '')?.[1]
    ?.toLowerCase()
    .replace(/\.$/, '');
}

/** The domain of an address or of a bare domain (`@example.org` as DKIM's `header.i` writes it). */
export function domainOf(value: string): string {
  // In ASCII (punycode): DKIM's d= and the From domain mailparser decodes compare in one form.
  return asciiDomain(value.slice(value.lastIndexOf('@') + 1));
}

/**
 * DMARC's relaxed alignment, conservatively: the same domain, or one a subdomain of the other.
 * (Two sister subdomains under one organisation also align under DMARC; they are not trusted
 * here, which only ever holds a reply, never publishes one wrongly.)
 */
export function aligned(signingDomain: string, fromDomain: string): boolean {
  const d = asciiDomain(signingDomain);
  const from = asciiDomain(fromDomain);
  return d === from || from.endsWith(`.${d}`) || d.endsWith(`.${from}`);
}

/**
 * Whether the results prove the From domain: DMARC pass for it, or, when DMARC found no policy
 * (or was not checked), a DKIM pass aligned with it; `how` is the result that proved it, or all of
 * them (empty when there were none). A DMARC verdict of fail is the domain's own word and stands:
 * a subdomain's signature never overrules a policy that asks for the domain itself (adkim=s); nor
 * does one when the server's DMARC read another From than ours.
 */
export function provesFrom(
  results: AuthenticationResults,
  fromDomain: string,
): { proven: boolean; how: string } {
  const wanted = asciiDomain(fromDomain);
  let refused = false;
  for (const result of results.results) {
    if (result.method !== 'dmarc') continue;
    const from = result.props['header.from'];
    // The server read another From than ours: which one was checked is unknown, nothing is proven.
    if (from !== undefined && domainOf(from) !== wanted) refused = true;
    else if (result.result === 'pass') return { proven: true, how: 'dmarc=pass' };
    else if (result.result !== 'none') refused = true;
  }
  for (const result of results.results) {
    if (refused) break;
    if (result.method !== 'dkim' || result.result !== 'pass') continue;
    const d =
      result.props['header.d'] ?? (result.props['header.i'] ? domainOf(result.props['header.i']) : '');
    if (d && aligned(d, wanted)) return { proven: true, how: `dkim=pass header.d=${d}` };
  }
  const summary = results.results.map((result) => `${result.method}=${result.result}`).join(' ');
  return { proven: false, how: summary };
}
