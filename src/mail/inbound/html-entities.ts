/*
 * Character references as mail clients actually write them. Not the full HTML5 table (2,000+
 * names): an unknown name is left as it was, which is harmless because the result is plain text.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  zwnj: '',
  zwj: '\u200d',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  bull: '•',
  middot: '·',
  euro: '€',
  cent: '¢',
  pound: '£',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  sect: '§',
  para: '¶',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  micro: 'µ',
  // Latvian letters, which some webmail editors escape.
  Amacr: 'Ā',
  amacr: 'ā',
  Emacr: 'Ē',
  emacr: 'ē',
  Imacr: 'Ī',
  imacr: 'ī',
  Umacr: 'Ū',
  umacr: 'ū',
  Ccaron: 'Č',
  ccaron: 'č',
  Scaron: 'Š',
  scaron: 'š',
  Zcaron: 'Ž',
  zcaron: 'ž',
  Gcedil: 'Ģ',
  gcedil: 'ģ',
  Kcedil: 'Ķ',
  kcedil: 'ķ',
  Lcedil: 'Ļ',
  lcedil: 'ļ',
  Ncedil: 'Ņ',
  ncedil: 'ņ',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  uuml: 'ü',
  Uuml: 'Ü',
  otilde: 'õ',
  Otilde: 'Õ',
  eacute: 'é',
  szlig: 'ß',
};

// Names browsers also accept without the closing semicolon.
const LEGACY_WITHOUT_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

// Numeric references in 0x80–0x9F mean windows-1252 characters (HTML spec), as old Outlook wrote.
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x99: '™',
};

const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
      if (name !== undefined) {
        const value = NAMED[name];
        if (value === undefined) return whole;
        return semi === ';' || LEGACY_WITHOUT_SEMICOLON.has(name) ? value : whole;
      }
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      return fromCodePoint(code);
    },
  );
}

function fromCodePoint(code: number): string {
  const windows = WINDOWS_1252[code];
  if (windows !== undefined) return windows;
  const invalid =
    code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x80 && code <= 0x9f);
  return invalid ? '\ufffd' : String.fromCodePoint(code);
}
