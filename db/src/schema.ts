import type { ColumnType, Generated } from 'kysely';

/** Bytes read from either dialect are normalised to Uint8Array (pg gives Buffer, PGlite Uint8Array). */
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface WorkshopTable {
  id: string;
  title: string;
  /** Last sequence number handed out to a stored Yjs update of this workshop. */
  last_seq: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

/** The write-ahead log of a workshop's Yjs updates: each is stored before it is applied or relayed. */
export interface YjsUpdateTable {
  workshop_id: string;
  seq: number;
  update: Bytes;
  created_at: CreatedAt;
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
}

export type { Generated };
