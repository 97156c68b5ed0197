import type { DecisionEvent, SignatureEvent, VersionEvent } from '@accord/protocol/events';
import { PHASE_TITLES, type Phase } from '@accord/protocol/phases';
import { readProposals } from '../../lib/proposals.ts';
import type { RawRecord } from '../../lib/raw.ts';
import { describeValue } from '../../lib/value-label.ts';

/** A line of the room's activity feed (decisions, versions, signatures), newest first. */
export interface Activity {
  readonly id: number;
  readonly at: number;
  readonly text: string;
  /** A field the entry is about, named by the room in words. */
  readonly field?: string;
}

/** Something of yours the room did, said once where the participant looks. */
export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly field?: string;
}

const KEPT = 30;

/**
 * What happened in the room during this visit, in words: the feed, the notice about your own proposals, the
 * version waiting for a sponsor's signature, and a counter that tells version lists to reload.
 */
export class ActivityFeed {
  #nextId = 0;
  /** The proposals already in the doc, so a new one can be said (null until the doc has loaded). */
  #knownProposals: Set<string> | null = null;

  #entries = $state.raw<Activity[]>([]);
  #notice = $state.raw<Notice | null>(null);
  #publishedNow = $state.raw<VersionEvent | null>(null);
  #versionsRevision = $state(0);

  constructor(private readonly yourName: string) {}

  get entries(): readonly Activity[] {
    return this.#entries;
  }
  /**
   * What happened to something of yours that you would otherwise learn only from the activity list (folded
   * away on a phone): the facilitator accepted or rejected your proposal.
   */
  get notice(): Notice | null {
    return this.#notice;
  }
  /** The version published during this visit, for the sponsor's "ready to sign" banner. */
  get publishedNow(): VersionEvent | null {
    return this.#publishedNow;
  }
  /** Bumped when a version is published or signed, so version lists reload. */
  get versionsRevision(): number {
    return this.#versionsRevision;
  }

  /** The participant read the notice (or a newer one replaced it: pass its id to dismiss only that one). */
  dismissNotice(id?: number): void {
    if (id === undefined || this.#notice?.id === id) this.#notice = null;
  }

  /** The doc loaded: the proposals in it are not news. */
  loaded(raw: RawRecord): void {
    this.#knownProposals = new Set(readProposals(raw).map((p) => p.id));
  }

  /** Proposals live in the doc, not on the control plane: say each new one. */
  docChanged(raw: RawRecord): void {
    if (!this.#knownProposals) return;
    for (const proposal of readProposals(raw)) {
      if (this.#knownProposals.has(proposal.id)) continue;
      this.#knownProposals.add(proposal.id);
      const who = proposal.proposedBy === this.yourName ? 'You' : proposal.proposedBy;
      this.#log(`${who} proposed ${describeValue(proposal.field, proposal.value, raw)} for`, proposal.field);
    }
  }

  phaseChanged(phase: Phase, changedBy: string): void {
    this.#log(`${changedBy} moved the room to ${PHASE_TITLES[phase]}`);
  }

  decision(event: DecisionEvent, raw: RawRecord): void {
    this.#log(`${event.decidedBy} ${event.outcome} a proposal for`, event.field);
    const proposal = readProposals(raw).find((p) => p.id === event.proposalId);
    if (proposal && proposal.proposedBy === this.yourName && event.decidedBy !== this.yourName) {
      this.#notice = {
        id: this.#nextId,
        text: `${event.decidedBy} ${event.outcome} your proposal for`,
        field: event.field,
      };
    }
  }

  versionPublished(event: VersionEvent): void {
    this.#log(`${event.publishedBy} published version ${event.number}`);
    this.#versionsRevision += 1;
    this.#publishedNow = event;
  }

  signature(event: SignatureEvent): void {
    this.#log(
      `${event.sponsor} ${event.decision} version ${event.versionNumber}${event.approved ? ' — approved' : ''}`,
    );
    this.#versionsRevision += 1;
    // Once this sponsor has decided, the version no longer waits for them: drop the "ready to sign" prompts.
    if (this.#publishedNow?.number === event.versionNumber && event.sponsor === this.yourName)
      this.#publishedNow = null;
  }

  freeze(frozen: boolean, by: string | undefined): void {
    const who = by ?? 'The facilitator';
    this.#log(
      frozen
        ? `${who} froze the room while sponsors sign`
        : `${who} unfroze the room: the requirements can be changed again`,
    );
  }

  #log(text: string, field?: string): void {
    this.#nextId += 1;
    this.#entries = [{ id: this.#nextId, at: Date.now(), text, ...(field ? { field } : {}) }, ...this.#entries].slice(
      0,
      KEPT,
    );
  }
}
