import { createHash } from 'node:crypto';
import { canonicalJson } from '@accord/core/canonical-json';
import type { Requirements } from '@accord/core/model';
import { readSnapshot } from '@accord/core/ydoc';
import type { DocumentFormat, FieldChange, VersionSummary } from '@accord/protocol/api';
import type { RenderedDocument } from '@accord/render/render';
import { buildVersionRecord, canonicalVersionJson, type VersionRecord } from '@accord/render/version';
import { withRecordedVotes } from '../control/ballot-view.ts';
import type { VoteRepository } from '../control/vote.repository.ts';
import { AccordError } from '@accord/protocol/errors';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from '../workshops/audit.repository.ts';
import type { Participant, ParticipantRepository } from '../workshops/participant.repository.ts';
import type { SponsorSeatRepository } from '../workshops/sponsor-seat.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import type { StoredVersion, VersionRepository } from './version.repository.ts';
import { summarise } from './version-summary.ts';
import { fieldDiff } from './field-diff.ts';
import { loadRenderers } from './renderers.ts';
import { RoomResetting } from '../sync/workshop-room.ts';

export interface VersionServiceDeps {
  readonly versions: VersionRepository;
  /** The votes the server recorded: a version cites those, never what a document says about votes. */
  readonly votes: VoteRepository;
  readonly participants: ParticipantRepository;
  readonly seats: SponsorSeatRepository;
  readonly audit: AuditRepository;
  readonly registry: RoomRegistry;
  readonly events: WorkshopEvents;
  readonly logger: Logger;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Publishing freezes the derived SLA as version N, identified by the SHA-256 of its canonical JSON; sponsors
 * sign or reject exactly that hash. Versions and signatures are never changed afterwards.
 */
export class VersionService {
  constructor(private readonly deps: VersionServiceDeps) {}

  /** Publishes what is stored now. A document that does not validate is refused with its problems (422). */
  async publish(actor: Participant): Promise<VersionSummary> {
    // Read what other nodes stored a moment ago too: a version must hold every acknowledged edit.
    const snapshot = await this.deps.registry.withRoom(actor.workshopId, async (room) => {
      await room.catchUp();
      // Peers get edits before they are stored: what the document holds now becomes the version once it is in
      // the database. Edits arriving meanwhile are not waited for (a busy room would never be quiet).
      const held = readSnapshot(room.doc);
      await room.storedSoFar();
      if (room.isResetting) throw new RoomResetting();
      return held;
    });
    if (!snapshot.ok) {
      throw new AccordError(
        'not_publishable',
        `the requirements cannot be published yet: ${snapshot.problems.length} problem(s), first: ${snapshot.problems[0]?.path ?? ''}: ${snapshot.problems[0]?.message ?? ''}`,
        undefined,
        snapshot.problems.slice(0, 100),
      );
    }
    const requirements = await withRecordedVotes(
      this.deps.votes,
      actor.workshopId,
      await this.withAttendance(actor.workshopId, snapshot.value),
    );
    // The approvers are fixed now: a seat named later, or a link passed around, cannot join this version's list.
    const approvers = (await this.deps.seats.list(actor.workshopId))
      .filter((seat) => !seat.removed)
      .map((seat) => ({ seatId: seat.id, name: seat.name, email: seat.email, title: seat.title }));
    let stored: StoredVersion | undefined;
    for (let attempt = 0; stored === undefined; attempt += 1) {
      const latest = await this.deps.versions.latestNumber(actor.workshopId);
      if (latest > 0 && (await this.sameAs(actor.workshopId, latest, requirements))) {
        throw new AccordError(
          'unchanged',
          `nothing has changed since version ${latest}: a new version would only void its signatures`,
        );
      }
      const number = latest + 1;
      const record = buildVersionRecord(requirements, {
        workshopId: actor.workshopId,
        number,
        publishedAt: new Date().toISOString(),
        publishedBy: actor.name,
      });
      const content = canonicalVersionJson(record);
      const candidate: StoredVersion = {
        number,
        hash: sha256Hex(content),
        content,
        publishedBy: actor.name,
        publishedAt: record.version?.publishedAt ?? '',
        findings: { ...record.derivation.counts },
        namedSponsors: record.requirements.meta.sponsors.map((sponsor) => sponsor.name),
        approvers,
      };
      try {
        await this.deps.versions.insert(actor.workshopId, candidate);
        stored = candidate;
      } catch (error) {
        // Two facilitators published at once and the other took this number: take the next one.
        if (attempt >= 2) throw error;
      }
    }
    await this.deps.audit.record(actor.workshopId, 'version.published', actor, {
      number: stored.number,
      hash: stored.hash,
      approvers: stored.approvers?.map((a) => a.name) ?? [],
    });
    this.deps.events.emit('versionPublished', actor.workshopId, {
      number: stored.number,
      hash: stored.hash,
      publishedBy: actor.name,
    });
    const summary = (await this.list(actor.workshopId)).find((v) => v.number === stored.number);
    if (!summary) throw new Error('a published version is missing from the list');
    return summary;
  }

