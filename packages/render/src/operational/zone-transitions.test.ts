import { describe, expect, it } from 'vitest';
import { offsetSeconds, wallToUtcMs, zoneOffsets } from './zone-transitions.ts';

describe('zoneOffsets', () => {
  it('finds each clock change of a zone to the minute', () => {
    const berlin = zoneOffsets('Europe/Berlin', 2027, 2027);
    expect(berlin.initialSeconds).toBe(3600);
    // EU rule: last Sunday of March and of October, 01:00 UTC.
    expect(berlin.transitions).toEqual([
      { atUtcMs: Date.UTC(2027, 2, 28, 1), fromSeconds: 3600, toSeconds: 7200 },
      { atUtcMs: Date.UTC(2027, 9, 31, 1), fromSeconds: 7200, toSeconds: 3600 },
    ]);
    // Lord Howe Island moves its clocks by half an hour.
    const lordHowe = zoneOffsets('Australia/Lord_Howe', 2027, 2027);
    expect(lordHowe.transitions.map((t) => t.toSeconds - t.fromSeconds)).toEqual([-1800, 1800]);
    expect(zoneOffsets('UTC', 2027, 2031).transitions).toEqual([]);
    expect(zoneOffsets('Asia/Kolkata', 2027, 2027).initialSeconds).toBe(19_800);
  });
});

describe('wallToUtcMs', () => {
  it('reads wall time in the zone, moves a skipped time forward and takes the earlier of a repeated one', () => {
    expect(wallToUtcMs('Europe/Berlin', Date.UTC(2027, 6, 1, 12))).toBe(Date.UTC(2027, 6, 1, 10));
    // 02:30 on 28 March 2027 does not exist in Berlin: it is read with the offset before the change (RFC 5545 §3.3.5).
    expect(wallToUtcMs('Europe/Berlin', Date.UTC(2027, 2, 28, 2, 30))).toBe(Date.UTC(2027, 2, 28, 1, 30));
    // 02:30 on 31 October 2027 happens twice: the first, still in summer time.
    expect(wallToUtcMs('Europe/Berlin', Date.UTC(2027, 9, 31, 2, 30))).toBe(Date.UTC(2027, 9, 31, 0, 30));
    expect(offsetSeconds('America/New_York', Date.UTC(2027, 0, 15))).toBe(-18_000);
  });
});
