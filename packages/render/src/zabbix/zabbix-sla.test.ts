import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { weeklySeconds } from '@accord/core/calendar';
import { hostileRequirements, inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderZabbix } from './zabbix-sla.ts';

/**
 * The field rules of Zabbix's SLA API, as its documentation states them (Zabbix manual, API reference, "SLA object"
 * and "sla.create", versions 6.0 to 7.4: https://www.zabbix.com/documentation/current/en/manual/api/reference/sla/object).
 * - name: string, required for create; period: 0 daily, 1 weekly, 2 monthly, 3 quarterly, 4 annually, required;
 *   slo: float 0-100 "up to 4 fractional digits", required; effective_date: "date timestamp in UTC";
 *   timezone: required, a PHP (IANA) time zone; status: 0 or 1; description: string.
 * - sla.create also takes service_tags (required), schedule ("an empty parameter will be interpreted as a 24x7
 *   schedule") and excluded_downtimes.
 * - Schedule: period_from (inclusive) and period_to (exclusive), required, "number of seconds (counting from Sunday)"
 *   of a recurrent weekly period, so within 0..604800.
 * - Excluded downtime: name (required), period_from (inclusive) and period_to (exclusive), required timestamps.
 * - Service tag: tag (required), operator 0 (equals, default) or 2 (contains), value.
 * Names are stored in 255-character columns. Unknown properties are rejected by the API, hence strict objects.
 */
const weekSeconds = z.number().int().min(0).max(604_800);
const fourDecimals = (n: number): boolean => Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6;
const zabbixSla = z.strictObject({
  name: z.string().min(1).max(255),
  period: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  slo: z.number().min(0).max(100).refine(fourDecimals, 'at most 4 fractional digits'),
  effective_date: z.number().int().nonnegative().optional(),
  timezone: z.string().refine((zone) => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
    } catch {
      return false;
    }
  }, 'an IANA time zone'),
  status: z.union([z.literal(0), z.literal(1)]).optional(),
  description: z.string().optional(),
  service_tags: z
    .array(
      z.strictObject({
        tag: z.string().min(1).max(255),
        operator: z.union([z.literal(0), z.literal(2)]).optional(),
        value: z.string().max(255).optional(),
      }),
    )
    .min(1),
  schedule: z.array(
    z
      .strictObject({ period_from: weekSeconds, period_to: weekSeconds })
      .refine((p) => p.period_from < p.period_to, 'period_from before period_to'),
  ),
  excluded_downtimes: z.array(
    z
      .strictObject({
        name: z.string().min(1).max(255),
        period_from: z.number().int().nonnegative(),
        period_to: z.number().int().nonnegative(),
      })
      .refine((p) => p.period_from < p.period_to, 'period_from before period_to'),
  ),
});
const slaCreate = z.strictObject({
  jsonrpc: z.literal('2.0'),
  method: z.literal('sla.create'),
  params: z.array(zabbixSla).min(1),
  id: z.number().int(),
});

function request(requirements = messagingRequirements()): z.infer<typeof slaCreate> {
  const input = inputFor(requirements, PUBLISHED);
  return slaCreate.parse(JSON.parse(renderZabbix(input.record, input.hash)));
}

describe('renderZabbix', () => {
  const { params } = request();

  it('writes one sla.create request that follows the documented field rules', () => {
    expect(params.map((p) => [p.slo, p.period, p.timezone])).toEqual([
      [99.9, 2, 'Europe/Berlin'],
      [99.9, 2, 'Europe/Berlin'],
      [99.5, 2, 'Europe/Berlin'],
      [99, 2, 'Europe/Berlin'],
    ]);
    expect(params[0]?.effective_date).toBe(Date.UTC(2027, 0, 1) / 1000);
    expect(params[0]?.service_tags).toEqual([
      { tag: 'accord', operator: 0, value: 'enterprise-messaging-exchange-server-2007:mailbox-access' },
    ]);
    // The schema is not a formality: it refuses what Zabbix refuses.
    expect(zabbixSla.safeParse({ ...params[0], slo: 99.12345 }).success).toBe(false);
    expect(zabbixSla.safeParse({ ...params[0], schedule: [{ period_from: 0, period_to: 700_000 }] }).success).toBe(
      false,
    );
    expect(zabbixSla.safeParse({ ...params[0], sla_id: 1 }).success).toBe(false);
  });

  it('gives service hours as the weekly schedule from Sunday 00:00, and 24x7 as an empty schedule', () => {
    const mailbox = params[0];
    expect(mailbox?.schedule[0]).toEqual({ period_from: 86_400 + 7 * 3600, period_to: 86_400 + 19 * 3600 });
    const scheduled = (mailbox?.schedule ?? []).reduce((sum, p) => sum + p.period_to - p.period_from, 0);
    const calendar = messagingRequirements().calendars.find((c) => c.id === 'business-hours');
    expect(scheduled).toBe(calendar ? weeklySeconds(calendar) : NaN);
    expect(params[2]?.schedule).toEqual([]);
  });

  it('excludes maintenance and holidays occurrence by occurrence over the years the file covers', () => {
    const webmail = params[2]?.excluded_downtimes ?? [];
    // The Sunday patch window, 4 h each Sunday of 2027-2031 (261 Sundays), at 02:00 Berlin time.
    expect(webmail).toHaveLength(261);
    expect(webmail[0]).toEqual({
      name: 'Sunday patch window 2027-01-03',
      period_from: Date.UTC(2027, 0, 3, 1) / 1000,
      period_to: Date.UTC(2027, 0, 3, 5) / 1000,
    });
    const mailbox = params[0]?.excluded_downtimes ?? [];
    expect(mailbox.find((d) => d.name === 'Holiday 2027-12-24 Christmas Eve (company closing day)')).toEqual({
      name: 'Holiday 2027-12-24 Christmas Eve (company closing day)',
      period_from: Date.UTC(2027, 11, 24, 6) / 1000,
      period_to: Date.UTC(2027, 11, 24, 18) / 1000,
    });
  });

  it('keeps hostile text as JSON string data within the documented limits', () => {
    const hostile = hostileRequirements();
    const parsed = request(hostile);
    expect(parsed.params[0]?.name).toBe(`${hostile.meta.service}: ${hostile.functions[0]?.name ?? ''} availability`);
  });
});
