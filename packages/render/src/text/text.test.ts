import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html-text.ts';
import { escapeMarkdown } from './markdown-text.ts';
import { RFC1123_LABEL, toOpenSloName } from './openslo-name.ts';

describe('escapeHtml', () => {
  it('turns a script tag and a javascript: link into text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;&#47;script&gt;');
    expect(escapeHtml('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a|href="/);
  });

  it('never lets a < or a quote through', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(escapeHtml(text)).not.toMatch(/[<>"'`]/);
    }));
  });
});

describe('escapeMarkdown', () => {
  it('keeps link and image syntax literal', () => {
    expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(escapeMarkdown('![x](http://evil/x.png)')).toBe('\\!\\[x\\]\\(http://evil/x\\.png\\)');
  });

  it('folds line breaks so a value cannot open a heading or a new block', () => {
    expect(escapeMarkdown('ok\n# Approved by everyone')).toBe('ok \\# Approved by everyone');
  });

  it('escapes raw HTML', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });
});

describe('toOpenSloName', () => {
  it('makes RFC 1123 labels of any text', () => {
    expect(toOpenSloName('Mailbox Access (OWA)')).toBe('mailbox-access-owa');
    expect(toOpenSloName('Ümlaut Straße')).toBe('umlaut-stra-e');
    expect(toOpenSloName('---')).toBe('unnamed');
    fc.assert(fc.property(fc.string(), (text) => {
      expect(toOpenSloName(text)).toMatch(RFC1123_LABEL);
    }));
  });
});
