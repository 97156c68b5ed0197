/**
 * Finding codes for contradictions between commitments that each look fine alone (issue: documents a sponsor
 * and an auditor would sign). Kept apart from the original catalogue so the rules stay in their own file.
 */
export const CONTRADICTION_CODES = [
  'RESOLUTION_EXCEEDS_RTO',
  'WIDER_HOURS_THAN_UPSTREAM',
  'FAILOVER_TIME_NOT_IN_COMPOSITE',
  'RETENTION_NEEDS_ARCHIVE',
  'DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE',
  'STANDBY_REPLAY_UNMEASURED',
] as const;
export type ContradictionCode = (typeof CONTRADICTION_CODES)[number];

export const CONTRADICTION_CATALOGUE: Readonly<
  Record<ContradictionCode, { readonly title: string; readonly when: string }>
> = {
  RESOLUTION_EXCEEDS_RTO: {
    title: 'Resolution target longer than the RTO',
    when: 'The resolution target of the severity that covers a full outage is longer than the component-failure RTO: support may take longer than the outage may last.',
  },
  WIDER_HOURS_THAN_UPSTREAM: {
    title: 'Promised in hours its dependency is not',
    when: 'A function is measured in hours (e.g. around the clock) that a function it depends on is not committed in.',
  },
  FAILOVER_TIME_NOT_IN_COMPOSITE: {
    title: 'Failovers spend the budget the composite ignores',
    when: 'The composite availability treats failover as instant, but the expected failovers a period, each taking its failover time, use more than the downtime budget.',
  },
  RETENTION_NEEDS_ARCHIVE: {
    title: 'Years-long retention needs an archive',
    when: 'A regulatory retention of more than a year applies: it is met by journaling to an archive, not by keeping backups for years.',
  },
  DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE: {
    title: 'Declared disasters go to objectives that do not exist',
    when: 'Declared disasters are excluded from the availability commitment (so the site-loss objectives apply), but a function with a target has none.',
  },
  STANDBY_REPLAY_UNMEASURED: {
    title: 'Standby recovery time unknown',
    when: 'A lagged standby copy is relied on, but the log generation rate or the replay rate measured in a drill is missing, so its recovery time cannot be computed.',
  },
};
