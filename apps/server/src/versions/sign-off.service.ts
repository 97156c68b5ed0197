import { createHash } from 'node:crypto';
import type { Database } from '@accord/db/schema';
import type { SignatureEvidence, SigningStatement, VersionSummary } from '@accord/protocol/api';
import type { CertificateSignature } from '@accord/render/certificate';
import type { Kysely } from 'kysely';
import { AccordError } from '@accord/protocol/errors';
import type { AuditRepository } from '../workshops/audit.repository.ts';
import type { Participant } from '../workshops/participant.repository.ts';
import type { SponsorSeatRepository } from '../workshops/sponsor-seat.repository.ts';
import type { Approver, Signature, VersionRepository } from './version.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import { loadCertificates, loadRenderers } from './renderers.ts';
import { identityText, signingStatement } from './signing-statement.ts';
import type { VersionPdfRepository } from './version-pdf.repository.ts';
import type { VersionService } from './version.service.ts';

export interface SignOffServiceDeps {
  readonly db: Kysely<Database>;
  readonly versions: VersionRepository;
  readonly versionService: VersionService;
  readonly pdfs: VersionPdfRepository;
  readonly seats: SponsorSeatRepository;
  readonly audit: AuditRepository;
  readonly events: WorkshopEvents;
  /** How signers are identified: a fresh single sign-on login, or holding the seat's personal invite. */
  readonly identification: SigningStatement['identification'];
}

/** Where a signature comes from: the request's address and browser, and how the signer was identified. */
export interface SigningContext {
  readonly ip: string;
  readonly userAgent: string;
  readonly identity: SignatureEvidence['identity'];
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Signing with evidence. A version's approvers are fixed when it is published; a signature binds to the
 * version's hash and to the SHA-256 of the PDF signed, and keeps time, identity, address, browser and the
 * exact statement. The PDF offered for download is that signed file with a certificate of every signature
 * appended as an incremental update, so the signed bytes stay a prefix of it.
 */
export class SignOffService {
  constructor(private readonly deps: SignOffServiceDeps) {}

  /** The PDF sponsors sign: rendered once, stored, and served byte for byte ever after. */
  async signedPdf(workshopId: string, number: number): Promise<{ pdf: Uint8Array; sha256: string }> {
    const stored = await this.deps.pdfs.get(workshopId, number);
    if (stored) return { pdf: stored.pdf, sha256: stored.sha256 };
    const [{ record, hash }, version] = await Promise.all([
      this.deps.versionService.record(workshopId, number),
      this.deps.versions.get(workshopId, number),
    ]);
    const approvers =
      version?.approvers ??
      (await this.deps.versionService.summary(workshopId, number)).sponsors.map((s) => ({
        name: s.name,
        title: s.title ?? '',
      }));
    const { renderDocument } = await loadRenderers();
    const rendered = await renderDocument('pdf', {
      record,
      hash,
      signOff: {
        certified: true,
        approved: false,
        sponsors: approvers.map((a) => ({ name: a.name, role: a.title, status: 'pending' as const })),
      },
    });
    const pdf = typeof rendered.body === 'string' ? new TextEncoder().encode(rendered.body) : rendered.body;
    await this.deps.pdfs.insertOnce(workshopId, number, sha256Bytes(pdf), pdf);
    const kept = await this.deps.pdfs.get(workshopId, number);
    if (!kept) throw new Error(`the PDF of version ${number} was not stored`);
    return { pdf: kept.pdf, sha256: kept.sha256 };
  }

  /** The signed PDF, with a certificate page of every decision so far when there is one. */
  async certifiedPdf(workshopId: string, number: number): Promise<Uint8Array> {
    const [signed, summary, evidence, { record }] = await Promise.all([
      this.signedPdf(workshopId, number),
      this.deps.versionService.summary(workshopId, number),
      this.evidence(workshopId, number),
      this.deps.versionService.record(workshopId, number),
    ]);
    if (evidence.length === 0) return signed.pdf;
    const signatures: CertificateSignature[] = evidence.map((e) => ({
      name: e.name,
      title: e.title,
      decision: e.decision,
      at: e.at,
      identity: identityText(e.identity),
      email: e.email,
      ip: e.ip,
      userAgent: e.userAgent,
      statement: e.statement,
      comment: e.comment,
      hash: e.hash,
      pdfSha256: e.pdfSha256,
    }));
    const signedCount = summary.sponsors.filter((s) => s.status === 'signed').length;
    const { appendCertificate } = await loadCertificates();
    return appendCertificate(signed.pdf, {
      title: `${record.requirements.meta.title}: service level agreement, version ${number}`,
      hash: summary.hash,
      pdfSha256: signed.sha256,
      statusLine: summary.approved
        ? `Approved: every named approver (${summary.sponsors.length}) signed this version.`
        : `${signedCount} of ${summary.sponsors.length} named approvers signed${summary.superseded ? '; a newer version supersedes this one' : ''}.`,
      pending: summary.sponsors.filter((s) => s.status === 'pending').map((s) => s.name),
      signatures,
    });
  }

  /** Every decision recorded on a version, with its evidence, oldest first. */
  async evidence(workshopId: string, number: number): Promise<SignatureEvidence[]> {
    const [signatures, version] = await Promise.all([
      this.deps.versions.signatures(workshopId),
      this.deps.versions.get(workshopId, number),
    ]);
    const approvers = new Map((version?.approvers ?? []).map((a) => [a.seatId, a]));
    return signatures
      .filter((s) => s.versionNumber === number && s.hash === version?.hash)
      .map((s) => toEvidence(s, s.seatId ? approvers.get(s.seatId) : undefined));
  }

