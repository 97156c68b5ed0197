import { describe, expect, it } from 'vitest';
import { backupPlanSchema, regulatoryRetentionSchema } from '../model/index.ts';
import { parseDuration } from './duration.ts';
import { parseRetentionDays } from './retention.ts';
import { formatThroughput, parseThroughput } from './throughput.ts';

describe('parseThroughput (decimal units, stored as GB/h)', () => {
  it.each([
    ['200 MB/s', 720],
    ['720 GB/h', 720],
    ['1.2 TB/h', 1200],
    ['250', 250],
    ['1,5 TB/h', 1500],
    ['50 GB per hour', 50],
    ['10 GB/min', 600],
    ['0.5 gb/s', 1800],
  ])('reads %s as %f GB/h', (text, gbPerHour) => {
    const parsed = parseThroughput(text);
    expect(parsed.ok && parsed.gbPerHour).toBeCloseTo(gbPerHour, 9);
  });

  it.each([['fast'], ['200 MiB/s'], ['200 MB'], ['0 GB/h'], ['']])('refuses %j saying what to write', (text) => {
    const parsed = parseThroughput(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/MB\/s|above 0|more than 0/);
  });

  it('states both units in documents', () => {
    expect(formatThroughput(720)).toBe('720 GB/h (200 MB/s)');
  });
});

describe('years and months', () => {
  it('durations take mean Gregorian years and months', () => {
    expect(parseDuration('1 year')).toEqual({ ok: true, seconds: 31_556_952 });
    expect(parseDuration('2y')).toEqual({ ok: true, seconds: 63_113_904 });
    expect(parseDuration('1 month')).toEqual({ ok: true, seconds: 2_629_746 });
  });

  it('retention in years rounds up to whole days, never shortening what is stated', () => {
    expect(parseRetentionDays('10 years')).toEqual({ ok: true, days: 3653 });
    expect(parseRetentionDays('6 years')).toEqual({ ok: true, days: 2192 });
    expect(parseRetentionDays('30 days')).toEqual({ ok: true, days: 30 });
    expect(parseRetentionDays('90')).toEqual({ ok: true, days: 90 });
    expect(parseRetentionDays('ten years').ok).toBe(false);
  });
});

describe('the file format accepts the units', () => {
  it('a backup plan states its rate in MB/s and its retention in years', () => {
    const plan = backupPlanSchema.parse({
      id: 'b',
      name: 'B',
      intervalSeconds: '1d',
      retentionDays: '1 year',
      restoreThroughputGbPerHour: '200 MB/s',
    });
    expect(plan).toMatchObject({ retentionDays: 366, restoreThroughputGbPerHour: 720 });
    expect(regulatoryRetentionSchema.parse({ id: 'hgb', name: 'HGB', retentionDays: '10 years' }).retentionDays).toBe(
      3653,
    );
  });

  it('refuses a rate or retention it cannot read, naming it', () => {
    const result = backupPlanSchema.safeParse({
      id: 'b',
      name: 'B',
      intervalSeconds: '1d',
      retentionDays: 2.5,
      restoreThroughputGbPerHour: '200 MiB/s',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'retentionDays: must be a whole number of days, or a period like "10 years"',
      'restoreThroughputGbPerHour: "200 MiB/s" is not a data rate; write e.g. "200 MB/s", "720 GB/h" or "1.2 TB/h"',
    ]);
  });
});
