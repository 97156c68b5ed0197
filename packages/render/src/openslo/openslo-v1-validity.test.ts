import fc from 'fast-check';
import { requirementsSchema, type Requirements } from '@accord/core/model';
import { templateById, TEMPLATES } from '@accord/core/templates';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { openSloV1Problems } from '../render/test-support/openslo-v1-rules.ts';
import type { OpenSloDoc } from '../render/test-support/renderer-cases.ts';
import { renderOpenSlo } from './openslo-renderer.ts';

function exportOf(requirements: Requirements): OpenSloDoc[] {
  const input = inputFor(requirements, PUBLISHED);
  const docs = parseAllDocuments(renderOpenSlo(input.record, input.hash));
  for (const doc of docs) expect(doc.errors).toEqual([]);
  return docs.map((d) => d.toJS() as OpenSloDoc);
}

const problemsOf = (docs: readonly OpenSloDoc[]): string[] => docs.flatMap((d) => openSloV1Problems(d));

const text = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');
const words = (max: number) =>
  fc
    .array(
      fc.constantFrom(
        'Mailbox',
        'access',
        'für',
        'Außendienst',
        'Outlook',
        'Web',
        'Access',
        '(OWA)',
        'and',
        'mobile',
        'Synchronisierung',
        '—',
        'ÄÖÜ',
        'x'.repeat(70),
      ),
      { minLength: 1, maxLength: max },
    )
    .map((w) => w.join(' '));
const target = fc.oneof(
  fc.double({ min: 0.001, max: 99.999999, noNaN: true }).map((targetPercent) => ({ targetPercent })),
  fc
    .constantFrom(99.99999999999, 99.9999999999999, 99.999999999999, 99.95, 50, 0.0001)
    .map((targetPercent) => ({ targetPercent })),
  // A tolerated downtime instead: from a second a year (a target just short of 100 %) to hours a week.
  fc
    .record({
      downtimeSeconds: fc.integer({ min: 1, max: 20 * 3600 }),
      per: fc.constantFrom('week', 'month', 'quarter', 'year'),
    })
    .map((toleratedDowntime) => ({ toleratedDowntime })),
);

/** Random variations of the template: names of any length and script, any target, any cadence and window. */
const randomRequirements = fc
  .record({
    service: fc.oneof(
      text(200),
      words(30).map((w) => w.slice(0, 200)),
    ),
    names: fc.array(
      fc.oneof(
        text(200),
        words(30).map((w) => w.slice(0, 200)),
      ),
      { minLength: 4, maxLength: 4 },
    ),
    targets: fc.array(target, { minLength: 4, maxLength: 4 }),
    cadence: fc.constantFrom('weekly', 'monthly', 'quarterly'),
    description: fc.string({ maxLength: 4000 }),
    serviceHours: fc.boolean(),
    validFrom: fc.constantFrom(undefined, '2026-02-28', '2027-12-31', '2028-02-29'),
  })
  .map((r) => {
    const base = messagingRequirements();
    return requirementsSchema.parse({
      ...base,
      meta: {
        ...base.meta,
        service: r.service,
        description: r.description,
        reportingCadence: r.cadence,
        validFrom: r.validFrom,
      },
      functions: base.functions.map((fn, i) => ({
        ...fn,
        name: r.names[i] ?? fn.name,
        availability: fn.availability && {
          ...fn.availability,
          targetPercent: undefined,
          ...(r.targets[i] ?? { targetPercent: 99.9 }),
          window:
            r.serviceHours && base.serviceHoursCalendarId
              ? { kind: 'service-hours', calendarId: base.serviceHoursCalendarId }
              : { kind: '24x7' },
        },
      })),
    });
  });

describe('every OpenSLO export passes the OpenSLO v1 rules of the official go-sdk', () => {
  it.each(TEMPLATES.map((t) => t.id))('the %s template', (id) => {
    const requirements = requirementsSchema.parse(templateById(id)?.requirements);
    expect(problemsOf(exportOf(requirements))).toEqual([]);
  });

  it('random requirements: any names, targets, cadences and windows', () => {
    fc.assert(
      fc.property(randomRequirements, (requirements) => {
        expect(problemsOf(exportOf(requirements))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('the rules catch what they are about (a display name of 64 characters, a target of 1, an unknown field)', () => {
    const [service, slo] = exportOf(messagingRequirements());
    const broken = structuredClone(slo) as unknown as {
      metadata: { displayName: string };
      spec: { objectives: { target: number }[]; extra?: boolean };
    };
    broken.metadata.displayName = 'x'.repeat(64);
    broken.spec.objectives[0]!.target = 1;
    broken.spec.extra = true;
    expect(openSloV1Problems(broken).join('\n')).toMatch(
      /displayName: length[\s\S]*unknown field[\s\S]*target: should be/,
    );
    expect(openSloV1Problems(service)).toEqual([]);
  });
});

describe('OpenSLO edge cases', () => {
  const long = 'Mailbox access for the field sales force and the regional branch offices';
  const withLongName = (): Requirements => {
    const base = messagingRequirements();
    return { ...base, functions: base.functions.map((fn, i) => (i === 0 ? { ...fn, name: long } : fn)) };
  };

  it('shortens a display name over 63 characters at a word and keeps the full name in an annotation', () => {
    const slo = exportOf(withLongName()).find((d) => d.kind === 'SLO');
    const displayName = String(slo?.metadata.displayName);
    expect([...displayName].length).toBeLessThanOrEqual(63);
    expect(displayName).toMatch(
      /^Mailbox access for the field sales force and the…: availability$|^Mailbox access .*…/,
    );
    expect(long.startsWith(displayName.split('…')[0] ?? '')).toBe(true);
    expect(displayName.split('…')[0]?.endsWith(' ')).toBe(false);
    expect(slo?.metadata.annotations?.['accord.dev/display-name']).toBe(`${long}: availability`);
  });

  it('writes a target of 99.99999999999 % strictly below 1 and never prints it as 100 %', () => {
    const base = messagingRequirements();
    const nines = {
      ...base,
      functions: base.functions.map((fn, i) =>
        i === 0 && fn.availability
          ? { ...fn, availability: { ...fn.availability, targetPercent: 99.99999999999 } }
          : fn,
      ),
    };
    const slo = exportOf(nines).find((d) => d.kind === 'SLO');
    const objective = slo?.spec.objectives?.[0];
    expect(objective?.target).toBeLessThan(1);
    expect(objective?.target).toBeGreaterThan(0.9999999999);
    expect(JSON.stringify(slo)).not.toContain('100 %');
    expect(slo?.spec.description).toContain('99.99999999999 %');
  });
});
