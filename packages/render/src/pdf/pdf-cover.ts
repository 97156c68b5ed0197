import type { DocumentModel } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { fitWidth } from './pdf-fit.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE } from './pdf-theme.ts';

export interface ContentsEntry {
  readonly part: 'sla' | 'justification';
  readonly label: string;
  readonly page: number;
}

const CONTENTS_LINE = 11;

const STATE_COLORS = {
  draft: [COLOR.draftBg, COLOR.draft], awaiting: [COLOR.infoBg, COLOR.info], approved: [COLOR.okBg, COLOR.ok], rejected: [COLOR.errorBg, COLOR.error],
} as const;
const CONTENTS_GUTTER = 20;

/**
 * The first page's head: service, workshop, a status box (amber and unmistakable on a draft), publication,
 * version hash and the budget convention; then room for the contents, filled in once page numbers are known.
 */
export function drawCover(doc: PDFKit.PDFDocument, model: DocumentModel): { contentsY: number; bodyStart: number } {
  const { identity } = model;
  doc.font(FONT.bold).fontSize(7.5).fillColor(COLOR.muted)
    .text('SERVICE LEVEL AGREEMENT AND JUSTIFICATION', PAGE.left, 40, { width: BODY_WIDTH, characterSpacing: 0.8 });
  doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOR.ink).text(toWinAnsi(model.service), PAGE.left, doc.y + 6, { width: BODY_WIDTH });
  doc.font(FONT.regular).fontSize(11).fillColor(COLOR.ink).text(toWinAnsi(model.title), PAGE.left, doc.y + 2, { width: BODY_WIDTH });
  const status = toWinAnsi(identity.draft ? identity.status : `${identity.versionLabel} · ${identity.status}`);
  doc.font(FONT.bold).fontSize(10);
  const boxH = doc.heightOfString(status, { width: BODY_WIDTH - 20 }) + 12;
  const boxTop = doc.y + 10;
  const [fill, ink] = STATE_COLORS[model.signOff.state];
  doc.rect(PAGE.left, boxTop, BODY_WIDTH, boxH).fill(fill);
  doc.rect(PAGE.left, boxTop, 4, boxH).fill(ink);
  doc.font(FONT.bold).fontSize(10).fillColor(ink).text(status, PAGE.left + 12, boxTop + 6, { width: BODY_WIDTH - 20 });
  doc.y = boxTop + boxH + 8;
  if (identity.published) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.ink).text(toWinAnsi(`Published ${identity.published}`), PAGE.left, doc.y, { width: BODY_WIDTH });
  }
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text('Version hash (SHA-256)', PAGE.left, doc.y + 3, { width: BODY_WIDTH });
  doc.font(FONT.mono).fontSize(8).fillColor(COLOR.ink).text(toWinAnsi(identity.hash), PAGE.left, doc.y + 1, { width: BODY_WIDTH });
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text(toWinAnsi(model.convention), PAGE.left, doc.y + 6, { width: BODY_WIDTH, lineGap: 1 });
  const contentsY = doc.y + 12;
  const lines = Math.max(...model.parts.map((p) => p.sections.length));
  return { contentsY, bodyStart: contentsY + 18 + lines * CONTENTS_LINE + 14 };
}

/** Fills the reserved contents area on page 1: one column per part, each section with its page. */
export function drawContents(doc: PDFKit.PDFDocument, model: DocumentModel, top: number, entries: readonly ContentsEntry[]): void {
  doc.switchToPage(doc.bufferedPageRange().start);
  const columnW = (BODY_WIDTH - CONTENTS_GUTTER) / 2;
  model.parts.forEach((part, column) => {
    const left = PAGE.left + column * (columnW + CONTENTS_GUTTER);
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOR.accent).text(fitWidth(doc, toWinAnsi(part.title), columnW), left, top, { lineBreak: false });
    entries.filter((e) => e.part === part.id).forEach((entry, index) => {
      const y = top + 16 + index * CONTENTS_LINE;
      const page = String(entry.page);
      doc.font(FONT.regular).fontSize(8).fillColor(COLOR.ink);
      const pageW = doc.widthOfString(page);
      doc.text(fitWidth(doc, toWinAnsi(entry.label), columnW - pageW - 8), left, y, { lineBreak: false });
      doc.text(page, left + columnW - pageW, y, { lineBreak: false });
    });
  });
  const bottom = top + 18 + Math.max(...model.parts.map((p) => p.sections.length)) * CONTENTS_LINE + 4;
  doc.moveTo(PAGE.left, bottom).lineTo(PAGE.left + BODY_WIDTH, bottom).lineWidth(0.5).strokeColor(COLOR.line).stroke();
}
