import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { buildDocument } from './build-document.ts';

// docs/documents.md promises a table of every SLA section with the reference it follows; keep it true.
const docs = readFileSync(new URL('../../../../docs/documents.md', import.meta.url), 'utf8');
const [sla] = buildDocument(inputFor(messagingRequirements(), PUBLISHED)).parts;

describe('docs/documents.md', () => {
  it('lists every section of Part I in order, each with the reference it follows', () => {
    const rows = [...docs.matchAll(/^\| (\d+) \| \*\*([^*]+)\*\*[^|]*\| [^|]+ \| ([^|]+) \|$/gm)].map((m) => ({
      number: m[1],
      title: m[2],
      follows: m[3]?.trim(),
    }));
    const documented = rows.map((r) => `${r.number} ${r.title}`);
    for (const section of sla?.sections ?? []) {
      const short = section.title.split(':')[0] ?? section.title;
      expect(documented).toContain(`${section.number} ${short}`);
    }
    expect(rows.length).toBe(sla?.sections.length);
    for (const row of rows) expect(row.follows).not.toBe('');
  });

  it("names Part II's executive summary and the appendix of finding codes", () => {
    expect(docs).toContain('**executive summary**');
    expect(docs).toContain('**Appendix: finding codes**');
  });
});
