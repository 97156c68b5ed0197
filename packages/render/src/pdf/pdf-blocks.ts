import { budgetChartScene } from '../chart/budget-chart-scene.ts';
import { weekGridScene } from '../chart/week-grid-scene.ts';
import type { Block, FindingView } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { paintScene } from './pdf-scene.ts';
import { drawSignatures } from './pdf-signatures.ts';
import { drawTable } from './pdf-table.ts';
import { BODY_WIDTH, COLOR, FONT, LINE_GAP, PAGE, SIZE, toneColor } from './pdf-theme.ts';

/** Starts a new page unless `height` points fit below the current position. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.bottom) doc.addPage();
}

/** Draws one block at the current position and leaves the cursor below it. Text is folded to WinAnsi. */
export function drawBlock(doc: PDFKit.PDFDocument, block: Block): void {
  doc.x = PAGE.left;
  switch (block.kind) {
    case 'paragraph': {
      const text = toWinAnsi(block.text);
      doc.font(block.tone === 'error' ? FONT.bold : FONT.regular).fontSize(SIZE.body).fillColor(toneColor(block.tone));
      ensureSpace(doc, Math.min(3 * (SIZE.body + LINE_GAP) + 4, doc.heightOfString(text, { width: BODY_WIDTH, lineGap: LINE_GAP })));
      doc.text(text, PAGE.left, doc.y, { width: BODY_WIDTH, lineGap: LINE_GAP });
      doc.y += 5;
      return;
    }
    case 'heading':
      ensureSpace(doc, 48);
      doc.y += 3;
      doc.font(FONT.bold).fontSize(SIZE.heading).fillColor(COLOR.muted)
        .text(toWinAnsi(block.text).toUpperCase(), PAGE.left, doc.y, { width: BODY_WIDTH, characterSpacing: 0.3 });
      doc.y += 3;
      return;
    case 'facts':
      drawTable(doc, [{ label: 'Item', width: 1 }, { label: 'Value', width: 2.6 }], block.rows.map(([label, value]) => [{ text: label }, { text: value }]), { header: false, labelColumn: true });
      return;
    case 'table':
      drawTable(doc, block.columns, block.rows, { header: true, labelColumn: false });
      return;
    case 'list':
      doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.ink);
      for (const item of block.items) {
        const text = toWinAnsi(item);
        ensureSpace(doc, SIZE.body * 2.5);
        const top = doc.y;
        doc.text('•', PAGE.left + 4, top, { lineBreak: false });
        doc.text(text, PAGE.left + 14, top, { width: BODY_WIDTH - 14, lineGap: LINE_GAP });
        doc.y += 2;
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
  error: [COLOR.error, COLOR.errorBg], warning: ['#d08a00', COLOR.warningBg], info: [COLOR.info, COLOR.infoBg],
};

function drawFinding(doc: PDFKit.PDFDocument, finding: FindingView): void {
  const width = BODY_WIDTH - 16;
  const head = toWinAnsi(`${finding.code} · ${finding.severity} · ${finding.where}`);
  const body = toWinAnsi(finding.message);
  const fix = toWinAnsi(`Fix: ${finding.fix}`);
  const measure = (font: string, text: string): number => doc.font(font).fontSize(SIZE.table).heightOfString(text, { width, lineGap: 1 });
  const height = measure(FONT.bold, head) + measure(FONT.regular, body) + measure(FONT.italic, fix) + 12;
  ensureSpace(doc, height + 4);
  const top = doc.y;
  const [bar, background] = FINDING_COLORS[finding.severity];
  doc.rect(PAGE.left, top, BODY_WIDTH, height).fill(background);
  doc.rect(PAGE.left, top, 3, height).fill(bar);
  doc.font(FONT.bold).fontSize(SIZE.table).fillColor(bar).text(head, PAGE.left + 10, top + 4, { width, lineGap: 1 });
  doc.font(FONT.regular).fillColor(COLOR.ink).text(body, PAGE.left + 10, doc.y + 1, { width, lineGap: 1 });
  doc.font(FONT.italic).fillColor(COLOR.ink).text(fix, PAGE.left + 10, doc.y + 1, { width, lineGap: 1 });
  doc.y = top + height + 4;
}
