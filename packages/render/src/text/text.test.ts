import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlBreakable } from './html-text.ts';
import { escapeMarkdown, markdownCell, unescapeMarkdown, WORD_JOINER } from './markdown-text.ts';
import { RFC1123_LABEL, toOpenSloName } from './openslo-name.ts';
import { isWinAnsi, toWinAnsi } from './pdf-text.ts';

const WJ = WORD_JOINER;

describe('escapeHtmlBreakable', () => {
  it('is escapeHtml with <wbr> break opportunities in long runs only, never inside an entity', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const out = escapeHtmlBreakable(text);
        expect(out.replaceAll('<wbr>', '')).toBe(escapeHtml(text));
        expect(out.replaceAll('<wbr>', '')).not.toMatch(/<|>/);
      }),
    );
    expect(escapeHtmlBreakable('Mail flow')).toBe('Mail flow');
    expect(escapeHtmlBreakable('messaging-team@example.com')).toBe('messaging-<wbr>team@<wbr>example.<wbr>com');
    expect(escapeHtmlBreakable('a'.repeat(40))).toBe(`${'a'.repeat(16)}<wbr>${'a'.repeat(16)}<wbr>${'a'.repeat(8)}`);
  });
});

describe('escapeHtml', () => {
  it('turns a script tag and a javascript: link into text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;&#47;script&gt;');
    expect(escapeHtml('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a|href="/);
  });

  it('never lets a < or a quote through', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"'`]/);
      }),
    );
  });
});

describe('escapeMarkdown', () => {
  it('keeps link and image syntax literal', () => {
    expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript\\:alert(1))');
    expect(escapeMarkdown('![x](http://evil/x.png)')).toBe(`\\!\\[x\\](http\\:${WJ}//evil/x.${WJ}png)`);
  });

  it('breaks bare URLs, domains and addresses so no preview links them', () => {
    expect(escapeMarkdown('https://evil.example/a')).toBe(`https\\:${WJ}//evil.${WJ}example/a`);
    expect(escapeMarkdown('www.evil.example')).toBe(`www.${WJ}evil.${WJ}example`);
    expect(escapeMarkdown('ops@evil.example')).toBe(`ops\\@${WJ}evil.${WJ}example`);
    expect(escapeMarkdown('99.9 % of it. Done')).toBe('99.9 % of it. Done');
  });

  it('folds line breaks so a value cannot open a heading, a rule or a new block', () => {
    expect(escapeMarkdown('ok\n# Approved by everyone')).toBe('ok \\# Approved by everyone');
    expect(escapeMarkdown('x\n---\ny')).toBe('x --- y');
  });

  it('escapes a leading list marker but leaves the same characters inside a line alone', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('99.9 %')).toBe('99.9 %');
    expect(escapeMarkdown('a - b')).toBe('a - b');
    expect(markdownCell('99.9 %')).toBe('99.9 %');
  });

  it('escapes raw HTML, emphasis, code, tables and math', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('**b** _i_ `c` ~~s~~ | $m$')).toBe('\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~ \\| \\$m\\$');
  });

  it('reads back as the original text, line breaks folded', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(unescapeMarkdown(escapeMarkdown(text))).toBe(text.replace(/\r\n?|\n/g, ' ').replaceAll(WJ, ''));
      }),
    );
  });

  it('never leaves an unescaped bracket, angle bracket, backtick or pipe', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(markdownCell(text)).not.toMatch(/(?<!\\)[[\]<>`|]/);
      }),
    );
  });
});

describe('toWinAnsi', () => {
  it('keeps what the standard fonts can draw and folds the rest', () => {
    expect(toWinAnsi('Größe – 99,9 % € § “x”')).toBe('Größe – 99,9 % € § “x”');
    expect(toWinAnsi('(1 − target) → ≤ 5m')).toBe('(1 - target) -> <= 5m');
    expect(toWinAnsi('Łódź')).toBe('Lódz');
    expect(toWinAnsi('日本')).toBe('??');
  });

  it('only ever returns drawable characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect([...toWinAnsi(text)].every(isWinAnsi)).toBe(true);
      }),
    );
  });
});

describe('toOpenSloName', () => {
  it('makes RFC 1123 labels of any text', () => {
    expect(toOpenSloName('Mailbox Access (OWA)')).toBe('mailbox-access-owa');
    expect(toOpenSloName('Ümlaut Straße')).toBe('umlaut-stra-e');
    expect(toOpenSloName('---')).toBe('unnamed');
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(toOpenSloName(text)).toMatch(RFC1123_LABEL);
      }),
    );
  });
});
