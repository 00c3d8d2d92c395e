/**
 * Decoding of HTML character references for the injection scanner. Only what matters for reading text:
 * numeric references, the common named ones, and accented-letter names (folded to the base letter,
 * since the scanner strips diacritics anyway). Unknown names are left alone.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', lrm: '\u200e', rlm: '\u200f', NoBreak: '\u2060',
  sol: '/', bsol: '\\', period: '.', colon: ':', semi: ';', comma: ',', excl: '!', quest: '?',
  lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lcub: '{', rcub: '}',
  lbrace: '{', rbrace: '}', verbar: '|', vert: '|', num: '#', dollar: '$', percnt: '%', ast: '*',
  plus: '+', equals: '=', commat: '@', Hat: '^', lowbar: '_', grave: '`', hyphen: '-', dash: '-',
  Tab: '\t', NewLine: '\n', hellip: '...', ndash: '-', mdash: '-', lsquo: "'", rsquo: "'",
  sbquo: "'", ldquo: '"', rdquo: '"', bdquo: '"', laquo: '"', raquo: '"', lsaquo: "'", rsaquo: "'",
  middot: '.', bull: '*', copy: '(c)', reg: '(r)', trade: '(tm)', szlig: 'ss', aelig: 'ae',
  AElig: 'ae', oelig: 'oe', OElig: 'oe', eth: 'd', ETH: 'd', thorn: 'th', THORN: 'th',
};

const ACCENTED = /^([a-zA-Z])(acute|grave|circ|uml|tilde|cedil|ring|slash|caron|macr|breve|ogon|dot)$/;

/** The text a named reference stands for, or null when the name is unknown. */
export function namedEntity(name: string): string | null {
  // Own keys only: `&constructor;` must not find Object.prototype.constructor.
  if (Object.hasOwn(NAMED, name)) return NAMED[name]!;
  if (Object.hasOwn(NAMED, name.toLowerCase())) return NAMED[name.toLowerCase()]!;
  const accented = ACCENTED.exec(name);
  return accented ? accented[1]!.toLowerCase() : null;
}

/** `&#…;` / `&#x…;` / `&name;` at `index`, decoded, with its length; null when there is none. */
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6});?|#([0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)/y;

export function entityAt(text: string, index: number): { decoded: string; length: number } | null {
  REFERENCE.lastIndex = index;
  const match = REFERENCE.exec(text);
  if (!match) return null;
  let decoded: string | null;
  if (match[1] !== undefined || match[2] !== undefined) {
    const code = match[1] !== undefined ? parseInt(match[1], 16) : parseInt(match[2]!, 10);
    decoded = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : null;
  } else {
    decoded = namedEntity(match[3]!);
  }
  return decoded === null ? null : { decoded, length: match[0].length };
}
