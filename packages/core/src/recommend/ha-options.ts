import type { Component, Platform, ProtectionKind, Scenario } from '../model/index.ts';

/**
 * Planning figures for each high-availability option of the reference platform (Exchange Server 2007 and its
 * successor's database availability groups). Sources: TechNet bb124521 (LCR), bb125195 (CCR), aa997963 (SCR),
 * as summarised in shared DOMAIN.md. Figures are deliberately conservative planning values; a workshop can
 * override activation and lag per function in its design.
 */
export interface HaOption {
  readonly kind: ProtectionKind;
  /** Relative cost rank: the recommendation picks the lowest rank that meets every objective. */
  readonly costRank: number;
  readonly pattern: string;
  readonly platformTerm: string;
  readonly protects: readonly Scenario[];
  readonly automaticFailover: boolean;
  /** Continuous replication copies logs asynchronously: RPO is the copy queue, never zero. */
  readonly asynchronous: boolean;
  /** Typical data loss on failover, seconds (copy queue of unshipped 1 MB logs). */
  readonly typicalRpoSeconds: number;
  /** Time to bring the copy into service, seconds (automatic failover, or people activating it). */
  readonly activationSeconds: number;
  /** Default replay lag of the copy, seconds (SCR: 24 h). */
  readonly defaultReplayLagSeconds: number;
  readonly notes: string;
  /** The first platform version that has it; undefined for options outside the messaging product. */
  readonly since: Platform | undefined;
  /** The server roles it applies to: replication protects the Mailbox role only; pools are for roles that hold no data. */
  readonly roles: readonly Component['role'][];
}

const DATA_ROLES: readonly Component['role'][] = ['mailbox', 'database', 'storage'];

const MINUTE = 60;
const HOUR = 3600;

