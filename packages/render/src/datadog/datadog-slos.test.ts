import { v1 } from '@datadog/datadog-api-client';
import { describe, expect, it } from 'vitest';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderDatadog } from './datadog-slos.ts';
import { weeklyGaps } from './outside-hours.ts';

interface DatadogFile {
  accord: { apply: string; cannotExpress: string };
  slos: {
    key: string;
    slo: Record<string, unknown>;
    corrections: { data: { type: string; attributes: Record<string, unknown> } }[];
  }[];
}

const input = inputFor(messagingRequirements(), PUBLISHED);
const file = JSON.parse(renderDatadog(input.record, input.hash)) as DatadogFile;

/** Every object the client's deserializer built: none may be unparsed or carry keys the model does not define. */
function assertModelled(value: unknown, path = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertModelled(v, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  expect(record._unparsed, `${path} does not match the Datadog model`).toBeUndefined();
  expect(record.additionalProperties, `${path} has keys the Datadog model does not define`).toBeUndefined();
  for (const [key, child] of Object.entries(record)) assertModelled(child, `${path}.${key}`);
}

describe('renderDatadog', () => {
  it('writes SLO requests the official client deserializes as ServiceLevelObjectiveRequest, with no unknown field', () => {
    expect(file.slos.map((s) => s.key)).toEqual([
      'mailbox-access-availability',
      'mail-flow-availability',
      'webmail-availability',
      'mobile-sync-availability',
    ]);
    for (const entry of file.slos) {
      const request = v1.ObjectSerializer.deserialize(
        entry.slo,
        'ServiceLevelObjectiveRequest',
        '',
      ) as v1.ServiceLevelObjectiveRequest;
      assertModelled(request);
      expect(request.type).toBe('metric');
      expect(request.thresholds[0]?.timeframe).toBe('30d');
      // And back: serialising gives the same wire JSON, so no field was renamed or dropped.
      expect(v1.ObjectSerializer.serialize(request, 'ServiceLevelObjectiveRequest', '')).toEqual(entry.slo);
    }
    const mailbox = file.slos[0]?.slo as { thresholds: { target: number; warning: number }[] };
    expect(mailbox.thresholds).toEqual([{ timeframe: '30d', target: 99.9, warning: 99.95 }]);
  });

  it('writes corrections the client deserializes as SLOCorrectionCreateRequest, with a category, rrule, duration and zone', () => {
    for (const entry of file.slos) {
      for (const correction of entry.corrections) {
        const request = v1.ObjectSerializer.deserialize(
          correction,
          'SLOCorrectionCreateRequest',
          '',
        ) as v1.SLOCorrectionCreateRequest;
        assertModelled(request);
        expect(v1.ObjectSerializer.serialize(request, 'SLOCorrectionCreateRequest', '')).toEqual(correction);
        const attributes = request.data?.attributes;
        expect(attributes?.timezone).toBe('Europe/Berlin');
        expect(attributes?.rrule === undefined ? attributes?.end : attributes.duration).toBeGreaterThan(0);
      }
    }
    const mailbox = file.slos[0]?.corrections.map((c) => c.data.attributes) ?? [];
    expect(mailbox.filter((a) => a.category === 'Scheduled Maintenance').map((a) => [a.rrule, a.duration])).toEqual([
      ['FREQ=WEEKLY;BYDAY=SU;UNTIL=20311231T225959Z', 14_400],
    ]);
    const weekly = mailbox.filter((a) => a.category === 'Outside Business Hours' && a.rrule !== undefined);
    expect(weekly.reduce((sum, a) => sum + Number(a.duration), 0)).toBe((168 - 60) * 3600);
    // Holidays on weekdays in 2027-2031 are one-off corrections of that day's hours.
    const christmasEve = mailbox.find((a) => String(a.description).startsWith('Holiday 2027-12-24'));
    expect(christmasEve).toMatchObject({
      start: Date.UTC(2027, 11, 24, 6) / 1000,
      end: Date.UTC(2027, 11, 24, 18) / 1000,
    });
    // Webmail is measured 24x7 less the Sunday window: maintenance corrections only.
    expect(new Set(file.slos[2]?.corrections.map((c) => c.data.attributes.category))).toEqual(
      new Set(['Scheduled Maintenance']),
    );
  });

  it('says how to attach corrections and what Datadog cannot express', () => {
    expect(file.accord.apply).toContain('slo_id');
    expect(file.accord.cannotExpress).toContain('rolling 7, 30 or 90 days');
  });
});

describe('weeklyGaps', () => {
  it("gives the week outside a calendar's hours, one gap per start day, wrapping past Sunday", () => {
    expect(
      weeklyGaps({
        slots: [
          { day: 'mon', start: '07:00', end: '19:00' },
          { day: 'fri', start: '07:00', end: '19:00' },
        ],
      }),
    ).toEqual([
      { day: 'mon', startMinute: 19 * 60, minutes: 3 * 1440 + 12 * 60 },
      { day: 'fri', startMinute: 19 * 60, minutes: 2 * 1440 + 12 * 60 },
    ]);
    expect(
      weeklyGaps({
        slots: [
          { day: 'sun', start: '22:00', end: '24:00' },
          { day: 'mon', start: '00:00', end: '06:00' },
        ],
      }),
    ).toEqual([{ day: 'mon', startMinute: 360, minutes: 7 * 1440 - 8 * 60 }]);
    expect(weeklyGaps({ slots: [] })).toEqual([{ day: 'mon', startMinute: 0, minutes: 7 * 1440 }]);
  });
});
