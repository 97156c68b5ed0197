/**
 * Text for the PDF's standard fonts (Helvetica, Courier), which encode WinAnsi (Windows-1252) only. Anything
 * else is folded to its closest WinAnsi form — typographic signs to ASCII, accents stripped — or to "?", so a
 * participant's text can never produce a glyph code the font does not have. PDF text is drawn as hex strings
 * with no link annotations, so folded text is inert by construction.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) out += char;
    else out += FOLD[char] ?? foldAccents(char);
  }
  return out;
}

/** Characters of Windows-1252 beyond Latin-1, which the standard fonts map in their 0x80–0x9F range. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(char);
}

const FOLD: Readonly<Record<string, string>> = {
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '≈': '~',
  '∞': 'infinity',
  '√': 'sqrt',
  '∑': 'sum',
  '∏': 'product',
  Π: 'Pi',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2060': '',
  '\u200b': '',
  '\ufeff': '',
  ⁱ: 'i',
  ⁿ: 'n',
  '′': "'",
  '″': '"',
  '✓': 'yes',
  '✗': 'no',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

function foldAccents(char: string): string {
  const stripped = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return stripped !== '' && [...stripped].every(isWinAnsi) ? stripped : '?';
}
