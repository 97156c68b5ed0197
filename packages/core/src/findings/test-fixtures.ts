import { deriveSla } from '../derive/derive-sla.ts';
import type { SlaDerivation } from '../derive/sla-derivation.ts';
import { requirementsSchema, type RequirementsInput } from '../model/index.ts';

const why = (rationale: string) => ({ source: 'business' as const, requestedBy: 'Head of Sales', rationale });

/**
 * A small workshop that is consistent: deriving it gives no finding at all. Each finding test changes one
 * thing to trigger a code, and a near-miss changes it a little less.
 */
export function cleanWorkshop(): RequirementsInput {
  return {
    formatVersion: 1,
    meta: { title: 'Mail SLA', service: 'Mail', timeZone: 'Europe/Berlin' },
    calendars: [
      {
        id: 'always',
        name: 'Around the clock',
        timeZone: 'Europe/Berlin',
        slots: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
          day,
          start: '00:00',
          end: '24:00',
        })),
      },
    ],
    components: [
      {
        id: 'mbx',
        name: 'Mailbox servers',
        role: 'mailbox',
        availability: { kind: 'percent', percent: 99.9 },
        instances: 2,
      },
    ],
    functions: [
      {
        id: 'mail',
        name: 'Mail',
        tier: 'critical',
        dependsOn: ['mbx'],
        dataSizeGb: 100,
        availability: { targetPercent: 99.9, provenance: why('Sales cannot quote without mail') },
        recovery: {
          'component-failure': { rpoSeconds: '5m', rtoSeconds: '30m', provenance: why('Half an hour is tolerable') },
        },
        design: [{ kind: 'ccr' }],
      },
    ],
    backups: [
      {
        id: 'nightly',
        name: 'Nightly backup',
        intervalSeconds: '24h',
        retentionDays: 30,
        offsiteCopies: 1,
        restoreThroughputGbPerHour: 100,
        restoreOverheadSeconds: '30m',
        provenance: why('Operations standard'),
      },
    ],
    support: {
      coverageCalendarId: 'always',
      severities: [
        {
          id: 'sev1',
          name: 'Severity 1',
          fullOutage: true,
          responseSeconds: '15m',
          resolutionSeconds: '30m',
          provenance: why('Outage costs €20k/h'),
        },
      ],
    },
    recoveryTests: [
      { id: 'drill', functionId: 'mail', scenario: 'component-failure', kind: 'failover-drill', everyDays: 90 },
    ],
  };
}

/** Derive a changed copy of the clean workshop. */
export function deriveWith(change: (input: RequirementsInput) => void): SlaDerivation {
  const input = structuredClone(cleanWorkshop());
  change(input);
  return deriveSla(requirementsSchema.parse(input));
}

export function codes(derivation: SlaDerivation): string[] {
  return derivation.findings.map((f) => f.code);
}

/** The first function of a workshop input, for concise changes in tests. */
export function mail(input: RequirementsInput) {
  const fn = input.functions?.[0];
  if (!fn) throw new Error('fixture has no function');
  return fn;
}
