import type { Phase } from '@accord/protocol/phases';

/** The DOM id of the input (or section) that edits a field path; finding links and proposals target it. */
export function fieldElementId(path: string): string {
  return `field:${path}`;
}

/** The element saying what is wrong with a group of inputs (GroupStatus), which the group is described by. */
export function groupStatusId(path: string): string {
  return `${fieldElementId(path)}:status`;
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

/**
 * A short human label for a path, naming items by their display names where known:
 * `/functions/mailbox/recovery/site-loss/rtoSeconds` → "Mailbox access · site loss · RTO". The core
 * package owns it, so findings, documents and the room say the same.
 */
export { describeField as describePath } from '@accord/core/field-label';
