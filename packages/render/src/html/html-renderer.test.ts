import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document/build-document.ts';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderHtml } from './html-renderer.ts';

describe('renderHtml', () => {
  const input = inputFor(messagingRequirements(), PUBLISHED);
  const html = renderHtml(buildDocument(input));

  it('stands alone: inline style and SVG, no scripts, no external resources, a policy that forbids both', () => {
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    );
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it('prints on A4 with the justification on a new page and rows kept whole', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{[\s\S]*section\.part-justification \{ break-before: page; \}/);
    expect(html).toContain('tr { break-inside: avoid; }');
  });

  it('shows the version, the hash, the publication and the sign-off block', () => {
    expect(html).toContain('Version 3 · Published, awaiting sign-off: 0 of 2 sponsors signed.');
    expect(html).toContain(input.hash);
    expect(html).toContain('Published 2026-11-21 14:03 UTC by Anna Keller');
    expect(html).toContain('<div class="signature pending"><div class="who">Dr. Karin Vogt</div>');
  });

  it('marks a draft plainly', () => {
    const draft = renderHtml(buildDocument(inputFor(messagingRequirements(), null)));
    expect(draft).toContain('<span class="status draft">Draft — not published</span>');
    expect(draft).toContain('Draft — not published: publish a version to collect signatures.');
  });

  it('draws the week grid and the budget chart as accessible inline SVG', () => {
    expect(html).toContain(
      'aria-label="Week grid in Europe&#47;Berlin: service hours, support, on-call and maintenance"',
    );
    expect(html).toContain('aria-label="Downtime budget per period for each business function"');
  });

  it('keeps a phone readable: charts scroll at their drawn size, words never break mid-word, long runs may', () => {
    // Shrinking the 720-unit charts to a 390 px screen made their labels a few pixels high.
    expect(
      html.match(/<div class="figure" role="region" aria-label="[^"]+" tabindex="0"><svg class="chart"/g),
    ).toHaveLength(2);
    expect(html).toContain('.figure > .chart { min-width: 720px; }');
    // 'overflow-wrap: anywhere' let narrow columns break "Service" into "Servi ce" on a phone and in print.
    expect(html).not.toContain('overflow-wrap: anywhere; }\np, li');
    expect(html).toMatch(/th, td \{[^}]*overflow-wrap: break-word;/);
    // The version hash in a table cell can still wrap, at break opportunities that copying ignores.
    expect(html).toContain(`<td>${input.hash.slice(0, 16)}<wbr>${input.hash.slice(16, 32)}<wbr>`);
    // The budgets per period (eight columns) scroll inside their box instead of widening the page.
    expect(html).toMatch(
      /<div class="table-scroll wide"><table><colgroup>(?:<col[^>]*>){9}<\/colgroup><thead><tr><th scope="col">Business function<\/th><th scope="col" class="right">Target/,
    );
  });

  it('heads each finding with what it means, its code only for tools', () => {
    expect(html).toContain(
      '<li class="finding error" data-code="DEPENDENCIES_CAP_AVAILABILITY"><strong class="title">The dependencies cannot deliver the target</strong> · error · <span class="where">Mail flow</span><p>',
    );
  });
});
