import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../text/pdf-text.ts';
import { BODY_WIDTH, PAGE } from './pdf-theme.ts';

/** One signature or rejection as the certificate lists it: every piece of evidence, in words. */
export interface CertificateSignature {
  readonly name: string;
  readonly title: string;
  readonly decision: 'signed' | 'rejected';
  /** ISO instant, UTC. */
  readonly at: string;
  /** How the signer was identified, in words ("single sign-on: https://login.example.com, subject 2481, karin@example.com"). */
  readonly identity: string;
  readonly email: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly statement: string;
  readonly comment: string;
  readonly hash: string;
  readonly pdfSha256: string;
}

export interface CertificateInput {
  /** "Enterprise messaging: service level agreement, Version 3". */
  readonly title: string;
  /** SHA-256 of the version's canonical JSON. */
  readonly hash: string;
  /** SHA-256 of the PDF bytes the certificate is appended to. */
  readonly pdfSha256: string;
  /** "Approved: every named approver signed." / "1 of 2 approvers signed." */
  readonly statusLine: string;
  /** Approvers who have not decided yet. */
  readonly pending: readonly string[];
  readonly signatures: readonly CertificateSignature[];
}

type Line = {
  readonly text: string;
  readonly font: 'F1' | 'F2' | 'F3';
  readonly size: number;
  readonly gapBefore: number;
};

const FONTS = { F1: 'Helvetica', F2: 'Helvetica-Bold', F3: 'Courier' } as const;
const LEADING = 1.35;

/**
 * Appends a certificate of signatures to a signed PDF as an incremental update: new objects, a new page list
 * and a new cross-reference section written after the file's end, so every byte of the signed file — its
 * content pages included — stays exactly as it was and is a prefix of the result. A reader shows the
 * certificate as the last page(s); the signed file is recovered by cutting at its `%%EOF`.
 *
 * The input must be a PDF Accord wrote (pdfkit: classic cross-reference table, uncompressed page tree).
 */
