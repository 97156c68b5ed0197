import type { SignOffView } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { fitWidth } from './pdf-fit.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE } from './pdf-theme.ts';
import { flowText } from './pdf-wrap.ts';

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
  flowText(
    doc,
    toWinAnsi(signOff.statusLine),
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.bold, size: SIZE.body, gap: 1 },
    signOff.approved ? COLOR.ok : COLOR.ink,
  );
  doc.y += 3;
  flowText(
    doc,
    'Version hash (SHA-256):',
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.regular, size: SIZE.small, gap: 0 },
    COLOR.muted,
  );
  doc.y += 1;
  flowText(
    doc,
    toWinAnsi(signOff.hash),
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.mono, size: SIZE.small, gap: 0 },
    COLOR.ink,
  );
  doc.y += 8;
  if (signOff.sponsors.length === 0) {
    flowText(
      doc,
      'No sponsors are named.',
      PAGE.left,
      BODY_WIDTH,
      { font: FONT.regular, size: SIZE.body, gap: 0 },
      COLOR.muted,
    );
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
    const line = (text: string, font: string, size: number, color: string, y: number): void => {
      doc.font(font).fontSize(size).fillColor(color);
      doc.text(fitWidth(doc, toWinAnsi(text), inner), left + 8, y, { lineBreak: false });
    };
    line(sponsor.name, FONT.bold, SIZE.body, COLOR.ink, top + 7);
    line(sponsor.role || 'Sponsor', FONT.regular, SIZE.small, COLOR.muted, top + 19);
    line(sponsor.statusText, FONT.bold, SIZE.table, STATUS_COLOR[sponsor.status], top + 31);
    if (sponsor.comment) {
      doc
        .font(FONT.italic)
        .fontSize(SIZE.small)
        .fillColor(COLOR.muted)
        .text('Comment below.', left + 8, top + 43, { width: inner, lineBreak: false });
    }
    doc
      .moveTo(left + 8, top + BOX_H - 13)
      .lineTo(left + boxW - 8, top + BOX_H - 13)
      .lineWidth(0.6)
      .strokeColor(COLOR.ink)
      .stroke();
    doc
      .font(FONT.regular)
      .fontSize(6.5)
      .fillColor(COLOR.muted)
      .text(toWinAnsi(`Signature for ${signOff.versionLabel}`), left + 8, top + BOX_H - 10, {
        width: inner,
        lineBreak: false,
      });
    doc.y = column === COLUMNS - 1 || index === signOff.sponsors.length - 1 ? top + BOX_H + GUTTER : top;
  });
  for (const sponsor of signOff.sponsors.filter((s) => s.comment !== '')) {
    flowText(
      doc,
      toWinAnsi(`${sponsor.name} (${sponsor.statusText}): ${sponsor.comment}`),
      PAGE.left,
      BODY_WIDTH,
      { font: FONT.italic, size: SIZE.table, gap: 1 },
      COLOR.ink,
    );
    doc.y += 4;
  }
  doc.x = PAGE.left;
}
