import type { DerivationContext } from '../derive/derivation-context.ts';
import { SCENARIOS, type Scenario } from '../model/index.ts';
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

/** The two targets every severity of the priority matrix states, in the order findings name them. */
const TARGETS = ['response', 'resolution'] as const;
type Target = (typeof TARGETS)[number];

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
        ...supportGapExceedsRtoText(
          gapStart(facts.supportGapStartUtcMs, ctx.zone),
          facts.supportGapSeconds,
          rto.scenario,
          rto.rtoSeconds,
        ),
      });
    }
    if (outage?.responseSeconds !== undefined && outage.responseSeconds > rto.rtoSeconds) {
      findings.push({
        code: 'RESPONSE_EXCEEDS_RTO',
        severity: 'error',
        functionId: facts.fn.id,
        scenario: rto.scenario,
        fields: [path.severity(outage.id, 'responseSeconds'), path.rto(facts.fn.id, rto.scenario)],
        ...responseExceedsRtoText(outage.name, outage.responseSeconds, rto.rtoSeconds),
      });
    }
  }
  for (const severity of support.severities) {
    const missing = TARGETS.filter((target) => severity[`${target}Seconds`] === undefined);
    if (missing.length > 0) {
      findings.push({
        code: 'PRIORITY_MATRIX_INCOMPLETE',
        severity: 'warning',
        fields: missing.map((m) => path.severity(severity.id, `${m}Seconds`)),
        ...priorityTargetsMissingText(severity.name, missing),
      });
    } else if ((severity.resolutionSeconds ?? 0) < (severity.responseSeconds ?? 0)) {
      findings.push({
        code: 'PRIORITY_MATRIX_INCOMPLETE',
        severity: 'warning',
        fields: [path.severity(severity.id, 'responseSeconds'), path.severity(severity.id, 'resolutionSeconds')],
        ...priorityResolvesBeforeResponseText(
          severity.name,
          severity.resolutionSeconds ?? 0,
          severity.responseSeconds ?? 0,
        ),
      });
    }
  }
  return findings;
}

// What each finding says, one function per code, so the rules above read as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

/** `gapStart` is the opening of the sentence: 'From Sunday 20:00 (Europe/Berlin) nobody' or 'Nobody'. */
function supportGapExceedsRtoText(gapStart: string, gapSeconds: number, scenario: Scenario, rtoSeconds: number): Text {
  return {
    message: `${gapStart} is on duty or on call for ${human(gapSeconds)} of measured time in a row, longer than the ${scenario.replace('-', ' ')} RTO of ${human(rtoSeconds)}: an outage then cannot be recovered in time.`,
    fix: `Extend support or on-call coverage so no gap exceeds ${human(rtoSeconds)}, or raise the RTO to ${human(gapSeconds)}.`,
  };
}

function responseExceedsRtoText(severity: string, responseSeconds: number, rtoSeconds: number): Text {
  return {
    message: `A full outage is ${severity}, whose response target of ${human(responseSeconds)} is longer than the RTO of ${human(rtoSeconds)}: recovery cannot even start in time.`,
    fix: `Shorten the ${severity} response target to well under ${human(rtoSeconds)}, or raise the RTO.`,
  };
}

/** PRIORITY_MATRIX_INCOMPLETE when a severity lacks its response target, its resolution target or both (exported for its tests). */
export function priorityTargetsMissingText(severity: string, missing: readonly Target[]): Text {
  return {
    message: `${severity} has no ${missing.join(' or ')} target.`,
    fix: `State the ${missing.join(' and ')} target of ${severity}.`,
  };
}

/** PRIORITY_MATRIX_INCOMPLETE when a severity must be resolved sooner than it is answered. */
function priorityResolvesBeforeResponseText(
  severity: string,
  resolutionSeconds: number,
  responseSeconds: number,
): Text {
  return {
    message: `${severity} must be resolved within ${human(resolutionSeconds)} but only answered within ${human(responseSeconds)}.`,
    fix: 'Make the resolution target at least as long as the response target.',
  };
}
