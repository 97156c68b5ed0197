import { z } from 'zod';
import {
  durationSecondsSchema,
  idSchema,
  provenanceSchema,
  rowIdSchema,
  timeZoneSchema,
  uniqueRowIds,
} from './common.schema.ts';
import { recurrenceSchema } from './calendar.schema.ts';
import { impliedTarget } from '../budget/implied-target.ts';
import { PERIOD_SECONDS } from '../budget/periods.ts';
import { measurementSchema } from './measurement.schema.ts';

/** Availability of one part: a measured/vendor percentage, or derived from MTBF and MTTR. */
export const componentAvailabilitySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    percent: z.number().gt(0).lte(100).describe('Availability of one instance, e.g. 99.9.'),
  }),
  z.object({
    kind: z.literal('mtbf'),
    mtbfHours: z.number().positive().describe('Mean time between failures of one instance, hours.'),
    mttrHours: z.number().nonnegative().describe('Mean time to repair one instance, hours.'),
  }),
]);
export type ComponentAvailability = z.infer<typeof componentAvailabilitySchema>;

export const componentRoleSchema = z.enum([
  'mailbox',
  'client-access',
  'hub-transport',
  'edge-transport',
  'directory',
  'dns',
  'storage',
  'network',
  'load-balancer',
  'site',
  'application',
  'database',
  'other',
]);

/**
 * An infrastructure component. `instances` identical parts of which `required` must be up (k-of-n):
 * 1-of-1 is a single part, 1-of-2 an active/passive pair, 2-of-3 a pool that needs two.
 */
export const componentSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    role: componentRoleSchema.default('other'),
    availability: componentAvailabilitySchema,
    instances: z.number().int().min(1).max(64).default(1),
    required: z.number().int().min(1).max(64).default(1),
    stateless: z
      .boolean()
      .default(false)
      .describe('Stateless roles (client access, transport, edge) scale in load-balanced pools.'),
    notes: z.string().max(2000).default(''),
  })
  .refine((c) => c.required <= c.instances, { message: 'required must not exceed instances', path: ['required'] });
export type Component = z.infer<typeof componentSchema>;

/** A redundant group of different members (components or groups) of which `required` must be up. */
export const redundancyGroupSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  members: z.array(idSchema).min(1).max(32),
  required: z.number().int().min(1).max(32).default(1),
});
export type RedundancyGroup = z.infer<typeof redundancyGroupSchema>;

export const measurementWindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('24x7') }),
  z.object({ kind: z.literal('service-hours'), calendarId: idSchema }),
]);
export type MeasurementWindow = z.infer<typeof measurementWindowSchema>;

/** A planned maintenance window; `counted` windows are charged against the downtime budget. */
export const maintenanceWindowSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  timeZone: timeZoneSchema.optional(),
  recurrence: recurrenceSchema,
  durationSeconds: durationSecondsSchema,
  counted: z.boolean().describe('true: the window is charged against the budget; false: excluded from measured time.'),
  appliesTo: z.array(idSchema).max(64).default([]).describe('Business function ids; empty means every function.'),
  provenance: provenanceSchema.default({ requestedBy: '', rationale: '' }),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/** A downtime tolerated per period ("1h" per month), stated instead of a target. */
export const toleratedDowntimeSchema = z.object({
  downtimeSeconds: durationSecondsSchema.describe(
    'The downtime tolerated in one period: seconds or a duration like "1h".',
  ),
  per: z.enum(['day', 'week', 'month', 'quarter', 'year']).describe('The period the downtime is tolerated in.'),
});
export type ToleratedDowntime = z.infer<typeof toleratedDowntimeSchema>;

/**
 * An availability commitment: a target in percent, or the downtime tolerated per period (`toleratedDowntime:
 * { downtimeSeconds: 1h, per: month }`), from which the requirements' parse derives the exact target.
 */
export const availabilityRequirementSchema = z
  .object({
    targetPercent: z
      .number()
      .gt(0)
      .lt(100)
      .optional()
      .describe('Availability target in percent, e.g. 99.9 (or state toleratedDowntime instead).'),
    toleratedDowntime: toleratedDowntimeSchema
      .optional()
      .describe(
        'The downtime tolerated per period, stated instead of a target; the exact target it implies is derived.',
      ),
    window: measurementWindowSchema.default({ kind: '24x7' }),
    downtimeCostPerHour: z.number().nonnegative().optional().describe('Business cost of one hour of downtime.'),
    provenance: provenanceSchema.default({ requestedBy: '', rationale: '' }),
  })
  .superRefine((a, ctx) => {
    if ((a.targetPercent === undefined) === (a.toleratedDowntime === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: a.targetPercent === undefined ? ['targetPercent'] : ['toleratedDowntime'],
        message:
          a.targetPercent === undefined
            ? 'state a target (targetPercent: 99.9) or a tolerated downtime (toleratedDowntime: { downtimeSeconds: 1h, per: month })'
            : 'state either targetPercent or toleratedDowntime, not both: the target is derived from the tolerated downtime',
      });
    }
  })
  .transform((a, ctx) => {
    if (a.targetPercent !== undefined) return { ...a, targetPercent: a.targetPercent };
    // Neither stated: the refinement above has said so.
    if (!a.toleratedDowntime) return z.NEVER;
    // Alone, a commitment knows only its period; `requirementsSchema` derives the target again over the
    // function's measured time (service hours, less excluded maintenance).
    const implied = impliedTarget(a.toleratedDowntime, PERIOD_SECONDS[a.toleratedDowntime.per]);
    if (!implied.ok) {
      ctx.addIssue({ code: 'custom', path: ['toleratedDowntime', 'downtimeSeconds'], message: implied.error });
      return z.NEVER;
    }
    return { ...a, targetPercent: implied.targetPercent };
  });
