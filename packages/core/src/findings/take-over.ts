import type { Protection, Scenario } from '../model/index.ts';
import { HA_OPTIONS } from '../recommend/ha-options.ts';

/**
 * Whether a protection brings a second copy of the function's data into service after a scenario, so that
 * nobody has to restore from backup: the question behind RESTORE_EXCEEDS_RTO, RPO_NEEDS_REPLICATION,
 * RPO_ZERO_ASYNC_REPLICATION, STANDBY_LAG_IN_RTO and NO_OFFSITE_COPY_FOR_SITE_LOSS. Judged by what each
 * design kind does (DOMAIN.md, Exchange 2007 high availability; TechNet bb124521, bb125195, aa997963):
 *
 * - backup and restore is the restore itself, never a copy that takes over;
 * - LCR keeps its copy on the same server, so losing the server (or the site) loses both, and a corruption
 *   reaches the copy as soon as its logs are shipped;
 * - CCR's passive node takes over when the active server fails, but both nodes stand at one site;
 * - SCC fails the server over to the same shared storage: there is one copy of the data, nothing to take over;
 * - SCR's standby at the recovery site takes over when the site is lost, and holds the state from before a
 *   corruption while its replay lag has not yet replayed it (no lag, no such state);
 * - a load-balanced pool serves stateless roles and holds no data; so does redundant transport (several Hub
 *   Transport and Edge servers): queued mail is re-sent by its senders and the dumpster, never restored;
 * - a multi-site DAG takes over for server and site loss;
 * - a lagged DAG copy exists for corruption and is kept out of automatic activation;
 * - synchronous replication takes over for server and site loss, and copies a corruption at once.
 */
export function takesOver(protection: Pick<Protection, 'kind' | 'replayLagSeconds'>, scenario: Scenario): boolean {
  const lagged = (protection.replayLagSeconds ?? HA_OPTIONS[protection.kind].defaultReplayLagSeconds) > 0;
  switch (protection.kind) {
    case 'backup-restore':
    case 'lcr':
    case 'scc':
    case 'load-balanced-pool':
    case 'transport-redundancy':
      return false;
    case 'ccr':
      return scenario === 'component-failure';
    case 'scr':
      return scenario === 'site-loss' || (scenario === 'data-corruption' && lagged);
    case 'dag':
    case 'synchronous-replication':
      return scenario === 'component-failure' || scenario === 'site-loss';
    case 'dag-lagged':
      return scenario === 'data-corruption' && lagged;
    default: {
      const unknown: never = protection.kind;
      return unknown;
    }
  }
}
