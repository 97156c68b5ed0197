import type { DerivationContext } from '../derive/derivation-context.ts';
import { SCENARIOS } from '../model/index.ts';
import { formatDuration as human } from '../units/duration.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';
import { weekTime } from '../budget/week-time.ts';

function shortestRto(ctx: DerivationContext, functionId: string) {
  const fn = ctx.byId.get(functionId)?.fn;
  const objectives = SCENARIOS.flatMap((scenario) => {
    const objective = fn?.recovery[scenario];
    return objective ? [{ scenario, rtoSeconds: objective.rtoSeconds }] : [];
  });
  return objectives.sort((a, b) => a.rtoSeconds - b.rtoSeconds)[0];
}

/** 'From Sunday 20:00 (Europe/Berlin) nobody': when in the week the gap starts, in the workshop's time zone. */
function gapStart(startUtcMs: number | undefined, zone: string): string {
  if (startUtcMs === undefined) return 'Nobody';
  return `From ${weekTime(startUtcMs, zone)} (${zone}) nobody`;
}

/** Coverage gaps and response times against the RTO; the priority matrix. */
export function supportFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  const { support } = ctx.requirements;
  const outage = support.severities.find((s) => s.fullOutage);
  for (const facts of ctx.functions) {
    const rto = shortestRto(ctx, facts.fn.id);
    if (!rto) continue;
    if (facts.supportGapSeconds !== undefined && facts.supportGapSeconds > rto.rtoSeconds) {
      findings.push({
        code: 'SUPPORT_GAP_EXCEEDS_RTO',
        severity: 'error',
        functionId: facts.fn.id,
        scenario: rto.scenario,
        fields: [
          path.rto(facts.fn.id, rto.scenario),
          path.support('coverageCalendarId'),
          path.support('onCallCalendarId'),
        ],
        message: `${gapStart(facts.supportGapStartUtcMs, ctx.zone)} is on duty or on call for ${human(facts.supportGapSeconds)} of measured time in a row, longer than the ${rto.scenario.replace('-', ' ')} RTO of ${human(rto.rtoSeconds)}: an outage then cannot be recovered in time.`,
        fix: `Extend support or on-call coverage so no gap exceeds ${human(rto.rtoSeconds)}, or raise the RTO to ${human(facts.supportGapSeconds)}.`,
      });
    }
    if (outage?.responseSeconds !== undefined && outage.responseSeconds > rto.rtoSeconds) {
      findings.push({
        code: 'RESPONSE_EXCEEDS_RTO',
        severity: 'error',
        functionId: facts.fn.id,
        scenario: rto.scenario,
        fields: [path.severity(outage.id, 'responseSeconds'), path.rto(facts.fn.id, rto.scenario)],
        message: `A full outage is ${outage.name}, whose response target of ${human(outage.responseSeconds)} is longer than the RTO of ${human(rto.rtoSeconds)}: recovery cannot even start in time.`,
        fix: `Shorten the ${outage.name} response target to well under ${human(rto.rtoSeconds)}, or raise the RTO.`,
      });
    }
  }
  for (const severity of support.severities) {
    const missing = [
      severity.responseSeconds === undefined ? 'response' : '',
      severity.resolutionSeconds === undefined ? 'resolution' : '',
    ].filter(Boolean);
    if (missing.length > 0) {
      findings.push({
        code: 'PRIORITY_MATRIX_INCOMPLETE',
        severity: 'warning',
        fields: missing.map((m) => path.severity(severity.id, `${m}Seconds`)),
        message: `${severity.name} has no ${missing.join(' or ')} target.`,
        fix: `State the ${missing.join(' and ')} target of ${severity.name}.`,
      });
    } else if ((severity.resolutionSeconds ?? 0) < (severity.responseSeconds ?? 0)) {
      findings.push({
        code: 'PRIORITY_MATRIX_INCOMPLETE',
        severity: 'warning',
        fields: [path.severity(severity.id, 'responseSeconds'), path.severity(severity.id, 'resolutionSeconds')],
        message: `${severity.name} must be resolved within ${human(severity.resolutionSeconds ?? 0)} but only answered within ${human(severity.responseSeconds ?? 0)}.`,
        fix: 'Make the resolution target at least as long as the response target.',
      });
    }
  }
  return findings;
}
