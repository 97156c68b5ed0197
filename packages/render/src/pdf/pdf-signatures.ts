import type { SignOffView } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE } from './pdf-theme.ts';

const BOX_H = 78;
const COLUMNS = 2;
const GUTTER = 12;

const STATUS_COLOR = { signed: COLOR.ok, rejected: COLOR.error, pending: COLOR.muted } as const;

/**
 * The signature block: overall status, the version hash every signature refers to, and one box per sponsor
 * with role, status (signed, rejected with comment, pending) and a line to sign on.
 */
export function drawSignatures(doc: PDFKit.PDFDocument, signOff: SignOffView): void {
  const rows = Math.max(1, Math.ceil(signOff.sponsors.length / COLUMNS));
  const needed = 40 + rows * (BOX_H + GUTTER);
  if (doc.y + Math.min(needed, 40 + BOX_H + GUTTER) > PAGE.height - PAGE.bottom) doc.addPage();
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(signOff.approved ? COLOR.ok : COLOR.ink)
    .text(toWinAnsi(signOff.statusLine), PAGE.left, doc.y, { width: BODY_WIDTH });
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text('Version hash (SHA-256):', PAGE.left, doc.y + 3, { width: BODY_WIDTH });
  doc.font(FONT.mono).fontSize(SIZE.small).fillColor(COLOR.ink).text(toWinAnsi(signOff.hash), PAGE.left, doc.y + 1, { width: BODY_WIDTH });
  doc.y += 8;
  if (signOff.sponsors.length === 0) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.muted).text('No sponsors are named.', PAGE.left, doc.y, { width: BODY_WIDTH });
    doc.y += 6;
    return;
  }
  const boxW = (BODY_WIDTH - GUTTER * (COLUMNS - 1)) / COLUMNS;
  signOff.sponsors.forEach((sponsor, index) => {
    const column = index % COLUMNS;
    if (column === 0 && doc.y + BOX_H > PAGE.height - PAGE.bottom) doc.addPage();
    const top = doc.y;
    const left = PAGE.left + column * (boxW + GUTTER);
    const inner = boxW - 16;
    doc.roundedRect(left, top, boxW, BOX_H, 4).lineWidth(0.8).strokeColor(COLOR.line).stroke();
    doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.ink).text(toWinAnsi(sponsor.name), left + 8, top + 7, { width: inner, height: 11, ellipsis: true });
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted).text(toWinAnsi(sponsor.role || 'Sponsor'), left + 8, top + 19, { width: inner, height: 10, ellipsis: true });
    doc.font(FONT.bold).fontSize(SIZE.table).fillColor(STATUS_COLOR[sponsor.status]).text(toWinAnsi(sponsor.statusText), left + 8, top + 31, { width: inner, height: 10, ellipsis: true });
    if (sponsor.comment) {
      doc.font(FONT.italic).fontSize(SIZE.small).fillColor(COLOR.muted).text('Comment below.', left + 8, top + 43, { width: inner, lineBreak: false });
    }
    doc.moveTo(left + 8, top + BOX_H - 13).lineTo(left + boxW - 8, top + BOX_H - 13).lineWidth(0.6).strokeColor(COLOR.ink).stroke();
    doc.font(FONT.regular).fontSize(6.5).fillColor(COLOR.muted).text(toWinAnsi(`Signature for ${signOff.versionLabel}`), left + 8, top + BOX_H - 10, { width: inner, lineBreak: false });
    doc.y = column === COLUMNS - 1 || index === signOff.sponsors.length - 1 ? top + BOX_H + GUTTER : top;
  });
  for (const sponsor of signOff.sponsors.filter((s) => s.comment !== '')) {
    const text = toWinAnsi(`${sponsor.name} (${sponsor.statusText}): ${sponsor.comment}`);
    doc.font(FONT.italic).fontSize(SIZE.table).fillColor(COLOR.ink);
    if (doc.y + 2 * SIZE.table > PAGE.height - PAGE.bottom) doc.addPage();
    doc.text(text, PAGE.left, doc.y, { width: BODY_WIDTH, lineGap: 1 });
    doc.y += 4;
  }
  doc.x = PAGE.left;
}
