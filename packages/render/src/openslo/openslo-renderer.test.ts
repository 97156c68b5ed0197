import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import type { OpenSloDoc } from '../render/test-support/renderer-cases.ts';
import { RFC1123_LABEL } from '../text/openslo-name.ts';
import { renderOpenSlo } from './openslo-renderer.ts';
import { DESCRIPTION_MAX, targetRatio } from './openslo-slo.ts';
import { calendarStart } from './openslo-window.ts';

function documents(requirements = messagingRequirements()): OpenSloDoc[] {
  const input = inputFor(requirements, PUBLISHED);
  return parseAllDocuments(renderOpenSlo(input.record, input.hash)).map((d) => d.toJS() as OpenSloDoc);
}

describe('renderOpenSlo', () => {
  const docs = documents();
  const slos = docs.filter((d) => d.kind === 'SLO');

  it('writes a Service and one SLO per availability commitment, each a complete openslo/v1 object', () => {
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'SLO', 'SLO', 'SLO', 'SLO']);
    for (const doc of docs) {
      expect(doc.apiVersion).toBe('openslo/v1');
      expect(doc.metadata.name).toMatch(RFC1123_LABEL);
      expect(doc.spec).toBeTypeOf('object');
      expect((doc.spec.description ?? '').length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    }
    expect(new Set(docs.map((d) => d.metadata.name)).size).toBe(docs.length);
    for (const slo of slos) expect(slo.spec.service).toBe(docs[0]?.metadata.name);
  });

  it('gives each SLO the SLA target as a ratio', () => {
    const { derivation } = inputFor(messagingRequirements(), PUBLISHED).record;
    for (const fn of derivation.functions) {
      const slo = slos.find((s) => s.metadata.annotations?.['accord.dev/function-id'] === fn.id);
      const target = slo?.spec.objectives?.[0]?.target ?? NaN;
      expect(target).toBe(targetRatio(fn.target?.percent ?? NaN));
      expect(Math.abs(target * 100 - (fn.target?.percent ?? 0))).toBeLessThan(1e-9);
    }
    expect(targetRatio(99.9)).toBe(0.999);
  });

  it('uses one calendar-aligned window of the reporting period in the workshop zone: 1M is a month', () => {
    for (const slo of slos) {
      expect(slo.spec.timeWindow).toEqual([
        { duration: '1M', isRolling: false, calendar: { startTime: '2027-01-01 00:00:00', timeZone: 'Europe/Berlin' } },
      ]);
    }
    const base = messagingRequirements();
    const weekly = documents({ ...base, meta: { ...base.meta, reportingCadence: 'weekly' } }).filter(
      (d) => d.kind === 'SLO',
    );
    expect(weekly[0]?.spec.timeWindow?.[0]?.duration).toBe('1w');
    const quarterly = documents({ ...base, meta: { ...base.meta, reportingCadence: 'quarterly' } }).filter(
      (d) => d.kind === 'SLO',
    );
    expect(quarterly[0]?.spec.timeWindow?.[0]?.duration).toBe('1Q');
  });

  it('budgets with Timeslices and states the slice target and window it needs', () => {
    for (const slo of slos) {
      expect(slo.spec.budgetingMethod).toBe('Timeslices');
      expect(slo.spec.objectives?.[0]?.timeSliceTarget).toBeGreaterThan(0);
      expect(slo.spec.objectives?.[0]?.timeSliceTarget).toBeLessThanOrEqual(1);
      expect(slo.spec.objectives?.[0]?.timeSliceWindow).toBe('1m');
    }
  });

  it('carries what OpenSLO cannot express as accord.dev/ annotations with valid keys and string values', () => {
    const mailbox = slos.find((s) => s.metadata.annotations?.['accord.dev/function-id'] === 'mailbox-access');
    const notes = mailbox?.metadata.annotations ?? {};
    expect(notes['accord.dev/service-hours']).toBe('Business hours: Mon–Fri 07:00–19:00 (Europe/Berlin)');
    expect(notes['accord.dev/holidays']).toContain('2027-12-25 Christmas Day');
    expect(notes['accord.dev/maintenance-excluded']).toBe(
      'Sunday patch window: weekly, Sun 02:00 for 4h (Europe/Berlin)',
    );
    expect(notes['accord.dev/rto-site-loss']).toBe('8h');
    expect(notes['accord.dev/downtime-budget']).toContain('month 15m 10s');
    for (const doc of docs) {
      for (const [key, value] of Object.entries(doc.metadata.annotations ?? {})) {
        expect(key).toMatch(/^accord\.dev\/[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/);
        expect(value).toBeTypeOf('string');
      }
    }
  });

  it('never writes YAML anchors or aliases', () => {
    const input = inputFor(messagingRequirements(), PUBLISHED);
    expect(renderOpenSlo(input.record, input.hash)).not.toMatch(/[&*]a\d/);
  });
});

describe('calendarStart', () => {
  it('aligns to the Monday, the first of the month or of the quarter', () => {
    expect(calendarStart('week', '2027-01-01')).toBe('2026-12-28 00:00:00');
    expect(calendarStart('month', '2027-03-15')).toBe('2027-03-01 00:00:00');
    expect(calendarStart('quarter', '2027-05-20')).toBe('2027-04-01 00:00:00');
  });
});

describe('YAML safety', () => {
  it('quotes values that YAML 1.1 readers would take for booleans or timestamps', () => {
    const base = messagingRequirements();
    const input = inputFor({ ...base, meta: { ...base.meta, service: 'no' } }, PUBLISHED);
    const yaml = renderOpenSlo(input.record, input.hash);
    expect(yaml).toContain('displayName: "no"');
    expect(yaml).toContain('startTime: "2027-01-01 00:00:00"');
    const v11 = parseAllDocuments(yaml, { version: '1.1' }).map((d) => d.toJS() as OpenSloDoc);
    expect(v11[0]?.metadata.displayName).toBe('no');
    expect(v11[1]?.spec.timeWindow?.[0]?.calendar?.startTime).toBe('2027-01-01 00:00:00');
  });

  it("says in each SLO that the target over every minute is not the agreement's budget", () => {
    const mailbox = documents().find((d) => d.metadata.name === 'mailbox-access-availability');
    expect(mailbox?.spec.description).toContain(
      'Mailbox access: 99.9 % of the service hours of the Business hours calendar per month (Europe/Berlin). ' +
        'The agreement allows 15m 10s of downtime per month of measured time; applied to every minute, the target allows 43m 50s.',
    );
    expect(mailbox?.metadata.annotations?.['accord.dev/measurement-window']).toBe(
      'the service hours of the Business hours calendar',
    );
    // Webmail is measured 24x7 less the weekly Sunday patch window: a tool that counts that window misses every month.
    const webmail = documents().find((d) => d.metadata.name === 'webmail-availability');
    expect(webmail?.spec.description).toContain(
      'The agreement allows 3h 33m 56s of downtime per month of measured time; applied to every minute, the target allows 3h 39m 9s. ' +
        'Excluded maintenance takes 17h 23m 33s a month out of measured time: a tool must skip it (for example with a recurring SLO correction), or it counts as downtime.',
    );
  });
});
