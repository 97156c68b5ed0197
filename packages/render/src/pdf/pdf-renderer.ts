import PDFDocument from 'pdfkit';
import type { DocumentModel, Section } from '../document/document-model.ts';
import { toWinAnsi } from '../text/pdf-text.ts';
import { drawBlock, ensureSpace, keepWithNext } from './pdf-blocks.ts';
import { drawCover, drawContents, type ContentsEntry } from './pdf-cover.ts';
import { drawFurniture } from './pdf-furniture.ts';
import { BODY_WIDTH, COLOR, FONT, PAGE, SIZE } from './pdf-theme.ts';
import { flowText } from './pdf-wrap.ts';

/** A draft has no publication instant; its PDF carries the epoch so the same draft always gives the same bytes. */
const DRAFT_DATE = new Date(0);

/**
 * The document as a PDF drawn with pdfkit: vector text and charts, a contents list with page numbers, page
 * numbers and the version hash on every page, the signature block. Deterministic: creation and modification
 * dates come from `publishedAt`, never the clock, and pdfkit derives the file id from them.
 */
export function renderPdf(model: DocumentModel, publishedAt: string | undefined): Promise<Uint8Array> {
  const date =
    publishedAt === undefined || Number.isNaN(Date.parse(publishedAt)) ? DRAFT_DATE : new Date(Date.parse(publishedAt));
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      // The info dictionary holds metadata only; folded and stripped of markup characters, it reads the same everywhere.
      Title: plain(`${model.service}: service level agreement, ${model.identity.versionLabel}`),
      Subject: plain(model.title),
      Creator: 'Accord',
      Producer: 'Accord (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(concat(chunks)));
    doc.on('error', reject);
  });
  const contentsTop = drawCover(doc, model);
  const entries: ContentsEntry[] = [];
  model.parts.forEach((part, index) => {
    if (index > 0) doc.addPage();
    else doc.y = contentsTop.bodyStart;
    ensureSpace(doc, 80);
    const outline = doc.outline.addItem(toWinAnsi(part.title));
    flowText(
      doc,
      toWinAnsi(part.title),
      PAGE.left,
      BODY_WIDTH,
      { font: FONT.bold, size: SIZE.part, gap: 0 },
      COLOR.accent,
    );
    doc
      .moveTo(PAGE.left, doc.y + 2)
      .lineTo(PAGE.left + BODY_WIDTH, doc.y + 2)
      .lineWidth(1.2)
      .strokeColor(COLOR.accent)
      .stroke();
    doc.y += 10;
    for (const section of part.sections) {
      entries.push({
        part: part.id,
        label: `${section.number}  ${section.title}`,
        page: drawSection(doc, section, 0, outline),
      });
    }
  });
  drawContents(doc, model, contentsTop.contentsY, entries);
  drawFurniture(doc, model);
  doc.end();
  return done;
}

/** Draws a section and its subsections; returns the 1-based page its heading is on. */
function drawSection(doc: PDFKit.PDFDocument, section: Section, depth: number, outline: PDFKit.PDFOutline): number {
  // The heading keeps the start of what follows it: its first block, or the first subsection's heading.
  const [next, afterNext] = section.blocks.length > 0 ? section.blocks : (section.subsections[0]?.blocks ?? []);
  keepWithNext(
    doc,
    depth === 0 ? 36 : 28 + (section.blocks.length === 0 ? 28 : 0),
    next,
    depth === 0 ? 110 : 70,
    afterNext,
  );
  doc.y += depth === 0 ? 8 : 4;
  const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  const child = outline.addItem(toWinAnsi(`${section.number} ${section.title}`));
  flowText(
    doc,
    toWinAnsi(`${section.number}   ${section.title}`),
    PAGE.left,
    BODY_WIDTH,
    { font: FONT.bold, size: depth === 0 ? SIZE.section : SIZE.subsection, gap: 1 },
    COLOR.ink,
  );
  doc.y += 4;
  section.blocks.forEach((block, index) => drawBlock(doc, block, section.blocks[index + 1], section.blocks[index + 2]));
  for (const sub of section.subsections) drawSection(doc, sub, depth + 1, child);
  return page;
}

/**
 * Metadata text folded to WinAnsi, markup characters dropped. Parentheses stay: pdfkit escapes them in the
 * info dictionary, and a service named "Enterprise messaging (Exchange Server 2007)" must keep its name in a
 * viewer's title bar.
 */
function plain(text: string): string {
  return toWinAnsi(text)
    .replace(/[<>&"'\\]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
