import { budgetChartScene } from '../chart/budget-chart-scene.ts';
import { weekGridScene } from '../chart/week-grid-scene.ts';
import type { Block, FindingView } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { paintScene } from './pdf-scene.ts';
import { drawSignatures } from './pdf-signatures.ts';
import { drawTable, tableStartHeight } from './pdf-table.ts';
import { BODY_WIDTH, COLOR, FONT, LINE_GAP, PAGE, SIZE, toneColor } from './pdf-theme.ts';
import { drawWrapped, flowText, wrapText } from './pdf-wrap.ts';

/** Starts a new page unless `height` points fit below the current position. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.bottom) doc.addPage();
}

const HEADING_HEIGHT = 24;
/** A paragraph this short introduces what follows it and stays on its page. */
const LEAD_IN_LINES = 4;
const PAGE_BODY = PAGE.height - PAGE.top - PAGE.bottom;

/**
 * The height a block needs on the current page to start well: a table its header and first rows (or all of a
 * short one), a paragraph its first lines, a chart all of it, a list its first item, findings the first one.
 * A heading above it reserves this too, so no heading is left alone at the foot of a page.
 */
export function blockStartHeight(doc: PDFKit.PDFDocument, block: Block | undefined, after?: Block): number {
  if (!block) return 0;
  switch (block.kind) {
    case 'paragraph': {
      const lines = wrapText(doc, toWinAnsi(block.text), BODY_WIDTH, BODY).lines.length;
      // A short lead-in needs the start of what it introduces too (see drawBlock).
      return lines <= LEAD_IN_LINES && after && after.kind !== 'paragraph' && after.kind !== 'heading'
        ? lines * (SIZE.body + LINE_GAP + 2) + 6 + blockStartHeight(doc, after)
        : Math.min(3, lines) * (SIZE.body + LINE_GAP + 2);
    }
    case 'heading':
      return HEADING_HEIGHT;
    case 'facts':
      return tableStartHeight(doc, FACT_COLUMNS, factRows(block.rows), { header: false, labelColumn: true });
    case 'table':
      return tableStartHeight(doc, block.columns, block.rows, { header: true, labelColumn: false });
    case 'list':
      return block.items[0] ? wrapText(doc, toWinAnsi(block.items[0]), BODY_WIDTH - 14, BODY).height + 3 : 0;
    case 'findings':
      return block.findings[0] ? findingHeight(doc, block.findings[0]) + 4 : 0;
    case 'budget-chart':
    case 'week-grid': {
      const scene = block.kind === 'budget-chart' ? budgetChartScene(block.chart) : weekGridScene(block.grid);
      return (scene.height * BODY_WIDTH) / scene.width + 12;
    }
    case 'signatures':
      return 120;
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

/** Starts a new page unless a heading and the start of the block after it fit below the current position. */
export function keepWithNext(
  doc: PDFKit.PDFDocument,
  headingHeight: number,
  next: Block | undefined,
  atLeast: number,
  afterNext?: Block,
): void {
  ensureSpace(
    doc,
    Math.min(PAGE_BODY * 0.6, Math.max(atLeast, headingHeight + blockStartHeight(doc, next, afterNext))),
  );
}

const FACT_COLUMNS = [
  { label: 'Item', width: 1 },
  { label: 'Value', width: 2.6 },
] as const;

function factRows(rows: readonly (readonly [string, string])[]): { text: string }[][] {
  return rows.map(([label, value]) => [{ text: label }, { text: value }]);
}

/** Draws one block at the current position and leaves the cursor below it. Text is folded to WinAnsi. */
export function drawBlock(doc: PDFKit.PDFDocument, block: Block, next?: Block, afterNext?: Block): void {
  doc.x = PAGE.left;
  switch (block.kind) {
    case 'paragraph': {
      const style = block.tone === 'error' ? BOLD_BODY : BODY;
      // Keep the first lines of a paragraph together; longer ones flow on to the next page. A short lead-in
      // ("What it implies:", a table's introduction) also keeps the start of the block it introduces.
      const lines = wrapText(doc, toWinAnsi(block.text), BODY_WIDTH, style).lines.length;
      const own = Math.min(3, lines) * (SIZE.body + LINE_GAP + 2);
      ensureSpace(
        doc,
        lines <= LEAD_IN_LINES && next && next.kind !== 'paragraph' && next.kind !== 'heading'
          ? Math.min(PAGE_BODY * 0.6, lines * (SIZE.body + LINE_GAP + 2) + 6 + blockStartHeight(doc, next))
          : own,
      );
      flowText(doc, toWinAnsi(block.text), PAGE.left, BODY_WIDTH, style, toneColor(block.tone));
      doc.y += 6;
      return;
    }
    case 'heading':
      keepWithNext(doc, HEADING_HEIGHT, next, 48, afterNext);
      doc.y += 3;
      flowText(
        doc,
        toWinAnsi(block.text).toUpperCase(),
        PAGE.left,
        BODY_WIDTH,
        { font: FONT.bold, size: SIZE.heading, gap: 0 },
        COLOR.muted,
      );
      doc.y += 4;
      return;
    case 'facts':
      drawTable(doc, FACT_COLUMNS, factRows(block.rows), { header: false, labelColumn: true });
      return;
    case 'table':
      drawTable(doc, block.columns, block.rows, { header: true, labelColumn: false });
      return;
    case 'list':
      for (const item of block.items) {
        ensureSpace(doc, SIZE.body * 2.5);
        doc
          .font(FONT.regular)
          .fontSize(SIZE.body)
          .fillColor(COLOR.ink)
          .text('•', PAGE.left + 4, doc.y, { lineBreak: false });
        flowText(doc, toWinAnsi(item), PAGE.left + 14, BODY_WIDTH - 14, BODY, COLOR.ink);
        doc.y += 3;
      }
      doc.y += 4;
      return;
    case 'findings':
      for (const finding of block.findings) drawFinding(doc, finding);
      doc.y += 4;
      return;
    case 'budget-chart':
    case 'week-grid': {
      const scene = block.kind === 'budget-chart' ? budgetChartScene(block.chart) : weekGridScene(block.grid);
      ensureSpace(doc, (scene.height * BODY_WIDTH) / scene.width + 6);
      const top = doc.y + 4;
      doc.y = top + paintScene(doc, scene, PAGE.left, top, BODY_WIDTH) + 8;
      return;
    }
    case 'signatures':
      drawSignatures(doc, block.signOff);
      return;
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

const FINDING_COLORS: Readonly<Record<FindingView['severity'], readonly [bar: string, background: string]>> = {
  error: [COLOR.error, COLOR.errorBg],
  warning: ['#d08a00', COLOR.warningBg],
  info: [COLOR.info, COLOR.infoBg],
};

const BODY = { font: FONT.regular, size: SIZE.body, gap: LINE_GAP };
const BOLD_BODY = { ...BODY, font: FONT.bold };

function findingParts(finding: FindingView) {
  const [bar] = FINDING_COLORS[finding.severity];
  return [
    [toWinAnsi(`${finding.title} · ${finding.severity} · ${finding.where}`), FONT.bold, bar],
    [toWinAnsi(finding.message), FONT.regular, COLOR.ink],
    [toWinAnsi(`Fix: ${finding.fix}`), FONT.italic, COLOR.ink],
  ] as const;
}

const FINDING_TEXT_WIDTH = BODY_WIDTH - 16;

function findingHeight(doc: PDFKit.PDFDocument, finding: FindingView): number {
  return (
    findingParts(finding).reduce(
      (sum, [text, font]) =>
        sum + wrapText(doc, text, FINDING_TEXT_WIDTH, { font, size: SIZE.table, gap: 1 }).height + 2,
      0,
    ) + 8
  );
}

function drawFinding(doc: PDFKit.PDFDocument, finding: FindingView): void {
  const width = FINDING_TEXT_WIDTH;
  const [bar, background] = FINDING_COLORS[finding.severity];
  const parts = findingParts(finding);
  const wrapped = parts.map(([text, font]) => wrapText(doc, text, width, { font, size: SIZE.table, gap: 1 }));
  const height = wrapped.reduce((sum, w) => sum + w.height + 2, 0) + 8;
  ensureSpace(doc, height + 4);
  const top = doc.y;
  doc.rect(PAGE.left, top, BODY_WIDTH, height).fill(background);
  doc.rect(PAGE.left, top, 3, height).fill(bar);
  let y = top + 4;
  parts.forEach(([, font, color], index) => {
    const lines = wrapped[index];
    if (!lines) return;
    doc.fillColor(color);
    drawWrapped(doc, lines, PAGE.left + 10, y, width, { font, size: SIZE.table, gap: 1 });
    y += lines.height + 2;
  });
  doc.y = top + height + 4;
}