  /** What an approver will agree to when signing or rejecting this version. */
  async statement(actor: Participant, number: number): Promise<SigningStatement> {
    const { approver, version, title } = await this.approverOf(actor, number);
    const signed = await this.signedPdf(actor.workshopId, number);
    const facts = { title, number, hash: version.hash, pdfSha256: signed.sha256 };
    return {
      statement: signingStatement('signed', approver, facts),
      rejectStatement: signingStatement('rejected', approver, facts),
      hash: version.hash,
      pdfSha256: signed.sha256,
      identification: this.deps.identification,
    };
  }

  /**
   * An approver's signature or rejection of one version, bound to the hash they read. Every refusal comes
   * before anything is written: nothing is recorded for an unknown, superseded or mismatched version, or for
   * someone who is not among the version's approvers.
   */
  async sign(
    actor: Participant,
    number: number,
    input: { hash: string; decision: 'signed' | 'rejected'; comment: string; statement?: string | undefined },
    context: SigningContext,
  ): Promise<VersionSummary> {
    const { approver, version, title } = await this.approverOf(actor, number, input.hash);
    const signed = await this.signedPdf(actor.workshopId, number);
    const statement = signingStatement(input.decision, approver, {
      title,
      number,
      hash: version.hash,
      pdfSha256: signed.sha256,
    });
    if (input.statement !== undefined && input.statement !== statement) {
      throw new AccordError(
        'statement_mismatch',
        'the statement you agreed to is not the one for this version and decision: reload and read it again',
        'statement',
      );
    }
    const at = new Date();
    const signature = {
      versionNumber: number,
      hash: version.hash,
      participantId: actor.id,
      decision: input.decision,
      comment: input.comment,
      seatId: approver.seatId,
      at,
      evidence: {
        name: approver.name,
        statement,
        pdfSha256: signed.sha256,
        ip: context.ip,
        userAgent: context.userAgent.slice(0, 500),
        identity: { ...context.identity },
      },
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.versions.sign(actor.workshopId, signature, trx);
      await this.deps.audit.record(
        actor.workshopId,
        input.decision === 'signed' ? 'version.signed' : 'version.rejected',
        actor,
        {
          number,
          hash: version.hash,
          pdfSha256: signed.sha256,
          seatId: approver.seatId,
          comment: input.comment,
          statement,
          ip: context.ip,
          identity: context.identity,
        },
        trx,
      );
    });
    const summary = await this.deps.versionService.summary(actor.workshopId, number);
    this.deps.events.emit('signatureRecorded', actor.workshopId, {
      versionNumber: number,
      hash: version.hash,
      sponsor: approver.name,
      decision: input.decision,
      approved: summary.approved,
    });
    return summary;
  }

  private async approverOf(
    actor: Participant,
    number: number,
    hash?: string,
  ): Promise<{ approver: Approver; version: { hash: string; approvers: readonly Approver[] }; title: string }> {
    const version = await this.deps.versions.get(actor.workshopId, number);
    if (!version) throw new AccordError('not_found', `version ${number} does not exist`);
    const latest = await this.deps.versions.latestNumber(actor.workshopId);
    if (number < latest)
      throw new AccordError(
        'superseded',
        `version ${number} was superseded by version ${latest}: review and sign the latest one`,
      );
    if (hash !== undefined && hash !== version.hash) {
      throw new AccordError(
        'hash_mismatch',
        `the hash you signed is not the hash of version ${number}: reload the version and read it again`,
        'hash',
      );
    }
    if (version.approvers === null) {
      throw new AccordError(
        'no_approvers',
        `version ${number} was published before sponsors were named seats: the facilitator must publish a new version`,
      );
    }
    const approver = actor.seatId ? version.approvers.find((a) => a.seatId === actor.seatId) : undefined;
    if (!approver) {
      throw new AccordError(
        'not_an_approver',
        actor.seatId
          ? `you were not among the named approvers when version ${number} was published: ask the facilitator to publish a new version`
          : "only the named sponsors sign: your link is not a sponsor seat's personal invite",
      );
    }
    const seat = await this.deps.seats.get(actor.workshopId, approver.seatId);
    if (!seat || seat.removed)
      throw new AccordError('not_an_approver', 'your sponsor seat was removed by the facilitator');
    const { record } = await this.deps.versionService.record(actor.workshopId, number);
    return {
      approver,
      version: { hash: version.hash, approvers: version.approvers },
      title: record.requirements.meta.title,
    };
  }
}

function toEvidence(s: Signature, approver: Approver | undefined): SignatureEvidence {
  const identity = s.evidence.identity;
  const method = identity.method === 'single-sign-on' ? 'single-sign-on' : 'invite-link';
  const text = (key: string): { [k: string]: string } =>
    typeof identity[key] === 'string' ? { [key]: identity[key] } : {};
  return {
    versionNumber: s.versionNumber,
    decision: s.decision,
    name: s.evidence.name || approver?.name || '',
    title: approver?.title ?? '',
    email: approver?.email ?? '',
    at: s.at,
    statement: s.evidence.statement,
    comment: s.comment,
    hash: s.hash,
    pdfSha256: s.evidence.pdfSha256,
    ip: s.evidence.ip,
    userAgent: s.evidence.userAgent,
    identity: { method, ...text('issuer'), ...text('subject'), ...text('email'), ...text('authTime') },
  };
}
