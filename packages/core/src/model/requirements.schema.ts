import { z } from 'zod';
import { idSchema, isoDateSchema, rowIdSchema, timeZoneSchema, uniqueRowIds } from './common.schema.ts';
import { calendarSchema } from './calendar.schema.ts';
import { platformSchema } from './platform.schema.ts';
import { agreementSchema } from './agreement.schema.ts';
import {
  businessFunctionSchema,
  componentSchema,
  maintenanceWindowSchema,
  redundancyGroupSchema,
} from './service.schema.ts';
import {
  backupPlanSchema,
  recoveryTestSchema,
  regulatoryRetentionSchema,
  riskSchema,
  supportSchema,
} from './operations.schema.ts';
import { attendeeSchema, decisionSchema, proposalSchema } from './collaboration.schema.ts';
import { checkReferences } from './references.ts';
import { impliedTarget } from '../budget/implied-target.ts';
import { measuredSecondsPerPeriod } from '../budget/downtime-budget.ts';

/** The version of the requirements file format this code reads and writes. */
export const FORMAT_VERSION = 1;

export const partySchema = z.object({
  name: z.string().max(200).default(''),
  contact: z.string().max(300).default(''),
});

export const sponsorSchema = z.object({
  id: rowIdSchema,
  name: z.string().min(1).max(200),
  role: z.string().max(200).default(''),
});

export const workshopMetaSchema = z.object({
  title: z.string().min(1).max(200),
  service: z.string().min(1).max(200).describe('The IT service the SLA is about.'),
  description: z.string().max(4000).default(''),
  timeZone: timeZoneSchema.describe("The workshop's reference time zone (IANA)."),
  provider: partySchema.default({ name: '', contact: '' }),
  customer: partySchema.default({ name: '', contact: '' }),
  sponsors: z.array(sponsorSchema).max(20).superRefine(uniqueRowIds).default([]),
  validFrom: isoDateSchema.optional(),
  reviewEveryMonths: z.number().int().min(1).max(36).default(12),
  reportingCadence: z.enum(['weekly', 'monthly', 'quarterly']).default('monthly'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a currency is its three-letter ISO 4217 code, e.g. EUR')
    .optional()
    .describe('Currency of money amounts (the cost of downtime), as its ISO 4217 code.'),
  exclusions: z.array(z.string().max(1000)).max(50).default([]),
  platform: platformSchema
    .optional()
    .describe('The messaging platform and version: options of later versions are offered only as upgrades.'),
});
export type WorkshopMeta = z.infer<typeof workshopMetaSchema>;

const requirementsShape = z.object({
  formatVersion: z.literal(FORMAT_VERSION).describe('Requirements file format version; this is version 1.'),
  meta: workshopMetaSchema,
  calendars: z.array(calendarSchema).max(50).default([]),
  components: z.array(componentSchema).max(200).default([]),
  groups: z.array(redundancyGroupSchema).max(100).default([]),
  functions: z.array(businessFunctionSchema).max(100).default([]),
  maintenance: z.array(maintenanceWindowSchema).max(50).default([]),
  serviceHoursCalendarId: idSchema.optional().describe('The calendar of service hours used for reporting.'),
  backups: z.array(backupPlanSchema).max(50).default([]),
  regulatory: z.array(regulatoryRetentionSchema).max(50).default([]),
  support: supportSchema.default({ severities: [], escalation: [] }),
  risks: z.array(riskSchema).max(200).default([]),
  recoveryTests: z.array(recoveryTestSchema).max(200).default([]),
  proposals: z.array(proposalSchema).max(1000).default([]),
  decisions: z.array(decisionSchema).max(2000).default([]),
  attendance: z.array(attendeeSchema).max(500).default([]),
  agreement: agreementSchema
    .optional()
    .describe(
      'The SLA sections beyond the numbers: measurement terms, responsibilities, contracts, breach, security, contacts, glossary, history, investments.',
    ),
});

/**
 * A workshop's requirements: everything the stakeholders agree on, in one validated value.
 * Cross-references (calendar ids, dependency ids, duplicate ids, dependency cycles) are checked too, and a
 * tolerated downtime per period is turned into the exact target it implies over the function's measured time
 * (its service hours, less the maintenance it excludes), so every consumer reads one `targetPercent`.
 */
export const requirementsSchema = requirementsShape.superRefine(checkReferences).transform((parsed, ctx) => ({
  ...parsed,
  functions: parsed.functions.map((fn, index) => {
    const availability = fn.availability;
    const tolerated = availability?.toleratedDowntime;
    if (!availability || !tolerated) return fn;
    const window = availability.window;
    const calendar =
      window.kind === 'service-hours' ? parsed.calendars.find((c) => c.id === window.calendarId) : undefined;
    const excluded = parsed.maintenance.filter(
      (m) => !m.counted && (m.appliesTo.length === 0 || m.appliesTo.includes(fn.id)),
    );
    const implied = impliedTarget(tolerated, measuredSecondsPerPeriod(calendar ?? '24x7', excluded)[tolerated.per]);
    if (!implied.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['functions', index, 'availability', 'toleratedDowntime', 'downtimeSeconds'],
        message: implied.error,
      });
      return fn;
    }
    return { ...fn, availability: { ...availability, targetPercent: implied.targetPercent } };
  }),
}));
export type Requirements = z.infer<typeof requirementsSchema>;
/** The shape a requirements file may be written in (durations as "4h", defaults omitted). */
export type RequirementsInput = z.input<typeof requirementsSchema>;
