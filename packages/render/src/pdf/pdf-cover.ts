import type { DocumentModel } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { fitWidth } from './pdf-fit.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE } from './pdf-theme.ts';
import { drawWrapped, flowText, wrapText } from './pdf-wrap.ts';

export interface ContentsEntry {
  readonly part: 'sla' | 'justification';
  readonly label: string;
  readonly page: number;
}

const CONTENTS_LINE = 11;

const STATE_COLORS = {
  draft: [COLOR.draftBg, COLOR.draft],
  awaiting: [COLOR.infoBg, COLOR.info],
  approved: [COLOR.okBg, COLOR.ok],
  rejected: [COLOR.errorBg, COLOR.error],
} as const;
const CONTENTS_GUTTER = 20;

/**
 * The first page's head: service, workshop, a status box (amber and unmistakable on a draft), publication,
 * version hash and the budget convention; then room for the contents, filled in once page numbers are known.
 */
export function drawCover(doc: PDFKit.PDFDocument, model: DocumentModel): { contentsY: number; bodyStart: number } {
  const { identity } = model;
  doc.y = 40;
  flowText(
    doc,
    'SERVICE LEVEL AGREEMENT AND JUSTIFICATION',
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.bold, size: 7.5, gap: 0 },
    COLOR.muted,
  );
  doc.y += 6;
  flowText(doc, toWinAnsi(model.service), PAGE.left, BODY_WIDTH, { font: FONT.bold, size: SIZE.h1, gap: 0 }, COLOR.ink);
  doc.y += 3;
  flowText(doc, toWinAnsi(model.title), PAGE.left, BODY_WIDTH, { font: FONT.regular, size: 11, gap: 1 }, COLOR.ink);
  const status = toWinAnsi(identity.draft ? identity.status : `${identity.versionLabel} · ${identity.status}`);
  const statusStyle = { font: FONT.bold, size: 10, gap: 1 };
  const wrapped = wrapText(doc, status, BODY_WIDTH - 20, statusStyle);
  const boxH = wrapped.height + 12;
  const boxTop = doc.y + 10;
  const [fill, ink] = STATE_COLORS[model.signOff.state];
  doc.rect(PAGE.left, boxTop, BODY_WIDTH, boxH).fill(fill);
  doc.rect(PAGE.left, boxTop, 4, boxH).fill(ink);
  doc.fillColor(ink);
  drawWrapped(doc, wrapped, PAGE.left + 12, boxTop + 6, BODY_WIDTH - 20, statusStyle);
  doc.y = boxTop + boxH + 8;
  if (identity.published)
    flowText(
      doc,
      toWinAnsi(`Published ${identity.published}`),
      PAGE.left,
      BODY_WIDTH,
      { font: FONT.regular, size: SIZE.body, gap: 0 },
      COLOR.ink,
    );
  doc.y += 3;
  flowText(
    doc,
    'Version hash (SHA-256)',
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.regular, size: SIZE.small, gap: 0 },
    COLOR.muted,
  );
  doc.y += 1;
  flowText(doc, toWinAnsi(identity.hash), PAGE.left, BODY_WIDTH, { font: FONT.mono, size: 8, gap: 0 }, COLOR.ink);
  doc.y += 6;
  flowText(
    doc,
    toWinAnsi(model.convention),
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.regular, size: SIZE.small, gap: 1 },
    COLOR.muted,
  );
  const contentsY = doc.y + 12;
  const lines = Math.max(...model.parts.map((p) => p.sections.length));
  return { contentsY, bodyStart: contentsY + 18 + lines * CONTENTS_LINE + 14 };
}

/** Fills the reserved contents area on page 1: one column per part, each section with its page. */
export function drawContents(
  doc: PDFKit.PDFDocument,
  model: DocumentModel,
  top: number,
  entries: readonly ContentsEntry[],
): void {
  doc.switchToPage(doc.bufferedPageRange().start);
  const columnW = (BODY_WIDTH - CONTENTS_GUTTER) / 2;
  model.parts.forEach((part, column) => {
    const left = PAGE.left + column * (columnW + CONTENTS_GUTTER);
    doc
      .font(FONT.bold)
      .fontSize(8.5)
      .fillColor(COLOR.accent)
      .text(fitWidth(doc, toWinAnsi(part.title), columnW), left, top, { lineBreak: false });
    entries
      .filter((e) => e.part === part.id)
      .forEach((entry, index) => {
        const y = top + 16 + index * CONTENTS_LINE;
        const page = String(entry.page);
        doc.font(FONT.regular).fontSize(8).fillColor(COLOR.ink);
        const pageW = doc.widthOfString(page);
        doc.text(fitWidth(doc, toWinAnsi(entry.label), columnW - pageW - 8), left, y, { lineBreak: false });
        doc.text(page, left + columnW - pageW, y, { lineBreak: false });
      });
  });
  const bottom = top + 18 + Math.max(...model.parts.map((p) => p.sections.length)) * CONTENTS_LINE + 4;
  doc
    .moveTo(PAGE.left, bottom)
    .lineTo(PAGE.left + BODY_WIDTH, bottom)
    .lineWidth(0.5)
    .strokeColor(COLOR.line)
    .stroke();
}
