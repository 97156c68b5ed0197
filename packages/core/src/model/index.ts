/** The requirements model: schemas and types of everything a workshop agrees on. */
export {
  EMPTY_PROVENANCE,
  WEEKDAYS,
  clockTimeSchema,
  durationSecondsSchema,
  idSchema,
  isTimeZone,
  isoDateSchema,
  provenanceSchema,
  sourceSchema,
  timeZoneSchema,
  weekdaySchema,
} from './common.schema.ts';
export type { Provenance, RequirementSource, Weekday } from './common.schema.ts';
export {
  calendarSchema,
  holidayRegionSchema,
  holidaySchema,
  recurrenceSchema,
  weeklySlotSchema,
} from './calendar.schema.ts';
export type { Calendar, HolidayRegion, Recurrence, WeeklySlot } from './calendar.schema.ts';
export {
  SCENARIOS,
  availabilityRequirementSchema,
  businessFunctionSchema,
  componentAvailabilitySchema,
  componentRoleSchema,
  componentSchema,
  maintenanceWindowSchema,
  measurementWindowSchema,
  protectionKindSchema,
  protectionSchema,
  recoveryObjectiveSchema,
  redundancyGroupSchema,
  scenarioSchema,
  tierSchema,
} from './service.schema.ts';
export type {
  AvailabilityRequirement,
  BusinessFunction,
  Component,
  ComponentAvailability,
  MaintenanceWindow,
  MeasurementWindow,
  Protection,
  ProtectionKind,
  RecoveryObjective,
  RedundancyGroup,
  Scenario,
} from './service.schema.ts';
export {
  backupPlanSchema,
  backupTypeSchema,
  escalationContactSchema,
  impactSchema,
  likelihoodSchema,
  recoveryTestSchema,
  regulatoryRetentionSchema,
  riskSchema,
  severitySchema,
  supportSchema,
} from './operations.schema.ts';
export type { BackupPlan, RecoveryTest, RegulatoryRetention, Risk, Severity, Support } from './operations.schema.ts';
export {
  attendeeSchema,
  ballotSchema,
  decisionSchema,
  fieldPathSchema,
  proposalSchema,
  proposalValueSchema,
  voteSchema,
} from './collaboration.schema.ts';
export type { Attendee, Ballot, Decision, FieldPath, Proposal, ProposalValue, Vote } from './collaboration.schema.ts';
export {
  FORMAT_VERSION,
  partySchema,
  requirementsSchema,
  sponsorSchema,
  workshopMetaSchema,
} from './requirements.schema.ts';
export type { Requirements, RequirementsInput, WorkshopMeta } from './requirements.schema.ts';
export { formatPath, parseRequirementsText, validateRequirements } from './requirements-file.ts';
export type { FileProblem, ParseRequirementsResult } from './requirements-file.ts';
export { PLATFORMS, PLATFORM_LABEL, platformOffers, platformSchema } from './platform.schema.ts';
export type { Platform } from './platform.schema.ts';
export {
  EMPTY_AGREEMENT,
  agreementSchema,
  contactSchema,
  glossaryEntrySchema,
  historyEntrySchema,
  investmentSchema,
  underpinningContractSchema,
} from './agreement.schema.ts';
export type { Agreement, Investment } from './agreement.schema.ts';
export { measurementSchema } from './measurement.schema.ts';
export type { Measurement } from './measurement.schema.ts';
export { changeMeaning, durationWords, type MonthOf } from './change-meaning.ts';
export { fieldBounds, type FieldBounds } from './field-bounds.ts';