export function appendCertificate(signedPdf: Uint8Array, certificate: CertificateInput): Uint8Array {
  const base = Buffer.from(signedPdf).toString('latin1');
  const layout = structure(base);
  const pages = paginate(certificateLines(certificate));
  let next = layout.size;
  const fontIds = { F1: next++, F2: next++, F3: next++ };
  const resourcesId = next++;
  const pageIds = pages.map(() => ({ page: next++, content: next++ }));
  const objects = new Map<number, string>();
  for (const [key, id] of Object.entries(fontIds)) {
    objects.set(
      id,
      `<<\n/Type /Font\n/BaseFont /${FONTS[key as keyof typeof FONTS]}\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>`,
    );
  }
  objects.set(
    resourcesId,
    `<<\n/ProcSet [/PDF /Text]\n/Font <<\n/F1 ${fontIds.F1} 0 R\n/F2 ${fontIds.F2} 0 R\n/F3 ${fontIds.F3} 0 R\n>>\n>>`,
  );
  pages.forEach((lines, index) => {
    const ids = pageIds[index];
    if (!ids) return;
    const stream = pageStream(lines, index + 1, pages.length, certificate.hash);
    objects.set(ids.content, `<<\n/Length ${Buffer.byteLength(stream, 'latin1')}\n>>\nstream\n${stream}\nendstream`);
    objects.set(
      ids.page,
      `<<\n/Type /Page\n/Parent ${layout.pagesId} 0 R\n/MediaBox ${layout.mediaBox}\n/Contents ${ids.content} 0 R\n/Resources ${resourcesId} 0 R\n>>`,
    );
  });
  const kids = [...layout.kids, ...pageIds.map((ids) => `${ids.page} 0 R`)];
  objects.set(layout.pagesId, `<<\n/Type /Pages\n/Count ${kids.length}\n/Kids [${kids.join(' ')}]\n>>`);

  const separator = base.endsWith('\n') ? '' : '\n';
  let offset = signedPdf.length + separator.length;
  const chunks: string[] = [separator];
  const offsets = new Map<number, number>();
  for (const id of [...objects.keys()].sort((a, b) => a - b)) {
    const text = `${id} 0 obj\n${objects.get(id) ?? ''}\nendobj\n`;
    offsets.set(id, offset);
    chunks.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  const xrefAt = offset;
  chunks.push(xrefSection(offsets));
  chunks.push(
    `trailer\n<<\n/Size ${next}\n/Root ${layout.rootRef}\n${layout.infoRef ? `/Info ${layout.infoRef}\n` : ''}/Prev ${layout.startXref}\n${layout.id ? `/ID ${layout.id}\n` : ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
  const tail = Buffer.from(chunks.join(''), 'latin1');
  const out = new Uint8Array(signedPdf.length + tail.length);
  out.set(signedPdf, 0);
  out.set(tail, signedPdf.length);
  return out;
}

/** Every prefix of a file that ends a PDF revision (`%%EOF`), longest first: a certified PDF's signed file is one. */
export function pdfRevisions(file: Uint8Array): Uint8Array[] {
  const text = Buffer.from(file).toString('latin1');
  const ends: number[] = [];
  for (let at = text.indexOf('%%EOF'); at >= 0; at = text.indexOf('%%EOF', at + 5)) {
    let end = at + 5;
    if (text[end] === '\r') end += 1;
    if (text[end] === '\n') end += 1;
    ends.push(end);
  }
  return ends.reverse().map((end) => file.subarray(0, end));
}

interface Structure {
  readonly size: number;
  readonly rootRef: string;
  readonly infoRef: string | undefined;
  readonly id: string | undefined;
  readonly startXref: number;
  readonly pagesId: number;
  readonly kids: readonly string[];
  readonly mediaBox: string;
}

function structure(pdf: string): Structure {
  const trailerAt = pdf.lastIndexOf('trailer');
  const trailer = pdf.slice(trailerAt);
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  const rootRef = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1];
  const startXref = Number(/startxref\s+(\d+)/.exec(trailer)?.[1]);
  if (trailerAt < 0 || !Number.isInteger(size) || !rootRef || !Number.isInteger(startXref))
    throw new Error('not a PDF with a classic trailer');
  const rootId = rootRef.split(' ')[0];
  const root = objectBody(pdf, Number(rootId));
  const pagesId = Number(/\/Pages (\d+) 0 R/.exec(root)?.[1]);
  const pagesBody = objectBody(pdf, pagesId);
  const kids = [.../\d+ \d+ R/g[Symbol.matchAll](/\/Kids \[([^\]]*)\]/.exec(pagesBody)?.[1] ?? '')].map((m) => m[0]);
  const firstPage = kids[0] ? objectBody(pdf, Number(kids[0].split(' ')[0])) : '';
  const mediaBox = /\/MediaBox (\[[^\]]*\])/.exec(firstPage)?.[1] ?? `[0 0 ${PAGE.width} ${PAGE.height}]`;
  return {
    size,
    rootRef,
    startXref,
    pagesId,
    kids,
    mediaBox,
    infoRef: /\/Info (\d+ \d+ R)/.exec(trailer)?.[1],
    id: /\/ID (\[[^\]]*\])/.exec(trailer)?.[1],
  };
}

/** The body of the last definition of an object (an incremental update may have redefined it). */
function objectBody(pdf: string, id: number): string {
  const header = `\n${id} 0 obj`;
  const at = pdf.lastIndexOf(header);
  if (!Number.isInteger(id) || at < 0) throw new Error(`PDF object ${id} not found`);
  return pdf.slice(at + header.length, pdf.indexOf('endobj', at));
}

function xrefSection(offsets: ReadonlyMap<number, number>): string {
  const ids = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n0 1\n0000000000 65535 f \n';
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === (ids[j] ?? 0) + 1) j += 1;
    out += `${ids[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k += 1) out += `${String(offsets.get(ids[k] ?? 0)).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  return out;
}

function certificateLines(c: CertificateInput): Line[] {
  const lines: Line[] = [];
  const add = (text: string, font: Line['font'], size: number, gapBefore = 0): void => {
    wrap(toWinAnsi(text), FONTS[font], size).forEach((part, index) =>
      lines.push({ text: part, font, size, gapBefore: index === 0 ? gapBefore : 0 }),
    );
  };
  add('Certificate of signatures', 'F2', 16);
  add(c.title, 'F1', 10, 4);
  add(
    'This certificate was appended to the signed file after signing. The pages before it are unchanged: their file, cut at the end of its last page, has the PDF SHA-256 below, and each signature names that hash.',
    'F1',
    8.5,
    8,
  );
  add('Version SHA-256 (canonical JSON):', 'F1', 8, 8);
  add(c.hash, 'F3', 8);
  add('PDF SHA-256 (the signed file, without this certificate):', 'F1', 8, 3);
  add(c.pdfSha256, 'F3', 8);
  add(c.statusLine, 'F2', 10, 10);
  if (c.pending.length > 0) add(`Still to decide: ${c.pending.join(', ')}`, 'F1', 9, 2);
  c.signatures.forEach((s, index) => {
    add(
      `${index + 1}. ${s.name}${s.title ? `, ${s.title}` : ''}: ${s.decision === 'signed' ? 'signed' : 'rejected'}`,
      'F2',
      10,
      12,
    );
    add(`Time (UTC): ${s.at}`, 'F1', 8.5, 2);
    add(`Identity: ${s.identity}`, 'F1', 8.5);
    add(`E-mail: ${s.email}`, 'F1', 8.5);
    add(`IP address: ${s.ip || 'unknown'}`, 'F1', 8.5);
    add(`Browser: ${s.userAgent || 'unknown'}`, 'F1', 8.5);
    add(`Statement agreed to: ${s.statement}`, 'F1', 8.5);
    if (s.comment) add(`Comment: ${s.comment}`, 'F1', 8.5);
    add(`Version SHA-256: ${s.hash}`, 'F3', 7);
    add(`PDF SHA-256: ${s.pdfSha256}`, 'F3', 7);
  });
  return lines;
}

let measurer: PDFKit.PDFDocument | undefined;

/** Breaks text at spaces (or anywhere, for long hashes) to fit the body width in the given standard font. */
function wrap(text: string, font: string, size: number): string[] {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  const doc = measurer.font(font).fontSize(size);
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (doc.widthOfString(candidate) <= BODY_WIDTH) {
      line = candidate;
      continue;
    }
    if (line !== '') out.push(line);
    line = word;
    while (doc.widthOfString(line) > BODY_WIDTH) {
      let cut = line.length - 1;
      while (cut > 1 && doc.widthOfString(line.slice(0, cut)) > BODY_WIDTH) cut -= 1;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

function paginate(lines: readonly Line[]): Line[][] {
  const pages: Line[][] = [[]];
  let y = 0;
  const room = PAGE.height - PAGE.top - PAGE.bottom;
  for (const line of lines) {
    const height = line.gapBefore + line.size * LEADING;
    if (y + height > room && (pages.at(-1)?.length ?? 0) > 0) {
      pages.push([]);
      y = 0;
    }
    pages.at(-1)?.push(line);
    y += height;
  }
  return pages;
}

function pageStream(lines: readonly Line[], page: number, pages: number, hash: string): string {
  const parts: string[] = ['0.12 0.16 0.2 rg'];
  let y = PAGE.height - PAGE.top;
  for (const line of lines) {
    y -= line.gapBefore + line.size * LEADING;
    parts.push(`BT /${line.font} ${line.size} Tf ${PAGE.left} ${y.toFixed(2)} Td <${hex(line.text)}> Tj ET`);
  }
  parts.push(`BT /F3 6.5 Tf ${PAGE.left} 30 Td <${hex(`SHA-256 ${hash}`)}> Tj ET`);
  parts.push(
    `BT /F1 7.5 Tf ${PAGE.left + BODY_WIDTH - 110} 30 Td <${hex(`Certificate page ${page} of ${pages}`)}> Tj ET`,
  );
  return parts.join('\n');
}

/** WinAnsi bytes of already folded text, as a PDF hex string body. */
function hex(text: string): string {
  const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 63;
    const extra = CP1252.indexOf(char);
    const byte = extra >= 0 && code > 0xff ? 0x80 + extra : code <= 0xff ? code : 63;
    out += byte.toString(16).padStart(2, '0');
  }
  return out;
}
