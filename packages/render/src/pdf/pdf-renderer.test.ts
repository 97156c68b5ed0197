import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document/build-document.ts';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { extractPdfText, inflatePdf } from '../render/test-support/pdf-text-extract.ts';
import { renderPdf } from './pdf-renderer.ts';

const signOff = {
  approved: false,
  sponsors: [
    { name: 'Dr. Karin Vogt', role: 'CIO', status: 'signed' as const, at: '2026-11-22T09:10:00.000Z' },
    {
      name: 'Markus Brandt',
      role: 'Head of Sales Operations',
      status: 'rejected' as const,
      at: '2026-11-22T10:00:00.000Z',
      comment: 'Webmail needs 99.9 % first.',
    },
  ],
};

describe('renderPdf', async () => {
  const input = inputFor(messagingRequirements(), PUBLISHED, signOff);
  const pdf = await renderPdf(buildDocument(input), PUBLISHED.publishedAt);
  const text = extractPdfText(pdf);
  const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(inflatePdf(pdf))?.[1]);

  it('is a PDF with numbered pages', () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pages).toBeGreaterThan(5);
    for (let page = 1; page <= pages; page += 1) expect(text).toContain(`Page ${page} of ${pages}`);
  });

  it("prints the version hash on every page and a signature block with each sponsor's status", () => {
    expect(text.split(`SHA-256 ${input.hash}`).length - 1).toBe(pages);
    expect(text).toContain('Rejected by Markus Brandt; 1 of 2 signed.');
    expect(text).toContain('Signed 2026-11-22 09:10 UTC');
    expect(text).toContain('Rejected 2026-11-22 10:00 UTC');
    expect(text).toContain('Webmail needs 99.9 % first.');
    expect(text).toContain('Signature for Version 3');
  });

  it('titles the file with the service name as written, parentheses included', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    const info = /\/Info (\d+) 0 R/.exec(raw)?.[1];
    const titleRef = new RegExp(`\\n${info} 0 obj\\n<<[\\s\\S]*?/Title (\\d+) 0 R`).exec(raw)?.[1];
    const literal = new RegExp(`\\n${titleRef} 0 obj\\n\\(([\\s\\S]*?)\\)\\nendobj`).exec(raw)?.[1] ?? '';
    const bytes = Buffer.from(literal.replace(/\\([()\\])/g, '$1'), 'latin1');
    const title =
      bytes[0] === 0xfe ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
    expect(title).toBe('Enterprise messaging (Exchange Server 2007): service level agreement, Version 3');
  });

  it('dates the file from the publication, never the clock', () => {
    const dates = [...inflatePdf(pdf).matchAll(/\(D:(\d{14})Z\)/g)].map((m) => m[1]);
    expect(dates).toEqual(['20261121140300', '20261121140300']);
  });

  it('lists the contents with the page each section starts on', () => {
    expect(text).toMatch(/7 {2}Availability commitments\n\d+\n/);
    expect(text).toContain('Part II — Justification');
  });

  it('marks a draft on the cover and on every later page', async () => {
    const draft = await renderPdf(buildDocument(inputFor(messagingRequirements(), null)), undefined);
    const draftText = extractPdfText(draft);
    expect(draftText).toContain('Draft — not published: a preview that nobody can sign.');
    const count = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(inflatePdf(draft))?.[1]);
    expect(draftText.split('DRAFT — NOT PUBLISHED').length - 1).toBe(count - 1);
    expect(inflatePdf(draft)).toContain('(D:19700101000000Z)');
  });
});

describe('renderPdf with text longer than a page allows', () => {
  it('splits a tall table row across pages without losing a word', async () => {
    const base = messagingRequirements();
    const words = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    const requirements = {
      ...base,
      functions: base.functions.map((fn, i) =>
        i === 0 && fn.availability
          ? {
              ...fn,
              availability: { ...fn.availability, provenance: { ...fn.availability.provenance, rationale: words } },
            }
          : fn,
      ),
    };
    const input = inputFor(requirements, PUBLISHED);
    const pdf = await renderPdf(buildDocument(input), PUBLISHED.publishedAt);
    // Running header and footer are drawn into each page after its body; read the body alone.
    const body = extractPdfText(pdf)
      .split('\n')
      .filter(
        (line) =>
          !line.startsWith('Enterprise messaging (Exchange Server 2007) · Service level agreement') &&
          line !== `SHA-256 ${input.hash}` &&
          !/^Page \d+ of \d+$/.test(line),
      )
      .join(' ');
    expect(body.replace(/\s+/g, ' ')).toContain(words);
  });
});
