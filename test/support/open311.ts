import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import type { Response } from 'supertest';
import type { TestContext } from './app.js';
import { addStaff } from './staff.js';

// ajv-formats is CommonJS with a default export; under ESM its function is the module itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const FIXTURES = new URL('../fixtures/open311/', import.meta.url);
const load = (file: string) => JSON.parse(fs.readFileSync(new URL(file, FIXTURES), 'utf8')) as object;

/**
 * The official GeoReport v2 schemas (test/fixtures/open311, from open311/schema-validation) and our
 * two for what they lack (discovery, errors). The official ones are loose (no `type: object`, so a
 * string item would pass): every answer is also checked to be made of objects.
 */
function schemas(): Record<Shape, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // swagger.json types ids as `format: uid`, which it never defines: any string.
  ajv.addFormat('uid', true);
  for (const file of [
    'request.json',
    'requests.json',
    'service.json',
    'services.json',
    'service-definition.json',
  ])
    ajv.addSchema(load(file), file);
  ajv.addSchema(
    { definitions: (load('swagger.json') as { definitions: object }).definitions },
    'swagger.json',
  );
  const objects = { type: 'array', items: { type: 'object' } };
  const arrayOf = (ref: string) => ({ allOf: [{ $ref: ref }, objects] });
  return {
    discovery: ajv.compile(load('tilts/discovery.json')),
    services: ajv.compile(arrayOf('services.json')),
    definition: ajv.compile({ allOf: [{ $ref: 'service-definition.json' }, { type: 'object' }] }),
    requests: ajv.compile(arrayOf('requests.json')),
    posted: ajv.compile({ ...objects, items: { $ref: 'swagger.json#/definitions/RequestResponse' } }),
    token: ajv.compile({ ...objects, items: { $ref: 'swagger.json#/definitions/TokenResponse' } }),
    errors: ajv.compile(load('tilts/errors.json')),
  };
}

export type Shape = 'discovery' | 'services' | 'definition' | 'requests' | 'posted' | 'token' | 'errors';

let compiled: Record<Shape, ValidateFunction> | undefined;

/** Asserts a JSON answer's headers and its body against its schema; returns the body. */
export function validJson(res: Response, shape: Shape): unknown {
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  compiled ??= schemas();
  const validate = compiled[shape];
  const body: unknown = JSON.parse(res.text);
  assert.ok(
    validate(body),
    `${shape}: ${JSON.stringify(validate.errors, null, 1)}\n${res.text.slice(0, 500)}`,
  );
  return body;
}

/** The XML root and item elements GeoReport v2 gives each answer. */
export const XML_ROOTS: Record<Shape, { root: string; item?: string }> = {
  discovery: { root: 'discovery' },
  services: { root: 'services', item: 'service' },
  definition: { root: 'service_definition' },
  requests: { root: 'service_requests', item: 'request' },
  posted: { root: 'service_requests', item: 'request' },
  token: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
};

const LIST_ITEMS: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};
const REPEATED = new Set(['service', 'request', 'error', ...Object.values(LIST_ITEMS)]);

const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => REPEATED.has(name),
});

/** What the parsed XML of a JSON value looks like: text everywhere, an empty element for null. */
function asXml(value: unknown, items?: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    return { [items!]: value.map((entry) => asXml(entry)) };
  }
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, asXml(inner, LIST_ITEMS[key])]),
    );
  return String(value as string | number | boolean);
}

/** Asserts the XML answer's headers and that it says, element for element, what the JSON one says. */
export function assertXmlMirrors(res: Response, shape: Shape, json: unknown): void {
  assert.equal(res.headers['content-type'], 'text/xml; charset=utf-8');
  assert.match(res.text, /^<\?xml version="1.0" encoding="utf-8"\?>\n/);
  const { root, item } = XML_ROOTS[shape];
  assert.deepEqual(parser.parse(res.text), { [root]: asXml(json, item) });
}

/** An API key made as an admin makes one; its secret as the partner receives it. */
export async function makeApiKey(
  context: TestContext,
  trusted: boolean,
  label = 'Test app',
): Promise<string> {
  const admin =
    ((await context.services.knex('staff_members').where({ role: 'admin' }).first('id')) as
      { id: number } | undefined) ??
    (await addStaff(context, { email: 'open311.admin@example.org', role: 'admin' }));
  const { secret } = await context.services.apiKeys.create(
    { label, trusted },
    { staffId: admin.id, ip: null },
  );
  return secret;
}
