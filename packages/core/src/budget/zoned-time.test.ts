import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { localToUtc, utcToWall } from './zoned-time.ts';

// Temporal is the oracle: the same tz database (through Intl), an independent algorithm for offsets and the
// "compatible" disambiguation (a repeated hour takes the earlier instant, a skipped one moves forward).
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'America/New_York',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'Asia/Gaza',
  'Antarctica/Troll',
] as const;

const FROM_MS = Date.UTC(1970, 0, 1);
const TO_MS = Date.UTC(2100, 0, 1);
const zone = fc.constantFrom(...ZONES);
const instant = fc.integer({ min: FROM_MS, max: TO_MS });

const wallOf = (dateTime: Temporal.PlainDateTime): number =>
  Date.UTC(
    dateTime.year,
    dateTime.month - 1,
    dateTime.day,
    dateTime.hour,
    dateTime.minute,
    dateTime.second,
    dateTime.millisecond,
  );
const plainOf = (wallMs: number): Temporal.PlainDateTime => {
  const d = new Date(wallMs);
  return new Temporal.PlainDateTime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
};
const oracleWall = (z: string, utcMs: number): number =>
  wallOf(Temporal.Instant.fromEpochMilliseconds(utcMs).toZonedDateTimeISO(z).toPlainDateTime());
const oracleUtc = (z: string, wallMs: number): number =>
  plainOf(wallMs).toZonedDateTime(z, { disambiguation: 'compatible' }).epochMilliseconds;

/** A transition of the zone after an instant, if any before 2100. */
function nextTransition(z: string, utcMs: number): number | undefined {
  const next = Temporal.Instant.fromEpochMilliseconds(utcMs).toZonedDateTimeISO(z).getTimeZoneTransition('next');
  return next && next.epochMilliseconds < TO_MS ? next.epochMilliseconds : undefined;
}

describe('zoned time against Temporal', () => {
  it('repeated hour: Europe/Berlin 2026-10-25 02:30 is 00:30Z (the earlier instant)', () => {
    expect(new Date(localToUtc('Europe/Berlin', Date.UTC(2026, 9, 25, 2, 30))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(new Date(localToUtc('Europe/Berlin', Date.UTC(2026, 2, 29, 2, 30))).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('is exact at a change off the quarter hour: Monrovia left −0:44:30 at 1972-01-07 00:44:30Z', () => {
    expect(utcToWall('Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 44, 40))).toBe(Date.UTC(1972, 0, 7, 0, 44, 40));
    expect(utcToWall('Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 44, 20))).toBe(Date.UTC(1972, 0, 6, 23, 59, 50));
  });

  it('gives the wall time of any instant', () => {
    fc.assert(
      fc.property(zone, instant, (z, utcMs) => {
        expect(utcToWall(z, utcMs)).toBe(oracleWall(z, utcMs));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the instant of any wall time', () => {
    fc.assert(
      fc.property(zone, instant, (z, wallMs) => {
        expect(localToUtc(z, wallMs)).toBe(oracleUtc(z, wallMs));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees around clock changes: instants and wall times within three hours of a transition', () => {
    fc.assert(
      fc.property(zone, instant, fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), (z, from, delta) => {
        const transition = nextTransition(z, from);
        if (transition === undefined) return;
        const utcMs = transition + delta;
        expect(utcToWall(z, utcMs)).toBe(oracleWall(z, utcMs));
        const wallMs = oracleWall(z, transition) + delta;
        expect(localToUtc(z, wallMs)).toBe(oracleUtc(z, wallMs));
      }),
      { numRuns: 600 },
    );
  });
});
