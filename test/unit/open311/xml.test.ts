import assert from 'node:assert/strict';
import { xmlDocument } from '../../../src/open311/xml.js';

describe('Open311 XML', () => {
  it('puts each item of an array answer in its own element under the root, escaped', () => {
    assert.equal(
      xmlDocument(
        'services',
        [{ service_code: 'a&b', metadata: false, keywords: null, order: 1 }],
        'service',
      ),
      '<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>\n    <service_code>a&amp;b</service_code>\n' +
        '    <metadata>false</metadata>\n    <keywords></keywords>\n    <order>1</order>\n  </service>\n</services>\n',
    );
  });

  it('wraps each inner list in its singular, and leaves an empty list empty', () => {
    const xml = xmlDocument('discovery', { endpoints: [{ formats: ['text/xml', 'application/json'] }] });
    assert.match(
      xml,
      /<endpoints>\s*<endpoint>\s*<formats>\s*<format>text\/xml<\/format>\s*<format>application\/json<\/format>/,
    );
    assert.match(xmlDocument('service_requests', [], 'request'), /<service_requests><\/service_requests>/);
  });
});
