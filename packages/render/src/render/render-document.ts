import { renderDatadog } from '../datadog/datadog-slos.ts';
import { buildDocument } from '../document/build-document.ts';
import { renderHtml } from '../html/html-renderer.ts';
import { renderIcs } from '../ical/ics-calendar.ts';
import { renderMarkdown } from '../markdown/markdown-renderer.ts';
import { renderOpenSlo } from '../openslo/openslo-renderer.ts';
import { renderPdf } from '../pdf/pdf-renderer.ts';
import { renderPrometheusRules } from '../prometheus/prometheus-rules.ts';
import { renderSlothSpec } from '../sloth/sloth-spec.ts';
import { renderZabbix } from '../zabbix/zabbix-sla.ts';
import { canonicalVersionJson } from '../version/version-record.ts';
import type { DocumentFormat, RenderedDocument, RenderInput } from './render-input.ts';

export type { DocumentFormat, RenderedDocument, RenderInput, SponsorStatus } from './render-input.ts';
export { DOCUMENT_FORMATS } from './render-input.ts';

/**
 * Renders a version (or a draft) in one format. Pure and deterministic: the same input gives the same bytes,
 * PDF included. JSON is exactly the canonical version JSON whose SHA-256 is the hash, without sign-off state;
 * HTML, PDF and Markdown show the hash, the publication and the sign-off block; OpenSLO and the operational
 * exports (Sloth, Prometheus, Datadog, Zabbix, iCalendar) carry the availability commitments and their hours.
 *
 * @example
 * const json = canonicalVersionJson(record);
 * const pdf = await renderDocument('pdf', { record, hash: sha256Hex(json), signOff });
 */
export async function renderDocument(format: DocumentFormat, input: RenderInput): Promise<RenderedDocument> {
  switch (format) {
    case 'json':
      return { body: canonicalVersionJson(input.record), mediaType: 'application/json', extension: 'json' };
    case 'openslo':
      return { body: renderOpenSlo(input.record, input.hash), mediaType: 'application/yaml', extension: 'yaml' };
    case 'sloth':
      return {
        body: renderSlothSpec(input.record, input.hash),
        mediaType: 'application/yaml',
        extension: 'sloth.yaml',
      };
    case 'prometheus':
      return {
        body: renderPrometheusRules(input.record, input.hash),
        mediaType: 'application/yaml',
        extension: 'rules.yaml',
      };
    case 'datadog':
      return {
        body: renderDatadog(input.record, input.hash),
        mediaType: 'application/json',
        extension: 'datadog.json',
      };
    case 'zabbix':
      return { body: renderZabbix(input.record, input.hash), mediaType: 'application/json', extension: 'zabbix.json' };
    case 'ics':
      return { body: renderIcs(input.record, input.hash), mediaType: 'text/calendar; charset=utf-8', extension: 'ics' };
    case 'html':
      return { body: renderHtml(buildDocument(input)), mediaType: 'text/html; charset=utf-8', extension: 'html' };
    case 'md':
      return { body: renderMarkdown(buildDocument(input)), mediaType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'pdf':
      return {
        body: await renderPdf(buildDocument(input), input.record.version?.publishedAt),
        mediaType: 'application/pdf',
        extension: 'pdf',
      };
    default: {
      const unknown: never = format;
      throw new Error(`unknown document format ${String(unknown)}`);
    }
  }
}
