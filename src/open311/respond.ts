import type { Response } from 'express';
import { xmlDocument } from './xml.js';

/*
 * How every answer leaves: JSON as the bare value GeoReport v2 shows (an array, or an object for
 * discovery and a service definition), or its XML twin. Errors take the same two forms.
 */

export type Format = 'json' | 'xml';

/** The root element of each answer in XML, and the element of each item of an array answer. */
export const ROOTS = {
  discovery: { root: 'discovery' },
  services: { root: 'services', item: 'service' },
  definition: { root: 'service_definition' },
  requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
} as const;

export type Shape = keyof typeof ROOTS;

export function formatOf(suffix: unknown): Format | undefined {
  return suffix === 'json' || suffix === 'xml' ? suffix : undefined;
}

export function send(res: Response, format: Format, shape: Shape, body: unknown, status = 200): void {
  res.status(status);
  if (format === 'json') {
    res.set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(body));
    return;
  }
  const { root, item } = ROOTS[shape] as { root: string; item?: string };
  res.set('Content-Type', 'text/xml; charset=utf-8').send(xmlDocument(root, body, item));
}

export function sendError(res: Response, format: Format, status: number, description: string): void {
  send(res, format, 'errors', [{ code: status, description }], status);
}