  /**
   * The attendance a version records is who took part: every participant not revoked, in their role (with the
   * organisation the requirements give for that name, if any) — not whatever list the file carried.
   */
  private async withAttendance(workshopId: string, requirements: Requirements): Promise<Requirements> {
    const people = (await this.deps.participants.list(workshopId)).filter((p) => p.revokedAt === null);
    const organisation = new Map(requirements.attendance.map((a) => [a.name.toLowerCase(), a.organisation]));
    return {
      ...requirements,
      attendance: people.map((p) => ({
        name: p.name,
        role: p.role,
        organisation: organisation.get(p.name.toLowerCase()) ?? '',
      })),
    };
  }

  /** Whether the requirements are those of a stored version, attendance aside (someone joining is no new SLA). */
  private async sameAs(workshopId: string, number: number, requirements: Requirements): Promise<boolean> {
    const { record } = await this.record(workshopId, number);
    const comparable = (r: Requirements): string => canonicalJson({ ...r, attendance: [] });
    return comparable(record.requirements) === comparable(JSON.parse(canonicalJson(requirements)) as Requirements);
  }

  async list(workshopId: string): Promise<VersionSummary[]> {
    const [versions, signatures, participants, seats] = await Promise.all([
      this.deps.versions.list(workshopId),
      this.deps.versions.signatures(workshopId),
      this.deps.participants.list(workshopId),
      this.deps.seats.list(workshopId),
    ]);
    const sponsors = participants
      .filter((p) => p.role === 'sponsor' && p.revokedAt === null)
      .map((p) => ({ id: p.id, name: p.name }));
    const holders = new Map(
      seats.flatMap((seat) => (seat.participantId ? [[seat.id, seat.participantId] as const] : [])),
    );
    return summarise(versions, signatures, sponsors, holders);
  }

  async summary(workshopId: string, number: number): Promise<VersionSummary> {
    const summary = (await this.list(workshopId)).find((v) => v.number === number);
    if (!summary) throw new AccordError('not_found', `version ${number} does not exist`);
    return summary;
  }

  /** The stored record, checked against its hash: a version that no longer matches is never served. */
  async record(workshopId: string, number: number): Promise<{ record: VersionRecord; hash: string }> {
    const version = await this.deps.versions.get(workshopId, number);
    if (!version) throw new AccordError('not_found', `version ${number} does not exist`);
    if (sha256Hex(version.content) !== version.hash) {
      this.deps.logger.error({ workshopId, number }, 'stored version does not match its hash');
      throw new Error(`version ${number} of ${workshopId} does not match its hash`);
    }
    return { record: JSON.parse(version.content) as VersionRecord, hash: version.hash };
  }

  async diff(workshopId: string, from: number, to: number): Promise<FieldChange[]> {
    const [a, b] = await Promise.all([this.record(workshopId, from), this.record(workshopId, to)]);
    return fieldDiff(a.record.requirements, b.record.requirements);
  }

  async document(workshopId: string, number: number, format: DocumentFormat): Promise<RenderedDocument> {
    const [{ record, hash }, summary] = await Promise.all([
      this.record(workshopId, number),
      this.summary(workshopId, number),
    ]);
    const { renderDocument } = await loadRenderers();
    return renderDocument(format, {
      record,
      hash,
      signOff: {
        approved: summary.approved,
        sponsors: summary.sponsors.map((s) => ({
          name: s.name,
          ...(s.title ? { role: s.title } : {}),
          status: s.status,
          ...(s.at ? { at: s.at } : {}),
          ...(s.comment ? { comment: s.comment } : {}),
        })),
      },
    });
  }
}
