import { stringify } from 'yaml';
import { toOpenSloDisplayName, toOpenSloName } from '../text/openslo-name.ts';
import type { VersionRecord } from '../version/version-record.ts';
import { annotate, calendarText, findingsText, responseTargetsText } from './openslo-annotations.ts';
import { clip, sloDocument } from './openslo-slo.ts';

/**
 * The SLA's availability commitments as OpenSLO v1: one `Service`, then one `SLO` per function with a target,
 * as a multi-document YAML stream. Participant text only ever appears as YAML string values, which the `yaml`
 * library quotes as needed, so `: # - | > ' "`, line breaks and `---` cannot change the structure.
 */
export function renderOpenSlo(record: VersionRecord, hash: string): string {
  const { requirements, derivation, version } = record;
  const { meta } = requirements;
  const serviceName = toOpenSloName(meta.service);
  const service = {
    apiVersion: 'openslo/v1',
    kind: 'Service',
    metadata: {
      name: serviceName,
      displayName: toOpenSloDisplayName(meta.service),
      annotations: annotate([
        ['display-name', meta.service],
        ['workshop', meta.title],
        ['version', version ? String(version.number) : 'draft'],
        ['version-hash', hash],
        ['published-at', version?.publishedAt],
        ['published-by', version?.publishedBy],
        ['time-zone', meta.timeZone],
        ['budget-convention', derivation.convention],
        ['support-hours', calendarText(requirements, requirements.support.coverageCalendarId)],
        ['on-call-hours', calendarText(requirements, requirements.support.onCallCalendarId)],
        ['response-targets', responseTargetsText(requirements)],
        ['findings', findingsText(derivation)],
        [
          'not-expressible',
          'OpenSLO v1 has no fields for service hours, holidays, maintenance windows, RPO/RTO, support hours or response targets; they are carried as accord.dev/ annotations.',
        ],
      ]),
    },
    spec: { description: clip(meta.description || `${meta.service}, as agreed in the workshop "${meta.title}".`) },
  };
  const slos = derivation.functions.flatMap((fn) => {
    const doc = sloDocument(record, hash, serviceName, fn);
    return doc ? [doc] : [];
  });
  // No anchors or aliases; strings that YAML 1.1 readers (Go, Python) would take for booleans or
  // timestamps — "no", "2027-01-01 00:00:00" — are quoted, and the output is still plain YAML 1.2.
  return [service, ...slos]
    .map((doc) => `---\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' })}`)
    .join('');
}
