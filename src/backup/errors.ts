import { englishTranslator } from '../i18n/cli.js';
import type { Translate } from '../i18n/index.js';

/** A value in a sentence of the backup tools: as it is, or a sentence (or a list of them) of its own. */
export type TextValue = string | number | BackupText | readonly BackupText[];

/**
 * A sentence of the backup tools, as a key of the `cli.backup` catalogs and its values, so the
 * command line says it in the operator's language; a list of problems is a list of sentences.
 */
export interface BackupText {
  key: string;
  values: Readonly<Record<string, TextValue>>;
}

/** A sentence by its key (the catalogs' test reads `text('…')` as a key the code uses). */
export function text(key: string, values: Readonly<Record<string, TextValue>> = {}): BackupText {
  return { key, values };
}

/** A sentence in one language: its values first, each list of problems joined with "; ". */
export function renderText(t: Translate, sentence: BackupText): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(sentence.values)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (Array.isArray(value))
      values[name] = value.map((part: BackupText) => renderText(t, part)).join('; ');
    else values[name] = renderText(t, value as BackupText);
  }
  return t(sentence.key, values);
}

/**
 * A backup or restore that was refused or failed, with a sentence for the person running it: the
 * command line says it in the shell's language; `message` is the English (logs, tests). Nothing
 * was written when a restore throws one.
 */
export class BackupError extends Error {
  constructor(readonly text: BackupText) {
    super(renderText(englishTranslator(), text));
    this.name = 'BackupError';
  }
}

/** A restore refused before it wrote anything, saying so. */
export function nothingRestored(reason: BackupText): BackupError {
  return new BackupError(text('cli.backup.nothingRestored', { reason }));
}
