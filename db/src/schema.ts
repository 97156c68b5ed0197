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
}

/** Someone who joined a workshop; their session token's secret is kept as a hash. */
export interface ParticipantTable {
  id: string;
  workshop_id: string;
  name: string;
  role: string;
  secret_hash: string;
  invite_id: string | null;
  created_at: CreatedAt;
  revoked_at: ColumnType<Date | null, never, Date | string>;
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
  created_at: CreatedAt;
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
}

export type { Generated };
