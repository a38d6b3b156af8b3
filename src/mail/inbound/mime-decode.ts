/*
 * Turns the raw bytes of one MIME leaf into what its sender meant: transfer encoding undone,
 * charset decoded, format=flowed lines joined. Every function here is linear in its input and
 * never throws on damaged input, because a clerk's reply must not be lost to one bad byte.
 */

// Senders here write Latvian; when a part has no usable charset and is not UTF-8, windows-1257
// (the Baltic Windows code page Outlook uses) gives the right letters far more often than Latin-1.
const FALLBACK_CHARSET = 'windows-1257';

/** The body bytes with base64 or quoted-printable undone; other encodings are already bytes. */
export function decodeTransferEncoding(raw: Buffer, encoding: string | false): Buffer {
  if (encoding === 'base64') {
    // Node's base64 decoder skips line breaks and characters outside the alphabet, which is the
    // forgiving reading a damaged part needs.
    return Buffer.from(raw.toString('latin1'), 'base64');
  }
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(raw);
  return raw;
}

export function decodeQuotedPrintable(raw: Buffer): Buffer {
  const out = Buffer.alloc(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i]!;
    if (byte !== 0x3d) {
      out[length++] = byte;
      continue;
    }
    const softBreakEnd = softLineBreakEnd(raw, i + 1);
    if (softBreakEnd !== undefined) {
      i = softBreakEnd - 1;
      continue;
    }
    const high = hexValue(raw[i + 1]);
    const low = hexValue(raw[i + 2]);
    if (high === undefined || low === undefined) {
      // A lone '=' is kept as it was, as RFC 2045 advises for a robust decoder.
      out[length++] = byte;
      continue;
    }
    out[length++] = high * 16 + low;
    i += 2;
  }
  return out.subarray(0, length);
}

// '=' followed by optional transport padding and a line break (or the end) joins two lines.
function softLineBreakEnd(raw: Buffer, from: number): number | undefined {
  let j = from;
  while (j < raw.length && (raw[j] === 0x20 || raw[j] === 0x09)) j += 1;
  if (j === raw.length) return j;
  if (raw[j] === 0x0a) return j + 1;
  if (raw[j] === 0x0d && raw[j + 1] === 0x0a) return j + 2;
  return undefined;
}

function hexValue(byte: number | undefined): number | undefined {
  if (byte === undefined) return undefined;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return undefined;
}

/*
 * Node's TextDecoder implements the WHATWG Encoding Standard (the browsers' table), which covers
 * utf-8, windows-1257, iso-8859-13, koi8-r, windows-1251 and every other charset mail clients
 * still send, without a dependency. It needs Node's full ICU, which official builds include;
 * the charset tests would fail loudly on a small-ICU build.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | false): string {
  const label = normaliseCharset(charset);
  if (label !== undefined) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label (RangeError): guess below as if none had been given.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(FALLBACK_CHARSET).decode(bytes);
  }
}

function normaliseCharset(charset: string | false): string | undefined {
  if (charset === false) return undefined;
  const label = charset.trim().toLowerCase();
  // "us-ascii" maps to windows-1252 in the WHATWG table, but a mislabelled part is nearly
  // always UTF-8, which the guess below tries first; 7-bit text reads the same either way.
  if (label === '' || label === 'us-ascii' || label === 'ascii') return undefined;
  // Old mailers write the Windows code pages as "cp-1257" or "win-1257".
  const windows = /^(?:cp|win|windows)[-_]?(125\d)$/.exec(label);
  return windows === null ? label : `windows-${windows[1]}`;
}

/*
 * RFC 3676: a line ending in a space continues on the next line at the same quote depth; a
 * leading space added by the sender ("space-stuffing") is removed; "-- " stays a hard line.
 */
export function decodeFlowed(text: string, delSp: boolean): string {
  const out: string[] = [];
  let current: { depth: number; text: string } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const space = current.depth > 0 && current.text !== '' ? ' ' : '';
    out.push(`${'>'.repeat(current.depth)}${space}${current.text}`);
    current = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    let depth = 0;
    while (line.charCodeAt(depth) === 0x3e) depth += 1;
    const content = line.charCodeAt(depth) === 0x20 ? line.slice(depth + 1) : line.slice(depth);
    if (current !== undefined && current.depth !== depth) flush();
    const soft = content.endsWith(' ') && content !== '-- ';
    const piece = soft && delSp ? content.slice(0, -1) : content;
    current = { depth, text: (current?.text ?? '') + piece };
    if (!soft) flush();
  }
  flush();
  return out.join('\n');
}
