/** A GeoReport v2 error: its HTTP status is also its `code`, its description is for developers. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

export const notFound = (what: string) => new Open311Error(404, `${what} not found`);
