import { toOpenSloName } from '../text/openslo-name.ts';
import type { VersionRecord } from '../version/version-record.ts';

/**
 * The naming convention of the availability checks every operational export reads. Accord cannot know how a
 * service is probed, so each export names two counters the monitoring team provides (from a blackbox
 * exporter, synthetic checks or recording rules of their own):
 *
 * - `accord_availability_checks_total`: every availability check of a business function;
 * - `accord_availability_check_failures_total`: the checks that failed (present and 0 while all pass);
 *
 * both labelled `accord_service="<service>"` (the service name folded to an RFC 1123 label) and
 * `accord_function="<function id>"`. Label values are built only from those two identifiers, so participant
 * text never reaches a query.
 */
export const CHECKS_METRIC = 'accord_availability_checks_total';
export const FAILURES_METRIC = 'accord_availability_check_failures_total';
export const SERVICE_LABEL = 'accord_service';
export const FUNCTION_LABEL = 'accord_function';

/** The service label value: the service name as an RFC 1123 label (`Messaging platform` → `messaging-platform`). */
export function serviceSlug(record: VersionRecord): string {
  return toOpenSloName(record.requirements.meta.service);
}

/** `{accord_service="mail",accord_function="mailbox-access"}`. Both values are `[a-z0-9-]`, so no escaping is needed. */
export function checkSelector(service: string, functionId: string): string {
  return `{${SERVICE_LABEL}="${service}",${FUNCTION_LABEL}="${functionId}"}`;
}

/** `mailbox-access` → `MailboxAccess`: a valid Prometheus alert name part. */
export function pascalName(id: string): string {
  const name = id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z]/.test(name) ? name : `F${name}`;
}

/**
 * Participant text for Prometheus annotations, which Prometheus (and Sloth, which passes them on) expands as Go
 * templates: `{{` starts an action, so it is written as the template that prints it. Line breaks become spaces.
 */
export function templateSafe(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\{\{/g, '{{ "{{" }}');
}
