import type { ColumnType, Generated } from 'kysely';

/** Bytes read from either dialect are normalised to Uint8Array (pg gives Buffer, PGlite Uint8Array). */
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Serial = ColumnType<number, never, never>;

export interface WorkshopTable {
  id: string;
  title: string;
  /** Last sequence number handed out to a stored Yjs update of this workshop. */
  last_seq: ColumnType<number, number | undefined, number>;
  /** The template the workshop started from (`messaging`, `blank`, `import`). */
  template: ColumnType<string, string | undefined, string>;
  /** The agenda phase everyone is on; late joiners land here. */
  phase: ColumnType<string, string | undefined, string>;
  timer_ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  timer_duration_s: ColumnType<number, number | undefined, number>;
  /** Set while the facilitator holds the room still for signing: the Yjs endpoint refuses every update. */
  frozen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  frozen_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A link that lets people join in one role. Only a hash of its secret is kept. */
export interface InviteTable {
  id: string;
  workshop_id: string;
  role: string;
  secret_hash: string;
  label: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  revoked_at: ColumnType<Date | null, never, Date | string>;
  uses: ColumnType<number, number | undefined, number>;
  /** A sponsor seat's personal invite: it joins as that seat, and only once. */
  seat_id: ColumnType<string | null, string | null | undefined, never>;
  claimed_at: ColumnType<Date | null, never, Date | string>;
}

/** Someone who joined a workshop; their session token's secret is kept as a hash. */
export interface ParticipantTable {
  id: string;
  workshop_id: string;
  name: string;
  role: string;
  secret_hash: string;
  invite_id: string | null;
  /** The sponsor seat this participant holds, if any: only seat holders sign. */
  seat_id: ColumnType<string | null, string | null | undefined, never>;
  created_at: CreatedAt;
  revoked_at: ColumnType<Date | null, never, Date | string>;
}

/** A sponsor the facilitator named: who must sign, as the facilitator wrote it. */
export interface SponsorSeatTable {
  id: string;
  workshop_id: string;
  name: string;
  email: string;
  title: ColumnType<string, string | undefined, string>;
  /** The participant who claimed the seat's invite. */
  participant_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The single sign-on identity the seat is bound to on first login (issuer and subject). */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  removed_at: ColumnType<Date | null, never, Date | string>;
}

/** A further device of a participant: its own session secret, kept as a hash. */
export interface ParticipantDeviceTable {
  id: string;
  participant_id: string;
  secret_hash: string;
  created_at: CreatedAt;
}

/** The PDF a version's signatures refer to, stored once so its bytes never depend on a later renderer. */
export interface VersionPdfTable {
  workshop_id: string;
  number: number;
  sha256: string;
  pdf: Bytes;
  created_at: CreatedAt;
}

/** A published version: the canonical JSON that was hashed, frozen. Never updated. */
export interface VersionTable {
  workshop_id: string;
  number: number;
  hash: string;
  content: string;
  /** `{ error, warning, info }` of the version's findings, as JSON text. */
  finding_counts: string;
  /** The sponsors the version's requirements name, who must sign it (JSON array of names). */
  named_sponsors: string;
  /** The seats who must sign, fixed at publishing (JSON array of { seatId, name, email, title }). */
  approvers: ColumnType<string | null, string | null | undefined, never>;
  published_by: string;
  published_at: Timestamp;
}

/** A sponsor's decision on one version hash. Append-only: a later row for the same sponsor supersedes. */
export interface SignatureTable {
  id: Serial;
  workshop_id: string;
  version_number: number;
  hash: string;
  participant_id: string;
  decision: 'signed' | 'rejected';
  comment: ColumnType<string, string | undefined, never>;
  seat_id: ColumnType<string | null, string | null | undefined, never>;
  /** The seat's name as the facilitator wrote it, at signing. */
  signer_name: ColumnType<string, string | undefined, never>;
  /** The exact sentence the signer agreed to. */
  statement: ColumnType<string, string | undefined, never>;
  /** SHA-256 of the PDF bytes the signature covers. */
  pdf_sha256: ColumnType<string, string | undefined, never>;
  ip: ColumnType<string, string | undefined, never>;
  user_agent: ColumnType<string, string | undefined, never>;
  /** JSON: how the signer was identified (invite link, or the issuer, subject and e-mail a provider asserted). */
  identity: ColumnType<string, string | undefined, never>;
  created_at: CreatedAt;
}

/** The audit trail: joins, revocations, phase changes, decisions, publications, signatures. Append-only. */
export interface AuditEventTable {
  id: Serial;
  workshop_id: string;
  kind: string;
  actor_id: string | null;
  actor_name: ColumnType<string, string | undefined, never>;
  /** JSON text (kept as text so both drivers return the same thing). */
  data: ColumnType<string, string | undefined, never>;
  /** The hash of the entry before it in the workshop's trail ('' for the first). */
  prev_hash: ColumnType<string, string | undefined, never>;
  /** SHA-256 over `prev_hash` and this entry's fields: a removed or altered entry breaks the chain. */
  hash: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The facilitator's choice of an open or blind ballot for one proposal; no row means open. */
export interface ProposalBallotTable {
  workshop_id: string;
  proposal_id: string;
  mode: 'open' | 'blind';
  /** When a blind ballot's votes were shown to everyone (by the facilitator, or by deciding). */
  revealed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

/** One participant's vote on one proposal, recorded by the server (never in the shared document). */
export interface VoteTable {
  workshop_id: string;
  proposal_id: string;
  participant_id: string;
  voter_name: string;
  choice: 'for' | 'against';
  cast_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The write-ahead log of a workshop's Yjs updates: each is stored before it is applied or relayed. */
export interface YjsUpdateTable {
  workshop_id: string;
  seq: number;
  update: Bytes;
  created_at: CreatedAt;
}

/** A stored update (or snapshot, `seq` = its `seq_upto`) set aside because it could not be applied or broke the shape. */
export interface QuarantinedUpdateTable {
  workshop_id: string;
  kind: 'update' | 'snapshot';
  seq: number;
  update: Bytes;
  reason: string;
  quarantined_at: Generated<Date>;
}

/** A compacted state: everything up to and including `seq_upto`, merged. */
export interface YjsSnapshotTable {
  workshop_id: string;
  seq_upto: number;
  state: Bytes;
  created_at: CreatedAt;
}

export interface Database {
  workshops: WorkshopTable;
  yjs_updates: YjsUpdateTable;
  yjs_snapshots: YjsSnapshotTable;
  quarantined_updates: QuarantinedUpdateTable;
  invites: InviteTable;
  participants: ParticipantTable;
  versions: VersionTable;
  signatures: SignatureTable;
  audit_events: AuditEventTable;
  proposal_ballots: ProposalBallotTable;
  votes: VoteTable;
  sponsor_seats: SponsorSeatTable;
  participant_devices: ParticipantDeviceTable;
  version_pdfs: VersionPdfTable;
}

export type { Generated };
