import assert from 'node:assert/strict';

/** A language entry of the page's header as a browser reads it: a link or a button of a form. */
export interface LanguageEntry {
  kind: 'a' | 'button';
  attributes: Record<string, string>;
  text: string;
}

const decode = (value: string) =>
  value
    .replace(/&#34;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The entries of the language switcher (the header's `nav.languages`). */
export function languageEntries(html: string): LanguageEntry[] {
  const nav = /<nav class="languages"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1];
  assert.ok(nav, 'the page has a language switcher');
  return [...nav.matchAll(/<(a|button)\b([^>]*)>([^<]*)<\/\1>/g)].map((match) => ({
    kind: match[1] as 'a' | 'button',
    attributes: Object.fromEntries(
      [...match[2]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((attribute) => [
        attribute[1]!,
        decode(attribute[2] ?? ''),
      ]),
    ),
    text: match[3]!,
  }));
}

/**
 * Asserts the switcher of a form shown again: three buttons that send the form `formId` to
 * `action` in each language, marked like the links they stand for, the current one marked.
 */
export function assertSwitchButtons(html: string, formId: string, action: string, current: string): void {
  const entries = languageEntries(html);
  assert.deepEqual(
    entries.map((entry) => entry.kind),
    ['button', 'button', 'button'],
  );
  assert.ok(html.includes(` id="${formId}" `), `the page has the form #${formId}`);
  for (const [index, code] of ['lv', 'en', 'ru'].entries()) {
    const { attributes, text } = entries[index]!;
    assert.equal(attributes.type, 'submit');
    assert.equal(attributes.form, formId);
    assert.equal(attributes.formaction, `${action}?lang=${code}`);
    assert.equal(attributes.name, '_lang');
    assert.equal(attributes.value, code);
    assert.equal(attributes.lang, code);
    assert.ok('formnovalidate' in attributes, 'a switch is not held up by the fields’ own checks');
    assert.equal(attributes['aria-current'], code === current ? 'true' : undefined, code);
    assert.equal(text, { lv: 'Latviešu', en: 'English', ru: 'Русский' }[code]);
  }
}

/** The submission key a form page carries in its hidden field. */
export function keyIn(html: string): string {
  const key = /<input type="hidden" name="submission_key" value="([A-Za-z0-9_-]+)">/.exec(html)?.[1];
  assert.ok(key, 'the form carries a submission key');
  return key;
}

/** The language cookie an answer sets, if any. */
export function languageCookie(headers: Record<string, unknown>): string | undefined {
  const cookies = (headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.map((cookie) => /^lang=(\w+);/.exec(cookie)?.[1]).find(Boolean);
}
