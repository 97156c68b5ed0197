import type { FieldPath, Scenario } from '../model/index.ts';

/** Field paths the findings point at; the same addressing the Yjs binding and proposals use. */
export const path = {
  target: (fn: string): FieldPath => `/functions/${fn}/availability/targetPercent`,
  window: (fn: string): FieldPath => `/functions/${fn}/availability/window`,
  availabilityRationale: (fn: string): FieldPath => `/functions/${fn}/availability/provenance/rationale`,
  rto: (fn: string, scenario: Scenario): FieldPath => `/functions/${fn}/recovery/${scenario}/rtoSeconds`,
  rpo: (fn: string, scenario: Scenario): FieldPath => `/functions/${fn}/recovery/${scenario}/rpoSeconds`,
  recoveryRationale: (fn: string, scenario: Scenario): FieldPath =>
    `/functions/${fn}/recovery/${scenario}/provenance/rationale`,
  design: (fn: string): FieldPath => `/functions/${fn}/design`,
  protection: (fn: string, kind: string, field: string): FieldPath => `/functions/${fn}/design/${kind}/${field}`,
  dataSize: (fn: string): FieldPath => `/functions/${fn}/dataSizeGb`,
  databaseSize: (fn: string): FieldPath => `/functions/${fn}/databaseSizeGb`,
  dependsOn: (fn: string): FieldPath => `/functions/${fn}/dependsOn`,
  backup: (plan: string, field: string): FieldPath => `/backups/${plan}/${field}`,
  regulatory: (rule: string): FieldPath => `/regulatory/${rule}/retentionDays`,
  severity: (id: string, field: string): FieldPath => `/support/severities/${id}/${field}`,
  support: (field: string): FieldPath => `/support/${field}`,
  calendar: (id: string, field: string): FieldPath => `/calendars/${id}/${field}`,
  maintenance: (id: string, field: string): FieldPath => `/maintenance/${id}/${field}`,
  recoveryTests: (): FieldPath => '/recoveryTests',
  recoveryTest: (id: string, field: string): FieldPath => `/recoveryTests/${id}/${field}`,
  component: (id: string, field: string): FieldPath => `/components/${id}/${field}`,
};
