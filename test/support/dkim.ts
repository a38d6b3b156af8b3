import crypto from 'node:crypto';
import { dkimSign, type DnsResolver } from 'mailauth';

/*
 * Real DKIM for tests: messages are signed as their sender's mail server would sign them, and the
 * public keys are served by a fake DNS resolver handed to the app (nothing leaves the machine).
 * Every domain a test signs for publishes the same test key under selector `tilts-test` and a
 * DMARC policy of p=reject.
 */

export const SELECTOR = 'tilts-test';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_B64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

function notFound(name: string, type: string): Error {
  return Object.assign(new Error(`queryTxt ENOTFOUND ${name} ${type}`), { code: 'ENOTFOUND' });
}

/** A DNS with TXT records only for what tests publish; everything else does not exist. */
export class TestDns {
  private readonly records = new Map<string, string[][]>();
  /** Names whose lookup fails as a DNS timeout would. */
  readonly failing = new Set<string>();

  readonly resolver: DnsResolver = (name, type) => {
    const key = `${name.toLowerCase()}:${type}`;
    if (this.failing.has(name.toLowerCase())) {
      return Promise.reject(Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' }));
    }
    const found = this.records.get(key);
    return found ? Promise.resolve(found) : Promise.reject(notFound(name, type));
  };

  /** Publishes the test key and a p=reject DMARC policy for `domain`. */
  publishDomain(domain: string): void {
    this.records.set(`${SELECTOR}._domainkey.${domain}:TXT`, [[`v=DKIM1; k=rsa; p=${PUBLIC_B64}`]]);
    this.records.set(`_dmarc.${domain}:TXT`, [['v=DMARC1; p=reject']]);
  }

  publish(name: string, type: string, value: string): void {
    this.records.set(`${name.toLowerCase()}:${type}`, [[value]]);
  }
}

function fromDomainOf(raw: Buffer): string {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const from = /^from:.*?([^\s<>@"]+)@([^\s<>"]+?)>?\s*$/im.exec(head.replace(/\r?\n[ \t]+/g, ' '));
  if (!from) throw new Error('test message has no From address to sign for');
  return from[2]!.toLowerCase();
}

/**
 * Signs a raw message for `domain` (by default its From domain) and publishes the key there, as
 * the sender's mail server and DNS would; the signature covers From, To, Subject and the body.
 */
export async function dkimSigned(
  dns: TestDns,
  raw: Buffer | string,
  domain?: string,
  /** The signed header names (`h=`), colon-separated, when not mailauth's own list (which has From). */
  headerList?: string,
): Promise<Buffer> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  const signingDomain = domain ?? fromDomainOf(bytes);
  dns.publishDomain(signingDomain);
  const { signatures, errors } = await dkimSign(bytes, {
    // mailauth reads a list of names only as a colon-separated string.
    ...(headerList ? { headerList: headerList as unknown as string[] } : {}),
    signatureData: [{ signingDomain, selector: SELECTOR, privateKey: PRIVATE_PEM }],
    // Without a signing time, mailauth 4 rounds the clock to a second twice: once for the `t=` it
    // signs, once for the `t=` it writes. When a half second passes between the two, about one
    // message in two thousand (more on a busy machine) carries a signature that cannot verify, and
    // a proven clerk's reply is held: the suite's rare "held instead of applied".
    signTime: new Date(),
  });
  if (errors.length > 0) throw new Error(`DKIM signing failed: ${JSON.stringify(errors)}`);
  return Buffer.concat([Buffer.from(signatures), bytes]);
}
