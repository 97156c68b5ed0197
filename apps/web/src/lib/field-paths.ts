import type { Phase } from '@accord/protocol/phases';

/** The DOM id of the input (or section) that edits a field path; finding links and proposals target it. */
export function fieldElementId(path: string): string {
  return `field:${path}`;
}

/**
 * The agenda phase whose form holds a field. Findings name fields by id-addressed paths
 * (`/functions/mailbox/recovery/site-loss/rtoSeconds`); a link opens this phase and focuses the input.
 */
export function phaseOfPath(path: string): Phase {
  const [section, , sub] = path.split('/').slice(1);
  switch (section) {
    case 'meta':
    case 'components':
    case 'groups':
    case 'attendance':
      return 'scope';
    case 'functions':
      if (sub === 'availability') return 'availability';
      if (sub === 'recovery' || sub === 'design') return 'recovery';
      return 'scope';
    case 'calendars':
    case 'maintenance':
    case 'serviceHoursCalendarId':
      return 'availability';
    case 'backups':
    case 'regulatory':
    case 'recoveryTests':
      return 'recovery';
    case 'support':
      return 'support';
    case 'risks':
      return 'risks';
    default:
      return 'review';
  }
}

/** The path and its ancestors, longest first: when a field has no input of its own, its section is focused. */
export function pathAndAncestors(path: string): string[] {
  const segments = path.split('/').slice(1);
  return segments.map((_, index) => `/${segments.slice(0, segments.length - index).join('/')}`);
}

const LABELS: Readonly<Record<string, string>> = {
  targetPercent: 'availability target', window: 'measurement window', downtimeCostPerHour: 'cost of downtime',
  rpoSeconds: 'RPO', rtoSeconds: 'RTO', rationale: 'rationale', requestedBy: 'requested by', source: 'source',
  responseSeconds: 'response', resolutionSeconds: 'resolution', intervalSeconds: 'backup interval',
  retentionDays: 'retention', offsiteCopies: 'off-site copies', restoreThroughputGbPerHour: 'restore throughput',
  restoreOverheadSeconds: 'restore overhead', dependsOn: 'dependencies', design: 'design', dataSizeGb: 'data size',
  durationSeconds: 'duration', counted: 'counted', timeZone: 'time zone', instances: 'instances', required: 'required',
  coverageCalendarId: 'support calendar', onCallCalendarId: 'on-call calendar', name: 'name', title: 'title',
};

/**
 * A short human label for a path, naming items by their display names where known:
 * `/functions/mailbox/recovery/site-loss/rtoSeconds` → "Mailbox access · site loss · RTO".
 */
export function describePath(path: string, names: ReadonlyMap<string, string> = new Map()): string {
  const segments = path.split('/').slice(1);
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    if (index === 0 && segments.length > 1 && segment !== 'meta' && segment !== 'support') return;
    if (segment === 'provenance' || segment === 'availability' || segment === 'recovery') return;
    if (segment === 'severities' && segments[0] === 'support') return;
    const isItem = index === 1 || (segments[0] === 'support' && segments[1] === 'severities' && index === 2);
    if (isItem) parts.push(names.get(`${segments[0] === 'support' ? 'severities' : segments[0]}/${segment}`) ?? segment);
    else parts.push(LABELS[segment] ?? segment.replace(/-/g, ' '));
  });
  return parts.join(' · ');
}
