import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['4h', 14_400],
    ['15 min', 900],
    ['1d 2h', 93_600],
    ['90s', 90],
    ['1.5h', 5400],
    ['2 weeks', 1_209_600],
    ['0', 0],
    ['  30m ', 1800],
    ['1h30m', 5400],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it.each([[''], ['4'], ['4 parsecs'], ['h'], ['-1h'], ['1h fast']])(
    'rejects %j with a message naming the problem',
    (text) => {
      const result = parseDuration(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    },
  );

  it('explains a missing unit with a suggestion', () => {
    expect(parseDuration('4')).toEqual({ ok: false, error: '"4" has no unit; write e.g. "4h" or "4 min"' });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.6, '1m'],
    [2629.746, '43m 50s'],
    [31_556.952, '8h 45m 57s'],
    [7889.238, '2h 11m 29s'],
    [315_569.52, '3d 15h 39m 30s'],
    [86_400, '1d'],
    [-5, '0s'],
  ])('writes %f seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips through parseDuration for whole seconds', () => {
    for (const seconds of [1, 61, 3599, 3600, 90_061, 1_000_000]) {
      const parsed = parseDuration(formatDuration(seconds));
      expect(parsed).toEqual({ ok: true, seconds });
    }
  });
});
