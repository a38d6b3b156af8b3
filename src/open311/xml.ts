import { XMLBuilder } from 'fast-xml-parser';
import { xmlChars } from '../web/xml-chars.js';

/*
 * The XML twin of every JSON answer, element for element, as GeoReport v2 names them: an array
 * answer becomes a root element holding one element per item (services/service,
 * service_requests/request, errors/error), a list inside an item becomes a wrapper of its
 * singular (endpoints/endpoint, formats/format, attributes/attribute, values/value). A null is
 * an empty element; true and false are words.
 */

/** The element each list field's items take. */
const ITEMS: Readonly<Record<string, string>> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };

function node(value: unknown, name: string): XmlNode {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const item = ITEMS[name] ?? 'item';
    return { [item]: value.map((entry) => node(entry, item)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, node(inner, key)]));
  }
  return String(value as string | number | boolean);
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/** An XML document: `root` holds the body's fields, or one `item` element per entry of an array. */
export function xmlDocument(root: string, body: unknown, item?: string): string {
  const content = Array.isArray(body)
    ? { [item ?? 'item']: body.map((entry) => node(entry, item ?? 'item')) }
    : node(body, root);
  return xmlChars(`<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: content }) as string}`);
}
