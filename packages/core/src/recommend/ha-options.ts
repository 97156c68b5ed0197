import type { ProtectionKind, Scenario } from '../model/index.ts';

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
}

const MINUTE = 60;
const HOUR = 3600;

export const HA_OPTIONS: Readonly<Record<ProtectionKind, HaOption>> = {
  'backup-restore': {
    kind: 'backup-restore', costRank: 1, pattern: 'Backup and restore', platformTerm: 'Streaming/VSS backup with restore to a recovery storage group',
    protects: ['component-failure', 'site-loss', 'data-corruption'], automaticFailover: false, asynchronous: true,
    typicalRpoSeconds: 24 * HOUR, activationSeconds: 0, defaultReplayLagSeconds: 0,
    notes: 'Data loss up to one backup interval; recovery takes the whole restore (data size ÷ throughput + overhead).',
  },
  lcr: {
    kind: 'lcr', costRank: 2, pattern: 'Local replica on the same server', platformTerm: 'Local continuous replication (LCR)',
    // Component failure here means a server or component is lost; LCR keeps its copy on that same server.
    protects: [], automaticFailover: false, asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE, activationSeconds: 30 * MINUTE, defaultReplayLagSeconds: 0,
    notes: 'A second copy on a second disk set of the same server, activated by hand (Restore-StorageGroupCopy); survives disk or database loss, not the loss of the server.',
  },
  ccr: {
    kind: 'ccr', costRank: 3, pattern: 'Two-node cluster with asynchronous log shipping', platformTerm: 'Cluster continuous replication (CCR)',
    protects: ['component-failure'], automaticFailover: true, asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE, activationSeconds: 2 * MINUTE, defaultReplayLagSeconds: 0,
    notes: 'Automatic failover to the passive node; the transport dumpster re-delivers recent mail after a lossy failover (mail only: calendar, contact and task changes in the copy queue are lost).',
  },
  scc: {
    kind: 'scc', costRank: 3, pattern: 'Shared-storage failover cluster', platformTerm: 'Single copy cluster (SCC)',
    protects: [], automaticFailover: true, asynchronous: false,
    typicalRpoSeconds: 0, activationSeconds: 2 * MINUTE, defaultReplayLagSeconds: 0,
    notes: 'Survives a server loss but keeps one copy of the data: the shared storage stays a single point of failure and protects against no data loss.',
  },
  scr: {
    kind: 'scr', costRank: 4, pattern: 'Standby copy at a recovery site', platformTerm: 'Standby continuous replication (SCR)',
    // Its replay lag is also the 2007 platform's lagged copy: logs not yet replayed hold the state from before a
    // logical corruption, as long as the corruption is found within the lag.
    protects: ['site-loss', 'data-corruption'], automaticFailover: false, asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE, activationSeconds: HOUR, defaultReplayLagSeconds: 24 * HOUR,
    notes: 'Manual activation at the recovery site; replay lag defaults to 24 h (plus 50 logs), which activation must replay first; the lag doubles as a point-in-time copy against corruption found within it.',
  },
  'load-balanced-pool': {
    kind: 'load-balanced-pool', costRank: 2, pattern: 'Load-balanced pool of stateless servers', platformTerm: 'NLB/hardware load balancing (Client Access), several Hub Transport servers per site, Edge servers behind several MX records',
    protects: ['component-failure'], automaticFailover: true, asynchronous: false,
    typicalRpoSeconds: 0, activationSeconds: 0, defaultReplayLagSeconds: 0,
    notes: 'Only for roles that hold no data; the Mailbox role cannot be pooled.',
  },
  dag: {
    kind: 'dag', costRank: 5, pattern: 'Multi-site replicated database group', platformTerm: 'Database availability group (DAG) spanning two sites',
    protects: ['component-failure', 'site-loss'], automaticFailover: true, asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE, activationSeconds: 15 * MINUTE, defaultReplayLagSeconds: 0,
    notes: 'Automatic failover between servers; losing a site still needs a datacenter switchover, planned here at 15 min.',
  },
  'dag-lagged': {
    kind: 'dag-lagged', costRank: 6, pattern: 'Lagged replica for point-in-time recovery', platformTerm: 'Lagged database copy in a DAG (ReplayLagTime)',
    protects: ['data-corruption'], automaticFailover: false, asynchronous: true,
    typicalRpoSeconds: 5 * MINUTE, activationSeconds: 4 * HOUR, defaultReplayLagSeconds: 7 * 24 * HOUR,
    notes: 'Logic corruption is replicated to every live copy at once; a copy that replays days late can be rolled forward to just before the corruption.',
  },
  'synchronous-replication': {
    kind: 'synchronous-replication', costRank: 7, pattern: 'Synchronous replication', platformTerm: 'Synchronous storage replication (outside the messaging product)',
    protects: ['component-failure', 'site-loss'], automaticFailover: true, asynchronous: false,
    typicalRpoSeconds: 0, activationSeconds: 5 * MINUTE, defaultReplayLagSeconds: 0,
    notes: 'The only option with zero data loss; every write waits for the remote copy, so latency and cost rise.',
  },
};

/** Replication kinds that keep a second copy of the data continuously (backups do not). */
export const CONTINUOUS_REPLICATION: readonly ProtectionKind[] = ['lcr', 'ccr', 'scr', 'dag', 'dag-lagged', 'synchronous-replication'];

/** At or above this target a design must not depend on people to fail over (DOMAIN.md). */
export const NO_MANUAL_INTERVENTION_FROM_PERCENT = 99.99;

/**
 * Whether a design keeps a copy that lags behind, which a logical corruption reaches only after the lag: a
 * lagged DAG copy, or an SCR standby with a replay lag (24 h unless set otherwise).
 */
export function hasLaggedCopy(design: readonly { readonly kind: ProtectionKind; readonly replayLagSeconds?: number | undefined }[]): boolean {
  return design.some((p) => p.kind === 'dag-lagged' || (p.kind === 'scr' && (p.replayLagSeconds ?? HA_OPTIONS.scr.defaultReplayLagSeconds) > 0));
}
