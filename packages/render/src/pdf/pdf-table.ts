import type { Cell, Column } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE, toneColor } from './pdf-theme.ts';
import { drawWrapped, wrapText, type TextStyle } from './pdf-wrap.ts';

const PAD_X = 4;
const PAD_Y = 3;
const GAP = 1;

export interface TableOptions {
  /** Repeat a header row on every page the table spans. */
  readonly header: boolean;
  /** Label/value tables: the first column bold and muted. */
  readonly labelColumn: boolean;
}

/** Widths, cell styles and row heights of a table, shared by drawing and by the space a table needs to start. */
function layout(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions,
) {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * BODY_WIDTH);
  const style = (row: readonly Cell[], i: number, text: string): CellStyle => {
    const label = options.labelColumn && i === 0;
    return {
      text,
      bold: label || row[i]?.tone === 'error',
      color: label ? COLOR.muted : toneColor(row[i]?.tone),
      align: columns[i]?.align,
    };
  };
  const measure = (cell: CellStyle, i: number): number =>
    wrapText(doc, cell.text, (widths[i] ?? 0) - 2 * PAD_X, textStyle(cell)).height;
  const rowHeight = (cells: readonly CellStyle[]): number => Math.max(...cells.map(measure)) + 2 * PAD_Y;
  const header = columns.map((c, i): CellStyle => ({
    text: toWinAnsi(c.label),
    bold: true,
    color: COLOR.ink,
    align: columns[i]?.align,
  }));
  const headerHeight = options.header ? rowHeight(header) : 0;
  const freshPage = PAGE.height - PAGE.bottom - PAGE.top - headerHeight;
  const heights = rows.map((row) => rowHeight(row.map((cell, i) => style(row, i, toWinAnsi(cell.text)))));
  const sum = (from: number, to: number): number => heights.slice(from, to).reduce((a, b) => a + b, 0);
  // A short table (a third of a page at most) is never split; a longer one keeps its header with its first two
  // rows. Rows too tall for that need only their first lines below the header.
  const short = sum(0, rows.length) <= freshPage / 3;
  const leadHeight = sum(0, short ? rows.length : Math.min(2, rows.length));
  const firstHeight = heights[0] ?? 0;
  const keep =
    headerHeight + (leadHeight <= freshPage * 0.5 ? leadHeight : firstHeight <= freshPage * 0.5 ? firstHeight : 60);
  return { widths, style, measure, rowHeight, header, headerHeight, freshPage, heights, sum, keep };
}

/** The height a table needs below its heading so that it starts on this page without a bad split. */
export function tableStartHeight(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions,
): number {
  return layout(doc, columns, rows, options).keep;
}

/**
 * Draws a table from the current position, breaking across pages: the header repeats, a row that fits on a
 * page never splits, a short table moves whole, the header keeps its first two rows, the last row never
 * stands alone, and a row taller than what is left of a fresh page splits at word boundaries.
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions,
): void {
  const { widths, style, measure, rowHeight, header, headerHeight, freshPage, heights, sum, keep } = layout(
    doc,
    columns,
    rows,
    options,
  );
  const maxY = (): number => PAGE.height - PAGE.bottom;
  const drawHeader = (): void => {
    if (!options.header) return;
    const top = doc.y;
    doc.rect(PAGE.left, top, BODY_WIDTH, headerHeight).fill(COLOR.soft);
    drawCells(doc, header, widths, top);
    doc
      .moveTo(PAGE.left, top + headerHeight)
      .lineTo(PAGE.left + BODY_WIDTH, top + headerHeight)
      .lineWidth(0.8)
      .strokeColor(COLOR.line)
      .stroke();
    doc.y = top + headerHeight;
  };
  if (doc.y + keep > maxY()) doc.addPage();
  drawHeader();
  for (const [index, row] of rows.entries()) {
    let remaining = row.map((cell, i) => style(row, i, toWinAnsi(cell.text)));
    // Take the second-last row over to the next page when the last one would otherwise stand there alone.
    const tail = sum(index, rows.length);
    if (
      index >= 2 &&
      index === rows.length - 2 &&
      tail > maxY() - doc.y &&
      (heights[index] ?? 0) <= maxY() - doc.y &&
      tail <= freshPage * 0.5
    ) {
      doc.addPage();
      drawHeader();
    }
    for (;;) {
      const height = rowHeight(remaining);
      const available = maxY() - doc.y;
      if (height <= available) {
        drawRow(doc, remaining, widths, height);
        break;
      }
      if (height <= freshPage * 0.5 || available < 40) {
        doc.addPage();
        drawHeader();
        continue;
      }
      const split = remaining.map((cell, i) =>
        fitWords(cell.text, (prefix) => measure({ ...cell, text: prefix }, i) <= available - 2 * PAD_Y),
      );
      drawRow(
        doc,
        remaining.map((cell, i) => ({ ...cell, text: split[i]?.[0] ?? '' })),
        widths,
        available,
      );
      remaining = remaining.map((cell, i) => ({ ...cell, text: split[i]?.[1] ?? '' }));
      if (remaining.every((cell) => cell.text === '')) break;
      doc.addPage();
      drawHeader();
    }
  }
  doc.y += 8;
  doc.x = PAGE.left;
}

interface CellStyle {
  readonly text: string;
  readonly bold: boolean;
  readonly color: string;
  readonly align: 'left' | 'right' | undefined;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  cells: readonly CellStyle[],
  widths: readonly number[],
  height: number,
): void {
  const top = doc.y;
  drawCells(doc, cells, widths, top);
  doc
    .moveTo(PAGE.left, top + height)
    .lineTo(PAGE.left + BODY_WIDTH, top + height)
    .lineWidth(0.5)
    .strokeColor(COLOR.line)
    .stroke();
  doc.y = top + height;
}

function textStyle(cell: CellStyle): TextStyle {
  return { font: cell.bold ? FONT.bold : FONT.regular, size: SIZE.table, gap: GAP };
}

function drawCells(doc: PDFKit.PDFDocument, cells: readonly CellStyle[], widths: readonly number[], top: number): void {
  let x = PAGE.left;
  cells.forEach((cell, i) => {
    const width = (widths[i] ?? 0) - 2 * PAD_X;
    const style = textStyle(cell);
    doc.fillColor(cell.color);
    drawWrapped(
      doc,
      wrapText(doc, cell.text, width, style),
      x + PAD_X,
      top + PAD_Y,
      width,
      style,
      cell.align ?? 'left',
    );
    x += widths[i] ?? 0;
  });
}

/** The longest word prefix of `text` that `fits`, and the rest. Always takes one word when none fits, so splitting ends. */
function fitWords(text: string, fits: (prefix: string) => boolean): [string, string] {
  if (fits(text)) return [text, ''];
  const words = text.split(' ');
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(words.slice(0, mid).join(' '))) low = mid;
    else high = mid - 1;
  }
  const count = Math.max(1, low);
  return [words.slice(0, count).join(' '), words.slice(count).join(' ')];
}
