// The parts of mailauth 4 (CommonJS, no types of its own) that Tilts calls.
declare module 'mailauth' {
  export type DnsResolver = (name: string, type: string) => Promise<unknown>;

  interface Status {
    result: string;
    comment?: string | false;
    aligned?: string | false;
    underSized?: number;
  }

  export interface DkimVerifyResult {
    headerFrom: string[] | false;
    envelopeFrom: string | false;
    results: { id?: string; signingDomain: string; status: Status }[];
  }

  export function dkimVerify(
    input: Buffer,
    options: { resolver?: DnsResolver; sender?: string; minBitLength?: number },
  ): Promise<DkimVerifyResult>;

  export function spf(options: {
    sender: string;
    ip: string;
    helo?: string;
    mta?: string;
    resolver?: DnsResolver;
  }): Promise<{ domain: string; status: Status }>;

  export function dmarc(options: {
    headerFrom: string[] | string;
    spfDomains: string[];
    dkimDomains: { id?: string; domain: string; aligned?: string | false; underSized?: number }[];
    resolver?: DnsResolver;
  }): Promise<
    | {
        status: Status;
        domain?: string;
        policy?: string;
        /** `strict`: the policy's adkim=s (which mailauth itself reads as relaxed). */
        alignment?: { dkim?: { result?: string | false; strict?: boolean } };
      }
    | false
  >;

  export function dkimSign(
    input: Buffer,
    options: {
      signatureData: { signingDomain: string; selector: string; privateKey: string }[];
      /** The signature's `t=`; without it mailauth reads the clock twice (see test/support/dkim.ts). */
      signTime?: Date;
    },
  ): Promise<{ signatures: string; errors: unknown[] }>;
}
