/** Messages: what a parish clerk's mail client sends, composed before the clock starts. */
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Target } from './data.js';

// The mail server in front has checked each reply's sender (INBOUND_AUTH=header:…), as in
// production; the bench has no DNS to check DKIM against itself.
export const AUTHSERV_ID = 'mx.bench.example.org';

const SENTENCES = [
  'Darbi sāksies rīt no rīta, brigāde būs uz vietas ap plkst. 8.',
  'Paldies par ziņu, nodevām ceļu dienestam.',
  'Bedri aizbērsim šonedēļ, kad būs sauss laiks.',
  'Apskatījām, vajadzīgs jauns asfalts; to ieklās pavasarī.',
];

function compose(options: {
  target: Target;
  messageId: string;
  word: string;
  sentence: string;
  attachment?: { filename: string; content: Buffer };
}): Promise<Buffer> {
  const { target } = options;
  const original = [
    `Jauns ziņojums ${target.ref}: ${target.title}`,
    'Kategorija: Ceļi un ielas',
    'Liela bedre pie autobusa pieturas, pēc lietus pilna ar ūdeni.',
    '',
    'Atbildiet uz šo e-pastu; vārds sākumā maina statusu: #saņemts, #procesā, #atrisināts.',
  ];
  const text = [
    `${options.word}${options.sentence}`,
    '',
    'Ar cieņu,',
    'pagasta pārvalde',
    '',
    `2026. gada 23. novembrī 10:15 Tilts <tilts@rezeknesnovads.example.org> rakstīja:`,
    ...original.map((line) => (line ? `> ${line}` : '>')),
  ].join('\n');
  const mail = new MailComposer({
    from: { name: 'Pagasta pārvalde', address: target.from },
    to: target.replyAddress,
    subject: `Re: [${target.ref}] ${target.title}`,
    messageId: `<${options.messageId}>`,
    inReplyTo: `<${target.ref.toLowerCase()}.notice@rezeknesnovads.example.org>`,
    date: new Date(),
    headers: {
      'Authentication-Results': `${AUTHSERV_ID}; dmarc=pass header.from=${target.from.slice(target.from.indexOf('@') + 1)}`,
    },
    text,
    ...(options.attachment
      ? { attachments: [{ ...options.attachment, contentType: 'application/octet-stream' }] }
      : {}),
  });
  return new Promise((resolve, reject) =>
    mail.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

export interface Outgoing {
  id: string;
  from: string;
  to: string;
  raw: Buffer;
}

export async function replies(targets: Target[], count: number, prefix: string): Promise<Outgoing[]> {
  const messages: Outgoing[] = [];
  for (let k = 0; k < count; k++) {
    const target = targets[k % targets.length]!;
    const round = Math.floor(k / targets.length);
    // acknowledged ⇄ in progress are valid both ways, in any order the senders deliver them; every
    // fifth round is a plain comment with no status word.
    const word = round % 5 === 4 ? '' : round % 2 === 0 ? '#saņemts ' : '#procesā ';
    const id = `${prefix}-${k}@bench.example.org`;
    messages.push({
      id,
      from: target.from,
      to: target.replyAddress,
      raw: await compose({ target, messageId: id, word, sentence: SENTENCES[k % SENTENCES.length]! }),
    });
  }
  return messages;
}

/** Random bytes whose base64 (76-character lines) makes a message of about `messageBytes`. */
export async function withAttachment(target: Target, id: string, messageBytes: number): Promise<Outgoing> {
  const content = randomBytes(Math.floor(((messageBytes - 4096) * 3 * 76) / (4 * 78)));
  const raw = await compose({
    target,
    messageId: id,
    word: '',
    sentence: 'Pielikumā tāme un rasējums (liels fails).',
    attachment: { filename: 'tame.bin', content },
  });
  return { id, from: target.from, to: target.replyAddress, raw };
}
