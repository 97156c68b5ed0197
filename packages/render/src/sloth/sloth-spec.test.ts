import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderSlothSpec } from './sloth-spec.ts';

interface Spec {
  version: string;
  service: string;
  slos: {
    name: string;
    objective: number;
    description: string;
    sli: { events: { error_query: string; total_query: string } };
    alerting: {
      name: string;
      page_alert: { labels: Record<string, string> };
      ticket_alert: { labels: Record<string, string> };
    };
  }[];
}

const input = inputFor(messagingRequirements(), PUBLISHED);
const spec = parse(renderSlothSpec(input.record, input.hash)) as Spec;

describe('renderSlothSpec', () => {
  it('writes one prometheus/v1 spec for the service with one SLO per availability commitment', () => {
    expect(spec.version).toBe('prometheus/v1');
    expect(spec.service).toBe('enterprise-messaging-exchange-server-2007');
    expect(spec.slos.map((s) => [s.name, s.objective])).toEqual([
      ['mailbox-access-availability', 99.9],
      ['mail-flow-availability', 99.9],
      ['webmail-availability', 99.5],
      ['mobile-sync-availability', 99],
    ]);
    // Sloth's names and Prometheus alert names: lowercase-hyphen SLO names, alphanumeric alert names.
    for (const slo of spec.slos) {
      expect(slo.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slo.alerting.name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    }
  });

  it("reads the checks of each function by the documented convention, with Sloth's window placeholder", () => {
    const mailbox = spec.slos[0];
    const selector = '{accord_service="enterprise-messaging-exchange-server-2007",accord_function="mailbox-access"}';
    expect(mailbox?.sli.events.error_query).toBe(
      `sum(rate(accord_availability_check_failures_total${selector}[{{.window}}])) or vector(0)`,
    );
    expect(mailbox?.sli.events.total_query).toBe(`sum(rate(accord_availability_checks_total${selector}[{{.window}}]))`);
  });

  it('routes page and ticket alerts, and says where Sloth differs from the SLA', () => {
    for (const slo of spec.slos) {
      expect(slo.alerting.page_alert.labels.severity).toBe('page');
      expect(slo.alerting.ticket_alert.labels.severity).toBe('ticket');
    }
    expect(spec.slos[0]?.description).toContain(
      'the SLA allows 15m 10s of downtime per month. Sloth applies the objective to every minute',
    );
    expect(spec.slos[3]?.description).toContain('every hour outside excluded maintenance');
  });
});
