interface ReportedFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly functionId?: string | undefined;
  readonly fields: readonly string[];
  readonly message: string;
  readonly fix: string;
}

const MARK: Readonly<Record<ReportedFinding['severity'], string>> = {
  error: 'ERROR  ',
  warning: 'WARNING',
  info: 'INFO   ',
};

/** Findings as a person reads them in a terminal: one block each, errors first, then a count line. */
export function formatFindings(findings: readonly ReportedFinding[]): string {
  if (findings.length === 0) return 'No findings: the requirements are consistent.\n';
  const lines: string[] = [];
  for (const finding of findings) {
    const where = finding.functionId ? ` [${finding.functionId}]` : '';
    lines.push(`${MARK[finding.severity]} ${finding.code}${where}`);
    lines.push(`  ${finding.message}`);
    lines.push(`  fix: ${finding.fix}`);
    if (finding.fields.length > 0) lines.push(`  fields: ${finding.fields.join(', ')}`);
    lines.push('');
  }
  const count = (severity: ReportedFinding['severity']): number =>
    findings.filter((f) => f.severity === severity).length;
  const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`,
  );
  return `${lines.join('\n')}\n`;
}