/** An availability commitment as the model holds it: always with its target, stated or derived exactly. */
export type AvailabilityRequirement = z.infer<typeof availabilityRequirementSchema>;

export const scenarioSchema = z.enum(['component-failure', 'site-loss', 'data-corruption']);
export type Scenario = z.infer<typeof scenarioSchema>;
export const SCENARIOS: readonly Scenario[] = scenarioSchema.options;

export const recoveryObjectiveSchema = z.object({
  rpoSeconds: durationSecondsSchema.describe('Recovery point objective: the most data loss tolerated.'),
  rtoSeconds: durationSecondsSchema.describe(
    'Recovery time objective: the longest outage tolerated for this scenario.',
  ),
  provenance: provenanceSchema.default({ requestedBy: '', rationale: '' }),
});
export type RecoveryObjective = z.infer<typeof recoveryObjectiveSchema>;

/**
 * Protections already in the design (or chosen in the workshop). Vocabulary of the reference platform:
 * LCR, CCR, SCR, SCC, database availability groups (DAG) and lagged DAG copies, load-balanced pools, and the
 * transport's own protection (several Hub Transport and Edge servers, RAID queue disks, the transport dumpster).
 */
export const protectionKindSchema = z.enum([
  'backup-restore',
  'lcr',
  'ccr',
  'scr',
  'scc',
  'dag',
  'dag-lagged',
  'load-balanced-pool',
  'transport-redundancy',
  'synchronous-replication',
]);
export type ProtectionKind = z.infer<typeof protectionKindSchema>;

export const protectionSchema = z.object({
  id: rowIdSchema,
  kind: protectionKindSchema,
  replayLagSeconds: durationSecondsSchema
    .optional()
    .describe('Replay lag of a standby/lagged copy (SCR defaults to 24 h).'),
  activationSeconds: durationSecondsSchema
    .optional()
    .describe('Time for people to activate a copy that fails over manually.'),
  replayRateLogsPerHour: z
    .number()
    .positive()
    .optional()
    .describe(
      'Transaction logs the standby copy replays per hour, measured in a switchover drill (Exchange 2007 logs are 1 MB).',
    ),
  dumpsterMb: z
    .number()
    .positive()
    .optional()
    .describe(
      'Transport dumpster size per storage group, MB (Exchange 2007 default 18 MB; about 1.5 × the largest message allowed).',
    ),
});
export type Protection = z.infer<typeof protectionSchema>;

export const tierSchema = z.enum(['critical', 'high', 'medium', 'low']);

export const businessFunctionSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  tier: tierSchema.default('medium'),
  users: z.string().max(1000).default('').describe('Who uses the function and how many.'),
  dependsOn: z
    .array(idSchema)
    .max(64)
    .default([])
    .describe('Component, redundancy-group or business-function ids, all needed (serial).'),
  availability: availabilityRequirementSchema.optional(),
  recovery: z.partialRecord(scenarioSchema, recoveryObjectiveSchema).default({}),
  design: z.array(protectionSchema).max(16).superRefine(uniqueRowIds).default([]),
  dataSizeGb: z.number().nonnegative().optional().describe('Size of the data to restore for this function, GB.'),
  databaseSizeGb: z
    .number()
    .positive()
    .optional()
    .describe(
      'Size of one database, GB: a corruption hits one database, so that is what a restore copies (2007 guidance: about 100 GB, 200 GB with continuous replication).',
    ),
  logsPerHour: z
    .number()
    .positive()
    .optional()
    .describe(
      "Transaction logs the function's databases write per hour at peak: what a lagged standby copy has waiting to replay.",
    ),
  measurement: measurementSchema.optional().describe("How this function's availability is measured."),
  corruptionDetectionSeconds: durationSecondsSchema
    .optional()
    .describe(
      'How long a logical corruption typically goes unnoticed: the data a lagged copy loses when rolled forward to just before it.',
    ),
});
export type BusinessFunction = z.infer<typeof businessFunctionSchema>;
