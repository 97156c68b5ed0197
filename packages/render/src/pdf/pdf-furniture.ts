import type { DocumentModel } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { fitWidth } from './pdf-fit.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE } from './pdf-theme.ts';

/**
 * The running header (service, version, draft mark) and footer (full version hash, "Page n of N") on every
 * buffered page. Drawn last, when the page count is known; margins are lifted while drawing so nothing in the
 * margin can trigger a page break.
 */
export function drawFurniture(doc: PDFKit.PDFDocument, model: DocumentModel): void {
  const range = doc.bufferedPageRange();
  const left = toWinAnsi(`${model.service} · Service level agreement · ${model.identity.versionLabel}`);
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (index > 0) {
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted);
      const mark = model.identity.draft ? toWinAnsi('DRAFT — NOT PUBLISHED') : '';
      const markWidth = mark ? doc.font(FONT.bold).widthOfString(mark) + 12 : 0;
      doc.font(FONT.regular).text(fitWidth(doc, left, BODY_WIDTH - markWidth), PAGE.left, 30, { lineBreak: false });
      if (mark)
        doc
          .font(FONT.bold)
          .fillColor(COLOR.draft)
          .text(mark, PAGE.left + BODY_WIDTH - markWidth + 12, 30, { lineBreak: false });
      doc
        .moveTo(PAGE.left, 42)
        .lineTo(PAGE.left + BODY_WIDTH, 42)
        .lineWidth(0.5)
        .strokeColor(COLOR.line)
        .stroke();
    }
    const footerY = PAGE.height - 36;
    doc
      .moveTo(PAGE.left, footerY - 6)
      .lineTo(PAGE.left + BODY_WIDTH, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.line)
      .stroke();
    doc
      .font(FONT.mono)
      .fontSize(6.5)
      .fillColor(COLOR.muted)
      .text(`SHA-256 ${toWinAnsi(model.identity.hash)}`, PAGE.left, footerY, { lineBreak: false });
    const pageText = `Page ${index + 1} of ${range.count}`;
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.ink);
    doc.text(pageText, PAGE.left + BODY_WIDTH - doc.widthOfString(pageText), footerY - 1, { lineBreak: false });
    doc.page.margins = margins;
  }
}
