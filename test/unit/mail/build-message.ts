/*
 * Small raw MIME messages for tests, written out in full so each test shows the structure it is
 * about. A message is encoded as UTF-8; a body in another charset is given quoted-printable or
 * base64, as senders of such charsets do.
 */

const HEADERS = [
  'From: Kaunatas pagasts <kaunata@example.org>',
  'To: r-rzn-2026-00042-aaaaaaaaaaaaaaaa@tilts.example.org',
  'Subject: Re: [Tilts] RZN-2026-00042',
  'Message-ID: <built@example.org>',
  'MIME-Version: 1.0',
];

/** One MIME part: its header lines, a blank line, its body. */
export function part(headers: string[], body: string): string {
  return `${headers.join('\n')}\n\n${body}`;
}

export function textPart(body: string, charset = 'utf-8', extra: string[] = []): string {
  return part([`Content-Type: text/plain; charset=${charset}`, ...extra], body);
}

export function htmlPart(body: string, extra: string[] = []): string {
  return part(['Content-Type: text/html; charset=utf-8', ...extra], body);
}

export function imagePart(name: string, content: Buffer, extra: string[] = []): string {
  return part(
    [
      `Content-Type: image/png; name="${name}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${name}"`,
      ...extra,
    ],
    content.toString('base64').replace(/.{76}/g, '$&\n'),
  );
}

let boundaries = 0;

export function multipart(subtype: string, children: string[]): string {
  boundaries += 1;
  const boundary = `b-${subtype}-${boundaries}`;
  const body = children.map((child) => `--${boundary}\n${child}\n`).join('');
  return part([`Content-Type: multipart/${subtype}; boundary="${boundary}"`], `${body}--${boundary}--\n`);
}

/** A whole message: the usual reply headers above the given top-level part. */
export function message(top: string): Buffer {
  return Buffer.from(`${HEADERS.join('\n')}\n${top}`, 'utf8');
}

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
