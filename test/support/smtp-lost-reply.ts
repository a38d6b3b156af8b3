import net from 'node:net';

/**
 * A hand-written SMTP server that takes the whole message (up to the final ".") and then, for the
 * first `dropReplies` messages, hangs up instead of answering "250": the case where the receiver
 * has the email but the sender never hears so (a reply lost on the way, a timeout just after the
 * end of DATA). Later messages get "250". Every message it received is kept.
 */
export interface LostReplySmtp {
  readonly url: string;
  /** The raw messages received, answered or not. */
  readonly received: string[];
  close(): Promise<void>;
}

export async function startLostReplySmtp(dropReplies: number): Promise<LostReplySmtp> {
  const received: string[] = [];
  let toDrop = dropReplies;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = '';
    let inData = false;
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 lost-reply.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end + 2));
          buffer = buffer.slice(end + 5);
          inData = false;
          if (toDrop > 0) {
            toDrop -= 1;
            socket.destroy();
            return;
          }
          say('250 2.0.0 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 lost-reply.test');
        else if (verb === 'DATA') {
          inData = true;
          say('354 go ahead');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
          return;
        } else say('250 OK');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The Message-ID header of a raw message. */
export function messageIdOf(raw: string): string | undefined {
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1];
}
