/** The parts of a finding that a field's inline note needs. */
export interface FieldFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly fields: readonly string[];
  readonly message: string;
  readonly fix: string;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The errors and warnings of the live preview by each field they name, errors first, so the input a person
 * is editing says at once that it now contradicts something (on a phone the findings list is folded away).
 * Info findings stay in the list: they ask for nothing to be changed.
 */
export function findingsByField<F extends FieldFinding>(findings: readonly F[]): ReadonlyMap<string, readonly F[]> {
  const byField = new Map<string, F[]>();
  for (const finding of findings) {
    if (finding.severity === 'info') continue;
    for (const field of new Set(finding.fields)) {
      const list = byField.get(field);
      if (list) list.push(finding);
      else byField.set(field, [finding]);
    }
  }
  for (const list of byField.values()) list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return byField;
}

/** The one-line summary of a field's findings: "1 error", "2 errors, 1 warning". */
export function findingsSummary(findings: readonly Pick<FieldFinding, 'severity'>[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}
