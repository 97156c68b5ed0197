import type { DerivationContext } from '../derive/derivation-context.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';

/** Calendars and windows without a zone, and measurement windows that disagree on their zone. */
export function timeZoneFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  const { requirements, zone } = ctx;
  for (const calendar of requirements.calendars.filter((c) => c.timeZone === undefined)) {
    findings.push({
      code: 'MISSING_TIME_ZONE',
      severity: 'warning',
      fields: [path.calendar(calendar.id, 'timeZone')],
      ...calendarWithoutZoneText(calendar.name, zone),
    });
  }
  for (const window of requirements.maintenance.filter((m) => m.timeZone === undefined)) {
    findings.push({
      code: 'MISSING_TIME_ZONE',
      severity: 'warning',
      fields: [path.maintenance(window.id, 'timeZone')],
      ...windowWithoutZoneText(window.name, zone),
    });
  }
  const measuredZones = new Map<string, string[]>();
  for (const facts of ctx.functions) {
    if (!facts.fn.availability || !facts.calendar) continue;
    const calendarZone = facts.calendar.timeZone ?? zone;
    measuredZones.set(calendarZone, [...(measuredZones.get(calendarZone) ?? []), facts.fn.id]);
  }
  if (measuredZones.size > 1) {
    const ids = [...measuredZones.values()].flat().sort();
    findings.push({
      code: 'MISSING_TIME_ZONE',
      severity: 'warning',
      fields: ids.map((id) => path.window(id)),
      ...measuredZonesDisagreeText([...measuredZones.keys()].sort()),
    });
  }
  return findings;
}

// What each MISSING_TIME_ZONE says, one function per case, so the rule above reads as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

/** `zone` is the workshop's time zone, which Accord falls back to and suggests. */
function calendarWithoutZoneText(calendar: string, zone: string): Text {
  return {
    message: `Calendar ${calendar} has no time zone; Accord reads it in the workshop's zone (${zone}), which a reader in another zone cannot tell.`,
    fix: `Set the calendar's time zone (e.g. ${zone}).`,
  };
}

function windowWithoutZoneText(window: string, zone: string): Text {
  return {
    message: `Maintenance window ${window} has no time zone; its start is ambiguous across sites.`,
    fix: `Set the window's time zone (e.g. ${zone}).`,
  };
}

function measuredZonesDisagreeText(zones: readonly string[]): Text {
  return {
    message: `Measurement windows disagree on their zone (${zones.join(', ')}): reports over one period will not line up.`,
    fix: 'Measure every function in one zone, or state per function which zone its period follows.',
  };
}
