import type { Scene } from '../chart/scene.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { FONT } from './pdf-theme.ts';

/**
 * Paints a chart scene as PDF vector graphics at (x, y), scaled to `width`. Text is drawn without wrapping, so
 * a label can never push the layout onto a new page. Returns the height used.
 */
export function paintScene(doc: PDFKit.PDFDocument, scene: Scene, x: number, y: number, width: number): number {
  const scale = width / scene.width;
  doc.save();
  for (const item of scene.items) {
    switch (item.kind) {
      case 'rect':
        doc.rect(x + item.x * scale, y + item.y * scale, item.w * scale, item.h * scale).fill(item.fill);
        break;
      case 'line':
        doc
          .moveTo(x + item.x1 * scale, y + item.y1 * scale)
          .lineTo(x + item.x2 * scale, y + item.y2 * scale)
          .lineWidth(item.width * scale)
          .strokeColor(item.stroke)
          .stroke();
        break;
      case 'text': {
        const text = toWinAnsi(item.text);
        doc
          .font(item.bold ? FONT.bold : FONT.regular)
          .fontSize(item.size * scale)
          .fillColor(item.fill);
        const textWidth = doc.widthOfString(text);
        const shift = item.anchor === 'middle' ? textWidth / 2 : item.anchor === 'end' ? textWidth : 0;
        doc.text(text, x + item.x * scale - shift, y + item.y * scale, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
      default: {
        const unknown: never = item;
        return unknown;
      }
    }
  }
  doc.restore();
  return scene.height * scale;
}
