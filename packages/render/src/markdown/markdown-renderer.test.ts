import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document/build-document.ts';
import { buildWeekGrid } from '../document/week-grid.ts';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderMarkdown } from './markdown-renderer.ts';
import { textWeekGrid } from './text-week-grid.ts';

describe('renderMarkdown', () => {
  const input = inputFor(messagingRequirements(), PUBLISHED);
  const md = renderMarkdown(buildDocument(input));

  it('writes GitHub tables with numbers right-aligned', () => {
    expect(md).toContain(
      '| Business function | Target | Measured over | Per day | Per week | Per month (mean) | Tightest month | Per quarter | Per year |',
    );
    expect(md).toContain('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    // Whole minutes, as downtime is counted: 15m 10s allows 15 of them; May 2027 (Hesse) allows 12.
    expect(md).toContain(
      '| Mailbox access | 99.9 % | service hours (Business hours) | under 1m | 3m | 15m | 12m (May 2027) | 45m | 3h 2m |',
    );
  });

  it('heads the document with version, status and hash, and ends with the hash again', () => {
    expect(md).toContain('**Version 3**: Published, awaiting sign-off\\: 0 of 2 sponsors signed.');
    expect(md.split(input.hash).length - 1).toBeGreaterThanOrEqual(3);
  });

  it('sketches the week in monospace, one character per hour', () => {
    const grid = textWeekGrid(buildWeekGrid(messagingRequirements())).split('\n');
    expect(grid[0]).toBe('       00    06    12    18');
    expect(grid[1]).toBe('Mon  S ·······████████████·····');
    expect(grid[2]).toBe('     C !!!!!!!████████████▒▒▒▒!');
    expect(grid.find((line, i) => i > 0 && grid[i - 2]?.startsWith('Sun'))).toBe('     M ··xxxx··················');
  });

  it("says a draft's status once, and points at the budget table where it is", () => {
    const draft = renderMarkdown(buildDocument(inputFor(messagingRequirements(), null)));
    expect(draft).toContain('**Draft — not published\\: a preview that nobody can sign.**');
    expect(draft).not.toContain('Draft — not published**: Draft — not published');
    const note = md.indexOf('the table below holds the same figures');
    const table = md.indexOf('| Business function | Target | Measured over |');
    const definition = md.indexOf('Allowed downtime per period is the budget in the table above');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(table);
    expect(definition).toBeGreaterThan(table);
  });

  it('heads each finding with what it means; its code is in the appendix only', () => {
    expect(md).toContain('- **The dependencies cannot deliver the target** (error, Mail flow): ');
    expect(md).toContain('| error | The dependencies cannot deliver the target | Mail flow | Part I §7 |');
    expect(md).toContain(
      '| DEPENDENCIES\\_CAP\\_AVAILABILITY | The dependencies cannot deliver the target | Part I §7 |',
    );
  });
});
