import { createHash } from 'node:crypto';
import { canonicalJson } from '@accord/core/canonical-json';
import type { VerifyResult } from '@accord/protocol/api';
import type { VersionRepository } from './version.repository.ts';
import type { WorkshopRepository } from '../workshops/workshop.repository.ts';
import type { SignOffService } from './sign-off.service.ts';
import type { VersionPdfRepository } from './version-pdf.repository.ts';
import { loadCertificates } from './renderers.ts';
import type { VersionService } from './version.service.ts';

export interface VerifyServiceDeps {
  readonly versions: VersionRepository;
  readonly versionService: VersionService;
  readonly pdfs: VersionPdfRepository;
  readonly signOff: SignOffService;
  readonly workshops: WorkshopRepository;
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Says what a downloaded file is: a version's JSON (its SHA-256, or that of its canonical form, is the version
 * hash) or a version's PDF (the signed file, or that file with a certificate appended: some revision of the
 * upload hashes to the stored PDF's SHA-256). Anything else — one byte changed is enough — is no version.
 */
export class VerifyService {
  constructor(private readonly deps: VerifyServiceDeps) {}

  /** `workshopId` limits the answer to one workshop (a file of another one is reported as not of this one). */
  async verify(file: Uint8Array, workshopId?: string): Promise<VerifyResult> {
    const isPdf = Buffer.from(file.subarray(0, 5)).toString('latin1') === '%PDF-';
    const kind = isPdf ? 'pdf' : 'json';
    const fileSha = sha256(file);
    const match = isPdf ? await this.matchPdf(file, workshopId) : await this.matchJson(file, workshopId);
    const certificateNote =
      match &&
      isPdf &&
      match.revisionLength < file.length &&
      sha256(await this.deps.signOff.certifiedPdf(match.workshopId, match.number)) !== fileSha
        ? "; the certificate appended to this copy is not the server's current one (an older download, or edited): the signatures listed here are the record"
        : '';
    if (!match) {
      return {
        verdict: 'not-a-version',
        kind,
        sha256: fileSha,
        message: workshopId
          ? `not a version of this workshop: no published ${kind === 'pdf' ? 'PDF' : 'JSON'} of it has these bytes (SHA-256 ${fileSha}); a changed or damaged file reads like this too`
          : `not a version published on this server: no ${kind === 'pdf' ? 'PDF' : 'JSON'} has these bytes (SHA-256 ${fileSha})`,
      };
    }
    const [summary, evidence, workshop] = await Promise.all([
      this.deps.versionService.summary(match.workshopId, match.number),
      this.deps.signOff.evidence(match.workshopId, match.number),
      this.deps.workshops.get(match.workshopId),
    ]);
    const signed = evidence.filter((e) => e.decision === 'signed');
    const who =
      signed.length === 0
        ? 'not signed by anyone yet'
        : `signed by ${signed.map((e) => `${e.name} at ${e.at}`).join(', ')}`;
    return {
      verdict: 'unchanged',
      kind,
      sha256: fileSha,
      message: `unchanged: version ${match.number} of "${workshop?.title ?? ''}", ${who}${summary.approved ? '; approved by every named approver' : ''}${summary.superseded ? '; a newer version supersedes it' : ''}${certificateNote}`,
      workshopId: match.workshopId,
      workshopTitle: workshop?.title ?? '',
      versionNumber: match.number,
      versionHash: summary.hash,
      superseded: summary.superseded,
      approved: summary.approved,
      signatures: evidence,
    };
  }

  private async matchPdf(file: Uint8Array, workshopId: string | undefined): Promise<Match | undefined> {
    // Newest revision first: the signed file itself, or the signed file followed by one certificate update.
    const { pdfRevisions } = await loadCertificates();
    for (const revision of pdfRevisions(file).slice(0, 8)) {
      const found = (await this.deps.pdfs.findBySha(sha256(revision))).find(
        (v) => workshopId === undefined || v.workshopId === workshopId,
      );
      if (found) return { ...found, revisionLength: revision.length };
    }
    return undefined;
  }

  private async matchJson(file: Uint8Array, workshopId: string | undefined): Promise<Match | undefined> {
    const hashes = [sha256(file)];
    try {
      hashes.push(sha256(canonicalJson(JSON.parse(Buffer.from(file).toString('utf8')) as unknown)));
    } catch {
      // Not JSON at all: only the raw bytes can match, and they will not.
    }
    for (const hash of new Set(hashes)) {
      const found = (await this.deps.versions.findByHash(hash)).find(
        (v) => workshopId === undefined || v.workshopId === workshopId,
      );
      if (found) return { ...found, revisionLength: file.length };
    }
    return undefined;
  }
}

type Match = { readonly workshopId: string; readonly number: number; readonly revisionLength: number };
