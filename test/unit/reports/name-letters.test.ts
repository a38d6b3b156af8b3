import assert from 'node:assert/strict';
import { CYRILLIC_IN_LATIN, inLatinLetters } from '../../../src/reports/name-letters.js';

describe('a name in plain Latin letters (the demo’s addresses, the desk’s skeleton)', () => {
  it('writes Cyrillic letter by letter, the hushing letters in two or four, and takes marks off', () => {
    const written = {
      'Щукин Жанна': 'shchukin zhanna',
      'Юлия Ёлкина, Цой': 'julija jolkina, coj',
      'Объездной, Ильич': 'obezdnoj, ilich',
      'Її Євген': 'jiji jevgen',
      'Jānis Ločs, Ķēniņš Ģirts': 'janis locs, kenins girts',
      'R.Blaumaņa 2000': 'r.blaumana 2000',
    };
    for (const [text, latin] of Object.entries(written)) assert.equal(inLatinLetters(text), latin, text);
  });

  it('writes a letter as the table it is given says', () => {
    assert.equal(inLatinLetters('Щукин', { ...CYRILLIC_IN_LATIN, щ: 's' }), 'sukin');
  });
});
