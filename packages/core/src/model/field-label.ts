const LABELS: Readonly<Record<string, string>> = {
  targetPercent: 'availability target',
  window: 'measurement window',
  downtimeCostPerHour: 'cost of downtime',
  rpoSeconds: 'RPO',
  rtoSeconds: 'RTO',
  rationale: 'rationale',
  requestedBy: 'requested by',
  source: 'source',
  responseSeconds: 'response',
  resolutionSeconds: 'resolution',
  intervalSeconds: 'backup interval',
  retentionDays: 'retention',
  offsiteCopies: 'off-site copies',
  restoreThroughputGbPerHour: 'restore throughput',
  restoreOverheadSeconds: 'restore overhead',
  dependsOn: 'dependencies',
  design: 'design',
  dataSizeGb: 'data size',
  durationSeconds: 'duration',
  counted: 'counted',
  timeZone: 'time zone',
  instances: 'instances',
  required: 'required',
  coverageCalendarId: 'support calendar',
  onCallCalendarId: 'on-call calendar',
  name: 'name',
  title: 'title',
  recoveryTests: 'recovery tests',
  backups: 'backup plans',
  regulatory: 'regulatory retention',
  risks: 'risks',
  maintenance: 'maintenance windows',
  calendars: 'calendars',
  functions: 'business functions',
  components: 'components',
  groups: 'redundant groups',
  proposals: 'proposals',
  decisions: 'decisions',
  attendance: 'attendance',
  serviceHoursCalendarId: 'service hours calendar',
  severities: 'severities',
  escalation: 'escalation',
  meta: 'workshop',
  replayLagSeconds: 'replay lag',
  replayRateLogsPerHour: 'replay rate',
  dumpsterMb: 'transport dumpster size',
  databaseSizeGb: 'database size',
  logsPerHour: 'log generation rate',
  corruptionDetectionSeconds: 'time to detect a corruption',
  platform: 'platform',
  activationSeconds: 'activation time',
  everyDays: 'interval',
  lastRun: 'last run',
  lcr: 'LCR',
  ccr: 'CCR',
  scc: 'SCC',
  scr: 'SCR',
  dag: 'DAG',
  'dag-lagged': 'lagged DAG copy',
  'transport-redundancy': 'transport redundancy',
};

/** Sections whose second segment is an item id (the rest hold fields directly). */
const COLLECTIONS: ReadonlySet<string> = new Set([
  'functions',
  'components',
  'groups',
  'calendars',
  'maintenance',
  'backups',
  'regulatory',
  'risks',
  'recoveryTests',
  'proposals',
  'decisions',
]);

interface NamedItem {
  readonly id: string;
  readonly name: string;
}

/**
 * What `itemNames` reads: any requirements-shaped value, a validated `Requirements` or a half-filled draft
 * read leniently (the web's live document). Items without a name keep their id as their label.
 */
export interface NamedCollections {
  readonly functions: readonly NamedItem[];
  readonly components: readonly NamedItem[];
  readonly groups: readonly NamedItem[];
  readonly calendars: readonly NamedItem[];
  readonly maintenance: readonly NamedItem[];
  readonly backups: readonly NamedItem[];
  readonly regulatory: readonly NamedItem[];
  readonly support: { readonly severities: readonly NamedItem[] };
  readonly recoveryTests?: readonly { readonly id: string; readonly kind: string; readonly functionId: string }[];
  readonly risks?: readonly { readonly id: string; readonly threat: string }[];
}

/** Display names of every id-keyed item, keyed `collection/id` (`functions/mailbox` → "Mailbox access"). */
export function itemNames(requirements: NamedCollections): Map<string, string> {
  const names = new Map<string, string>();
  for (const [collection, items] of [
    ['functions', requirements.functions],
    ['components', requirements.components],
    ['groups', requirements.groups],
    ['calendars', requirements.calendars],
    ['maintenance', requirements.maintenance],
    ['backups', requirements.backups],
    ['regulatory', requirements.regulatory],
    ['severities', requirements.support.severities],
  ] as const) {
    for (const item of items) if (item.name) names.set(`${collection}/${item.id}`, item.name);
  }
  // Recovery tests have no name of their own: "restore test of Mailbox access".
  for (const test of requirements.recoveryTests ?? []) {
    const fn = requirements.functions.find((f) => f.id === test.functionId);
    names.set(`recoveryTests/${test.id}`, `${test.kind.replace('-', ' ')} of ${fn?.name || test.functionId}`);
  }
  // A risk is named by its threat.
  for (const risk of requirements.risks ?? []) if (risk.threat) names.set(`risks/${risk.id}`, risk.threat);
  return names;
}

/**
 * A short human label for a field path, naming items by their display names where known:
 * `/functions/mailbox/recovery/site-loss/rtoSeconds` → "Mailbox access · site loss · RTO".
 */
export function describeField(path: string, names: ReadonlyMap<string, string> = new Map()): string {
  const segments = path.split('/').slice(1);
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    if (index === 0 && segments.length > 1 && segment !== 'meta' && segment !== 'support') return;
    if (segment === 'provenance' || segment === 'availability' || segment === 'recovery') return;
    if (segment === 'severities' && segments[0] === 'support') return;
    const isItem =
      (index === 1 && COLLECTIONS.has(segments[0] ?? '')) ||
      (segments[0] === 'support' && segments[1] === 'severities' && index === 2);
    if (isItem)
      parts.push(names.get(`${segments[0] === 'support' ? 'severities' : segments[0]}/${segment}`) ?? segment);
    else parts.push(LABELS[segment] ?? segment.replace(/-/g, ' '));
  });
  return parts.join(' · ');
}

/** Words that are names of their own and keep their capitals. */
const ACRONYMS: Readonly<Record<string, string>> = {
  dns: 'DNS',
  dag: 'DAG',
  lcr: 'LCR',
  ccr: 'CCR',
  scr: 'SCR',
  scc: 'SCC',
};

/** Title case of an id-like enum value, acronyms spelled as such: "almost-certain" → "Almost certain", "dns" → "DNS". */
export function words(value: string): string {
  const spaced = value
    .split('-')
    .map((word) => ACRONYMS[word] ?? word)
    .join(' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
