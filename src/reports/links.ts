import type { Signer } from '../security/signing.js';

/**
 * Every URL that leaves in an email or on a page for one person: signed, so only the person it
 * was sent to can use it. Kept in one place so pages and emails build the same links.
 */
export class ReportLinks {
  constructor(
    private readonly publicUrl: string,
    private readonly signer: Signer,
  ) {}

  reporterToken(ref: string): string {
    return this.signer.sign('reporter', ref);
  }

  isReporterToken(ref: string, token: unknown): boolean {
    return this.signer.verify('reporter', ref, token);
  }

  photoSignature(key: string): string {
    return this.signer.sign('photo', key, 24);
  }

  isPhotoSignature(key: string, signature: unknown): boolean {
    return this.signer.verify('photo', key, signature, 24);
  }

  report(ref: string): string {
    return `${this.publicUrl}/reports/${ref}`;
  }

  /** The reporter's own page: works for private reports too, and carries their actions. */
  reporterPage(ref: string): string {
    return `${this.publicUrl}/reports/${ref}?token=${this.reporterToken(ref)}`;
  }

  confirm(token: string): string {
    return `${this.publicUrl}/reports/confirm/${token}`;
  }

  confirmSubscription(token: string): string {
    return `${this.publicUrl}/subscriptions/confirm/${token}`;
  }

  /** A photo link that works for whoever holds it (staff emails, the reporter's page). */
  photo(key: string, thumb = false): string {
    return `${this.publicUrl}/photos/${key}${thumb ? '/thumb' : ''}?sig=${this.photoSignature(key)}`;
  }

  map(lat: number, lon: number): string {
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
}
