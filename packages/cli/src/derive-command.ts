import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { deriveSla } from '@accord/core/derive';
import type { Requirements } from '@accord/core/model';
import { DOCUMENT_FORMATS, renderDocument, type DocumentFormat } from '@accord/render/render';
import { buildVersionRecord, canonicalVersionJson } from '@accord/render/version';
import { EXIT, type CliIo } from './io.ts';

/** `derivation` is the derivation alone (the default, as before documents existed); the rest are documents. */
export const DERIVE_FORMATS: readonly string[] = ['derivation', ...DOCUMENT_FORMATS];

/**
 * `accord derive <file> [--format …] [--out <path>]`: the derivation as JSON, or the SLA and justification as a
 * draft document. Text goes to stdout unless `--out` is given; the PDF is binary and needs `--out`.
 */
export async function deriveCommand(
  requirements: Requirements,
  options: Readonly<Record<string, string>>,
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'derivation';
  const out = options.out;
  let body: string | Uint8Array;
  let note = '';
  if (format === 'derivation') {
    body = `${JSON.stringify(deriveSla(requirements), null, 2)}\n`;
  } else {
    if (format === 'pdf' && out === undefined) return binaryNeedsOut(io);
    // The CLI renders drafts: only the server publishes versions that sponsors can sign.
    const record = buildVersionRecord(requirements, null);
    const hash = createHash('sha256').update(canonicalVersionJson(record)).digest('hex');
    body = (await renderDocument(format as DocumentFormat, { record, hash })).body;
    note = ` (draft, sha256 ${hash})`;
  }
  if (out === undefined) {
    if (typeof body !== 'string') return binaryNeedsOut(io);
    io.stdout(body);
    return EXIT.ok;
  }
  try {
    await writeFile(out, body);
  } catch (error) {
    io.stderr(`accord: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return EXIT.usage;
  }
  io.stderr(`wrote ${out}${note}\n`);
  return EXIT.ok;
}

function binaryNeedsOut(io: CliIo): number {
  io.stderr('accord: a PDF is binary and is not written to the terminal; give --out <path>, e.g. --out sla.pdf\n');
  return EXIT.usage;
}
