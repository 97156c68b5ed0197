import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { Block } from '../document/document-model.ts';
import { drawBlock } from './pdf-blocks.ts';
import { drawTable, tableStartHeight } from './pdf-table.ts';
import { PAGE } from './pdf-theme.ts';

const COLUMNS = [
  { label: 'Business function', width: 2 },
  { label: 'Per month', width: 1, align: 'right' as const },
];
const OPTIONS = { header: true, labelColumn: false };
const FOOT = PAGE.height - PAGE.bottom;

function newDoc(): PDFKit.PDFDocument {
  return new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
  });
}

function rows(count: number): { text: string }[][] {
  return Array.from({ length: count }, (_, i) => [{ text: `Function ${i + 1}` }, { text: '15m 21s' }]);
}

const pages = (doc: PDFKit.PDFDocument): number => doc.bufferedPageRange().count;

describe('PDF tables and headings across a page break', () => {
  const doc = newDoc();
  const headerAndOne = tableStartHeight(doc, COLUMNS, rows(1), OPTIONS);
  const rowHeight = tableStartHeight(doc, COLUMNS, rows(2), OPTIONS) - headerAndOne;
  const header = headerAndOne - rowHeight;

  it('moves a short table whole instead of leaving its header and first row at the foot of a page', () => {
    const d = newDoc();
    d.y = FOOT - header - rowHeight * 2.5; // room for the header and two rows of four
    drawTable(d, COLUMNS, rows(4), OPTIONS);
    expect(pages(d)).toBe(2);
    expect(d.y).toBeCloseTo(PAGE.top + header + 4 * rowHeight + 8, 3);
  });

  it('never leaves the last row of a long table alone on a page', () => {
    const d = newDoc();
    const perPage = Math.floor((FOOT - PAGE.top - header) / rowHeight);
    drawTable(d, COLUMNS, rows(perPage + 1), OPTIONS);
    expect(pages(d)).toBe(2);
    // The second page holds the header again and the last two rows, not the last row alone.
    expect(d.y).toBeCloseTo(PAGE.top + header + 2 * rowHeight + 8, 3);
  });

  it('keeps a heading with the table under it', () => {
    const d = newDoc();
    const table: Block = { kind: 'table', columns: COLUMNS, rows: rows(4) };
    d.y = FOOT - 60; // enough for the heading alone, not for the heading and the table
    drawBlock(d, { kind: 'heading', text: 'Recovery readiness' }, table);
    expect(pages(d)).toBe(2);
  });

  it('keeps a short lead-in paragraph with the table it introduces', () => {
    const d = newDoc();
    const table: Block = { kind: 'table', columns: COLUMNS, rows: rows(4) };
    d.y = FOOT - 40; // room for the two-line paragraph, not for the table after it
    drawBlock(
      d,
      {
        kind: 'paragraph',
        text: 'RPO is the most data a failure may lose; RTO the longest the function may be down before it is back.',
      },
      table,
    );
    expect(pages(d)).toBe(2);
  });
});