export const HA_OPTIONS: Readonly<Record<ProtectionKind, HaOption>> = {
  'backup-restore': {
    kind: 'backup-restore',
    costRank: 1,
    pattern: 'Backup and restore',
    platformTerm: 'Streaming/VSS backup with restore to a recovery storage group',
    protects: ['component-failure', 'site-loss', 'data-corruption'],
    automaticFailover: false,
    asynchronous: true,
    typicalRpoSeconds: 24 * HOUR,
    activationSeconds: 0,
    defaultReplayLagSeconds: 0,
    notes: 'Data loss up to one backup interval; recovery takes the whole restore (data size ÷ throughput + overhead).',
    since: undefined,
    roles: DATA_ROLES,
  },
  lcr: {
    kind: 'lcr',
    costRank: 2,
    pattern: 'Local replica on the same server',
    platformTerm: 'Local continuous replication (LCR)',
    // Component failure here means a server or component is lost; LCR keeps its copy on that same server.
    protects: [],
    automaticFailover: false,
    asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE,
    activationSeconds: 30 * MINUTE,
    defaultReplayLagSeconds: 0,
    notes:
      'A second copy on a second disk set of the same server, activated by hand (Restore-StorageGroupCopy); survives disk or database loss, not the loss of the server.',
    since: 'exchange-2007',
    roles: ['mailbox'],
  },
  ccr: {
    kind: 'ccr',
    costRank: 3,
    pattern: 'Two-node cluster with asynchronous log shipping',
    platformTerm: 'Cluster continuous replication (CCR)',
    protects: ['component-failure'],
    automaticFailover: true,
    asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE,
    activationSeconds: 2 * MINUTE,
    defaultReplayLagSeconds: 0,
    notes:
      'Automatic failover to the passive node; the transport dumpster re-delivers recent mail after a lossy failover (mail only: calendar, contact and task changes in the copy queue are lost).',
    since: 'exchange-2007',
    roles: ['mailbox'],
  },
  scc: {
    kind: 'scc',
    costRank: 3,
    pattern: 'Shared-storage failover cluster',
    platformTerm: 'Single copy cluster (SCC)',
    protects: [],
    automaticFailover: true,
    asynchronous: false,
    typicalRpoSeconds: 0,
    activationSeconds: 2 * MINUTE,
    defaultReplayLagSeconds: 0,
    notes:
      'Survives a server loss but keeps one copy of the data: the shared storage stays a single point of failure and protects against no data loss.',
    since: 'exchange-2007',
    roles: ['mailbox'],
  },
  scr: {
    kind: 'scr',
    costRank: 4,
    pattern: 'Standby copy at a recovery site',
    platformTerm: 'Standby continuous replication (SCR)',
    // Its replay lag is also the 2007 platform's lagged copy: logs not yet replayed hold the state from before a
    // logical corruption, as long as the corruption is found within the lag.
    protects: ['site-loss', 'data-corruption'],
    automaticFailover: false,
    asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE,
    activationSeconds: HOUR,
    defaultReplayLagSeconds: 24 * HOUR,
    notes:
      'Exchange 2007 SP1 and later; manual activation at the recovery site, then replay of the logs waiting on the target (their volume ÷ the replay rate measured in a drill). The replay lag (default 24 h, plus a fixed 50 logs) is how long logs wait before replay, and is set when SCR is enabled: changing it means disabling and re-enabling SCR. The lag doubles as a point-in-time copy against corruption found within it.',
    since: 'exchange-2007',
    roles: ['mailbox'],
  },
  'load-balanced-pool': {
    kind: 'load-balanced-pool',
    costRank: 2,
    pattern: 'Load-balanced pool of stateless servers',
    platformTerm: 'Several servers behind network load balancing or a hardware load balancer',
    protects: ['component-failure'],
    automaticFailover: true,
    asynchronous: false,
    typicalRpoSeconds: 0,
    activationSeconds: 0,
    defaultReplayLagSeconds: 0,
    notes: 'Only for roles that hold no data (Client Access, gateways); the Mailbox role cannot be pooled.',
    since: undefined,
    roles: ['client-access', 'hub-transport', 'edge-transport', 'application', 'load-balancer'],
  },
  'transport-redundancy': {
    kind: 'transport-redundancy',
    costRank: 2,
    pattern: 'Redundant store-and-forward transport',
    platformTerm:
      'Several Hub Transport servers per site, several Edge Transport servers behind several MX records, queue databases on RAID disks, a sized transport dumpster',
    protects: ['component-failure'],
    automaticFailover: true,
    asynchronous: false,
    typicalRpoSeconds: 0,
    activationSeconds: 0,
    defaultReplayLagSeconds: 0,
    // RFC 5321 §4.5.4.1: a sender retries for days; Exchange 2007 has no shadow redundancy (2010 and later).
    notes:
      'Senders retry mail that was not accepted for days (RFC 5321 §4.5.4.1) and Hub Transport servers of a site share the load on their own; mail lost in a lossy mailbox failover is re-delivered from the transport dumpster. Queues are transient and never restored from backup: a Hub Transport server lost together with its queue disks loses the mail queued on it, as Exchange 2007 keeps no shadow copy.',
    since: 'exchange-2007',
    roles: ['hub-transport', 'edge-transport'],
  },
  dag: {
    kind: 'dag',
    costRank: 5,
    pattern: 'Multi-site replicated database group',
    platformTerm: 'Database availability group (DAG) spanning two sites',
    protects: ['component-failure', 'site-loss'],
    automaticFailover: true,
    asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE,
    activationSeconds: 15 * MINUTE,
    defaultReplayLagSeconds: 0,
    notes:
      'Automatic failover between servers; losing a site still needs a datacenter switchover, planned here at 15 min.',
    since: 'exchange-2010',
    roles: ['mailbox'],
  },
  'dag-lagged': {
    kind: 'dag-lagged',
    costRank: 6,
    pattern: 'Lagged replica for point-in-time recovery',
    platformTerm: 'Lagged database copy in a DAG (ReplayLagTime)',
    protects: ['data-corruption'],
    automaticFailover: false,
    asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE,
    activationSeconds: 4 * HOUR,
    defaultReplayLagSeconds: 7 * 24 * HOUR,
    notes:
      'Logic corruption is replicated to every live copy at once; a copy that replays days late can be rolled forward to just before the corruption.',
    since: 'exchange-2010',
    roles: ['mailbox'],
  },
  'synchronous-replication': {
    kind: 'synchronous-replication',
    costRank: 7,
    pattern: 'Synchronous replication',
    platformTerm: 'Synchronous storage replication (outside the messaging product)',
    protects: ['component-failure', 'site-loss'],
    automaticFailover: true,
    asynchronous: false,
    typicalRpoSeconds: 0,
    activationSeconds: 5 * MINUTE,
    defaultReplayLagSeconds: 0,
    notes: 'The only option with zero data loss; every write waits for the remote copy, so latency and cost rise.',
    since: undefined,
    roles: DATA_ROLES,
  },
};

/** Roles that hold data: only they are replicated, backed up and restored. */
export const STATEFUL_ROLES: readonly Component['role'][] = DATA_ROLES;

/** Replication kinds that keep a second copy of the data continuously (backups do not). */
export const CONTINUOUS_REPLICATION: readonly ProtectionKind[] = [
  'lcr',
  'ccr',
  'scr',
  'dag',
  'dag-lagged',
  'synchronous-replication',
];

/** At or above this target a design must not depend on people to fail over (DOMAIN.md). */
export const NO_MANUAL_INTERVENTION_FROM_PERCENT = 99.99;

/**
 * Whether a design keeps a copy that lags behind, which a logical corruption reaches only after the lag: a
 * lagged DAG copy, or an SCR standby with a replay lag (24 h unless set otherwise).
 */
export function hasLaggedCopy(
  design: readonly { readonly kind: ProtectionKind; readonly replayLagSeconds?: number | undefined }[],
): boolean {
  return design.some(
    (p) =>
      p.kind === 'dag-lagged' ||
      (p.kind === 'scr' && (p.replayLagSeconds ?? HA_OPTIONS.scr.defaultReplayLagSeconds) > 0),
  );
}
