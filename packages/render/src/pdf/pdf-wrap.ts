import { PAGE } from './pdf-theme.ts';

/**
 * Word wrapping for table cells and boxes, measured once and drawn from the same lines: pdfkit's own wrapper
 * measures every word with kerning on each call, and a table needs each cell's height before it can draw it.
 * Word widths are cached per document (never across documents, so participant text does not pile up).
 */
const widthCaches = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

export interface WrappedText {
  readonly lines: readonly string[];
  /** Distance from one baseline to the next, points. */
  readonly lineHeight: number;
  readonly height: number;
}

export interface TextStyle {
  readonly font: string;
  readonly size: number;
  /** Extra space between lines, points. */
  readonly gap: number;
}

function widthOf(doc: PDFKit.PDFDocument, style: TextStyle, word: string): number {
  let cache = widthCaches.get(doc);
  if (!cache) {
    cache = new Map();
    widthCaches.set(doc, cache);
  }
  const key = `${style.font}\u0000${style.size}\u0000${word}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = doc.widthOfString(word);
    cache.set(key, width);
  }
  return width;
}

/** Greedy wrap at spaces; a word wider than the line is cut where it stops fitting. */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): WrappedText {
  doc.font(style.font).fontSize(style.size);
  const lineHeight = doc.currentLineHeight(true) + style.gap;
  const space = widthOf(doc, style, ' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ')) {
    const wordWidth = widthOf(doc, style, word);
    if (line !== '' && lineWidth + space + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    let restWidth = wordWidth;
    while (restWidth > width && rest.length > 1) {
      const cut = longestFittingPrefix(doc, rest, width);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
      restWidth = doc.widthOfString(rest);
    }
    line = rest;
    lineWidth = restWidth;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  const height = text === '' ? 0 : lines.length * lineHeight - style.gap;
  return { lines, lineHeight, height };
}

function longestFittingPrefix(doc: PDFKit.PDFDocument, word: string, width: number): number {
  let low = 1;
  let high = word.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(word.slice(0, mid)) <= width) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Draws wrapped lines from (x, y), left- or right-aligned within `width`; never wraps or breaks pages itself. */
export function drawWrapped(
  doc: PDFKit.PDFDocument,
  wrapped: WrappedText,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
  align: 'left' | 'right' = 'left',
): void {
  doc.font(style.font).fontSize(style.size);
  wrapped.lines.forEach((line, index) => {
    const shift = align === 'right' ? width - widthOf(doc, style, line) : 0;
    doc.text(line, x + shift, y + index * wrapped.lineHeight, { lineBreak: false });
  });
}

/**
 * Draws text wrapped to `width` at `x` from the current position, line by line, starting a new page whenever
 * the next line would cross the bottom margin; leaves the cursor below the last line.
 */
export function flowText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  width: number,
  style: TextStyle,
  color: string,
): void {
  const wrapped = wrapText(doc, text, width, style);
  const bottom = PAGE.height - PAGE.bottom;
  const paint = (): void => {
    doc.font(style.font).fontSize(style.size).fillColor(color);
  };
  paint();
  wrapped.lines.forEach((line, index) => {
    if (doc.y + wrapped.lineHeight - style.gap > bottom) {
      doc.addPage();
      paint();
    }
    doc.text(line, x, doc.y, { lineBreak: false });
    doc.y += index === wrapped.lines.length - 1 ? wrapped.lineHeight - style.gap : wrapped.lineHeight;
  });
  doc.x = PAGE.left;
}
