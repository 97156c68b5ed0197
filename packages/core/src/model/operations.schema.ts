import { z } from 'zod';
import {
  durationSecondsSchema,
  idSchema,
  provenanceSchema,
  retentionDaysSchema,
  rowIdSchema,
  throughputGbPerHourSchema,
  uniqueRowIds,
} from './common.schema.ts';
import { scenarioSchema } from './service.schema.ts';

export const backupTypeSchema = z.enum(['full', 'incremental', 'differential', 'snapshot']);

export const backupPlanSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  appliesTo: z.array(idSchema).max(64).default([]).describe('Business function ids; empty means every function.'),
  type: backupTypeSchema.default('full'),
  intervalSeconds: durationSecondsSchema.describe('Time between two backups (the RPO backups alone can give).'),
  retentionDays: retentionDaysSchema(0).describe('How long backups are kept: days, or a period like "10 years".'),
  offsiteCopies: z.number().int().nonnegative().default(0),
  restoreThroughputGbPerHour: throughputGbPerHourSchema.describe(
    'Measured restore speed: GB per hour, or a rate like "200 MB/s" or "1.2 TB/h" (decimal units).',
  ),
  restoreOverheadSeconds: durationSecondsSchema
    .default(0)
    .describe('Fixed time of a restore beyond copying: provisioning, log replay, checks.'),
  provenance: provenanceSchema.default({ requestedBy: '', rationale: '' }),
});
export type BackupPlan = z.infer<typeof backupPlanSchema>;

export const regulatoryRetentionSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  reference: z.string().max(500).default('').describe('The regulation or policy, e.g. a statute or audit rule.'),
  retentionDays: retentionDaysSchema(1).describe('The retention required: days, or a period like "10 years".'),
  appliesTo: z.array(idSchema).max(64).default([]),
});
export type RegulatoryRetention = z.infer<typeof regulatoryRetentionSchema>;

export const severitySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  definition: z.string().max(2000).default(''),
  fullOutage: z.boolean().default(false).describe('This severity covers a full outage of a business function.'),
  responseSeconds: durationSecondsSchema.optional(),
  resolutionSeconds: durationSecondsSchema.optional(),
  provenance: provenanceSchema.default({ requestedBy: '', rationale: '' }),
});
export type Severity = z.infer<typeof severitySchema>;

export const escalationContactSchema = z.object({
  id: rowIdSchema,
  level: z.number().int().min(1).max(9),
  name: z.string().min(1).max(200),
  role: z.string().max(200).default(''),
  contact: z.string().max(300).default(''),
  afterSeconds: durationSecondsSchema.default(0).describe('Escalate to this level after this long without resolution.'),
});

export const supportSchema = z.object({
  coverageCalendarId: idSchema.optional().describe('Calendar of staffed support hours.'),
  onCallCalendarId: idSchema.optional().describe('Calendar of on-call coverage outside staffed hours.'),
  severities: z.array(severitySchema).max(10).default([]),
  escalation: z.array(escalationContactSchema).max(20).superRefine(uniqueRowIds).default([]),
});
export type Support = z.infer<typeof supportSchema>;

export const likelihoodSchema = z.enum(['rare', 'unlikely', 'possible', 'likely', 'almost-certain']);
export const impactSchema = z.enum(['negligible', 'minor', 'moderate', 'major', 'severe']);

export const riskSchema = z.object({
  id: idSchema,
  threat: z.string().min(1).max(500),
  likelihood: likelihoodSchema,
  impact: impactSchema,
  mitigation: z.string().max(2000).default(''),
  owner: z.string().max(200).default(''),
  functionIds: z.array(idSchema).max(64).default([]),
});
export type Risk = z.infer<typeof riskSchema>;

export const recoveryTestSchema = z.object({
  id: idSchema,
  functionId: idSchema,
  scenario: scenarioSchema,
  kind: z.enum(['restore-test', 'failover-drill', 'site-switchover', 'tabletop']),
  everyDays: z.number().int().positive().describe('How often the test runs, days.'),
  lastRun: z.string().max(10).optional(),
});
export type RecoveryTest = z.infer<typeof recoveryTestSchema>;
