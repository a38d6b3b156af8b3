/** A text as a LIKE pattern matches it literally: its `\`, `%` and `_` escaped. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** A LIKE pattern that finds the text anywhere in a value. */
export const containing = (text: string): string => `%${escapeLike(text)}%`;
