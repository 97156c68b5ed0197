import type { BackupPlan, BusinessFunction, RegulatoryRetention } from '../model/index.ts';
import { formatDuration } from '../units/duration.ts';
import { CONTINUOUS_REPLICATION, hasLaggedCopy } from './ha-options.ts';

/** Retention kept for operational restores when no regulation asks for more (days). */
export const OPERATIONAL_RETENTION_DAYS = 30;

/**
 * Retention longer than this is met by journaling to an archive, not by keeping backups for years: backups
 * serve recovery, and old backup media cannot be searched or restored reliably (DOMAIN.md).
 */
export const ARCHIVE_FROM_DAYS = 366;

export interface DerivedBackupPlan {
  readonly functionId: string;
  /** Full backups weekly plus incremental/log backups at this interval, seconds. */
  readonly intervalSeconds: number;
  readonly type: string;
  readonly retentionDays: number;
  readonly retentionReason: string;
  readonly offsiteCopies: number;
  /** Where the stated plan falls short of the derived one. */
  readonly gaps: readonly string[];
  /** False for a function that holds no data: nothing of its own is backed up or restored. */
  readonly needed: boolean;
  /** Long regulatory retention met by journaling to an archive rather than by backups. */
  readonly archive: readonly string[];
}

/**
 * The backup plan a function needs: frequency from the tightest RPO that replication does not already cover
 * (data corruption is copied by every live replica, so its RPO always falls to backups or a lagged copy),
 * retention from regulation, an off-site copy whenever a site can be lost.
 */
export function deriveBackupPlan(
  fn: BusinessFunction,
  regulatory: readonly RegulatoryRetention[],
  stated: BackupPlan | undefined,
  holdsData = true,
): DerivedBackupPlan {
  const rules = regulatory.filter((r) => r.appliesTo.length === 0 || r.appliesTo.includes(fn.id));
  const archive = rules
    .filter((r) => r.retentionDays >= ARCHIVE_FROM_DAYS)
    .map(
      (r) =>
        `${r.name}${r.reference ? ` (${r.reference})` : ''}: keep ${formatYears(r.retentionDays)} by journaling the mail to an archive, not by keeping backups`,
    );
  if (!holdsData) {
    return {
      functionId: fn.id,
      intervalSeconds: 0,
      type: 'none of its own: it holds no data (queues and sessions are transient and never restored)',
      retentionDays: 0,
      retentionReason: 'nothing to keep',
      offsiteCopies: 0,
      gaps: [],
      needed: false,
      archive,
    };
  }
  const replicated = fn.design.some((p) => CONTINUOUS_REPLICATION.includes(p.kind) && p.kind !== 'dag-lagged');
  const lagged = hasLaggedCopy(fn.design);
  const rpos: number[] = [];
  const corruption = fn.recovery['data-corruption'];
  if (corruption && !lagged) rpos.push(corruption.rpoSeconds);
  for (const scenario of ['component-failure', 'site-loss'] as const) {
    const objective = fn.recovery[scenario];
    if (objective && !replicated) rpos.push(objective.rpoSeconds);
  }
  const tightest = rpos.length > 0 ? Math.min(...rpos) : 24 * 3600;
  // Below one hour, transaction-log backups carry the RPO; nothing backs up more often than every 15 minutes.
  const intervalSeconds = Math.max(15 * 60, Math.min(24 * 3600, tightest));
  const type = intervalSeconds < 24 * 3600 ? 'weekly full + incremental (log) backups' : 'daily full backups';
  const strictest = [...rules.filter((r) => r.retentionDays < ARCHIVE_FROM_DAYS)].sort(
    (a, b) => b.retentionDays - a.retentionDays,
  )[0];
  const retentionDays = Math.max(OPERATIONAL_RETENTION_DAYS, strictest?.retentionDays ?? 0);
  const retentionReason =
    strictest && strictest.retentionDays >= OPERATIONAL_RETENTION_DAYS
      ? `${strictest.name}${strictest.reference ? ` (${strictest.reference})` : ''}`
      : `operational restores (${OPERATIONAL_RETENTION_DAYS} days)`;
  const offsiteCopies = fn.recovery['site-loss'] ? 1 : 0;
  const gaps: string[] = [];
  if (!stated) gaps.push('no backup plan covers this function');
  else {
    if (stated.intervalSeconds > intervalSeconds)
      gaps.push(
        `backups every ${formatDuration(stated.intervalSeconds)}; the RPO needs every ${formatDuration(intervalSeconds)}`,
      );
    if (stated.retentionDays < retentionDays)
      gaps.push(`retention ${stated.retentionDays} days; ${retentionReason} needs ${retentionDays}`);
    if (stated.offsiteCopies < offsiteCopies) gaps.push('no off-site copy, yet the site-loss scenario needs one');
  }
  return {
    functionId: fn.id,
    intervalSeconds,
    type,
    retentionDays,
    retentionReason,
    offsiteCopies,
    gaps,
    needed: true,
    archive,
  };
}

/** 2192 days → "6 years"; shorter spans stay in days. */
function formatYears(days: number): string {
  const years = days / 365.2425;
  return Math.abs(years - Math.round(years)) < 0.02 ? `${Math.round(years)} years` : `${days} days`;
}
