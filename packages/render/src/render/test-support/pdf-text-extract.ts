import { inflateSync } from 'node:zlib';

/** The raw objects of a PDF as latin1 text, with every Flate stream inflated in place: for grepping operators. */
export function inflatePdf(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  let cursor = 0;
  const keyword = />>\s*stream\r?\n/g;
  for (let match = keyword.exec(raw); match; match = keyword.exec(raw)) {
    // The stream's dictionary runs from its object header to the keyword.
    const dict = raw.slice(raw.lastIndexOf(' obj', match.index), match.index);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
    const dataStart = match.index + match[0].length;
    if (Number.isNaN(length)) continue;
    const data = Buffer.from(raw.slice(dataStart, dataStart + length), 'latin1');
    out.push(raw.slice(cursor, dataStart));
    out.push(/\/Filter \/FlateDecode/.test(dict) ? inflateSync(data).toString('latin1') : data.toString('latin1'));
    cursor = dataStart + length;
    keyword.lastIndex = cursor;
  }
  out.push(raw.slice(cursor));
  return out.join('');
}

/** Windows-1252 at 0x80–0x9F (Node's decoders may read these bytes as Latin-1 controls); "?" where undefined. */
const CP1252_HIGH = '€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ';

function decodeWinAnsi(bytes: Buffer): string {
  return [...bytes]
    .map((b) => (b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? '?') : String.fromCharCode(b)))
    .join('');
}

/**
 * The text a PDF shows, in drawing order: each text object (BT … ET) becomes one line, its hex strings decoded
 * from WinAnsi. In-process, so tests need no poppler; enough for the standard fonts pdfkit writes.
 */
export function extractPdfText(pdf: Uint8Array): string {
  const inflated = inflatePdf(pdf);
  const lines: string[] = [];
  for (const block of inflated.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    const hex = [...(block[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '').join('');
    lines.push(decodeWinAnsi(Buffer.from(hex, 'hex')));
  }
  return lines.join('\n');
}
