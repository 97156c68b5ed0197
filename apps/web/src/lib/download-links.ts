import type { DocumentFormat } from '@accord/protocol/api';

/** A download a sponsor is offered for a version. */
export interface DownloadLink {
  readonly format: DocumentFormat;
  readonly label: string;
}

/** The SLA and justification, for people to read and sign. */
export const DOCUMENT_LINKS: readonly DownloadLink[] = [
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML' },
  { format: 'md', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
  { format: 'openslo', label: 'OpenSLO YAML' },
];

/** Operational exports: the agreed SLA in the tools that run SLOs and calendars (docs/documents.md says what each carries). */
export const EXPORT_LINKS: readonly DownloadLink[] = [
  { format: 'sloth', label: 'Sloth spec' },
  { format: 'prometheus', label: 'Prometheus rules' },
  { format: 'datadog', label: 'Datadog SLOs' },
  { format: 'zabbix', label: 'Zabbix SLA' },
  { format: 'ics', label: 'Calendar (.ics)' },
];
