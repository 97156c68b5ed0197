import { describe, expect, it } from 'vitest';
import {
  clockCodec,
  codecForPath,
  countdownCodec,
  currencyCodec,
  durationCodec,
  numberCodec,
  percentCodec,
  retentionCodec,
  textCodec,
  throughputCodec,
  withBounds,
} from './units.ts';

describe('percentCodec', () => {
  const codec = percentCodec();
  it('reads targets as people type them', () => {
    expect(codec.parse('99.95')).toEqual({ ok: true, value: 99.95 });
    expect(codec.parse(' 99,9 % ')).toEqual({ ok: true, value: 99.9 });
    expect(codec.parse('99.')).toMatchObject({ ok: false });
  });
  it('refuses 100 and more, 0 and words, saying what to write', () => {
    expect(codec.parse('100')).toEqual({ ok: false, error: 'a target lies between 0 and 100 %, e.g. 99.9' });
    expect(codec.parse('0')).toMatchObject({ ok: false });
    expect(codec.parse('three nines')).toEqual({
      ok: false,
      error: '"three nines" is not a percentage; write e.g. 99.9',
    });
  });
  it('requires a value unless optional', () => {
    expect(codec.parse('')).toMatchObject({ ok: false, error: 'required: this field cannot be empty' });
    expect(percentCodec(false).parse('')).toEqual({ ok: true, value: null });
  });
});

describe('durationCodec', () => {
  const codec = durationCodec();
  it('turns "4h", "15 min" and "1d 2h" into seconds', () => {
    expect(codec.parse('4h')).toEqual({ ok: true, value: 14_400 });
    expect(codec.parse('15 min')).toEqual({ ok: true, value: 900 });
    expect(codec.parse('1d 2h')).toEqual({ ok: true, value: 93_600 });
    expect(codec.parse('0')).toEqual({ ok: true, value: 0 });
  });
  it('takes a decimal comma, as the percentage fields do ("1,5h" was refused while "99,9" was accepted)', () => {
    expect(codec.parse('1,5h')).toEqual({ ok: true, value: 5400 });
    expect(codec.parse('0,5 d 1,25h')).toEqual({ ok: true, value: 47_700 });
    expect(codec.parse('1,5')).toEqual({ ok: false, error: '"1,5" has no unit; write e.g. "1,5h" or "1,5 min"' });
  });
  it('asks for a unit when a bare number is typed', () => {
    expect(codec.parse('4')).toEqual({ ok: false, error: '"4" has no unit; write e.g. "4h" or "4 min"' });
  });
  it('formats seconds in the compact human form', () => {
    expect(codec.format(14_400)).toBe('4h');
    expect(codec.format(2630)).toBe('43m 50s');
    expect(codec.format(undefined)).toBe('');
  });
});

describe('numberCodec', () => {
  it('enforces whole numbers and bounds', () => {
    const days = numberCodec({ integer: true, min: 0 });
    expect(days.parse('90')).toEqual({ ok: true, value: 90 });
    expect(days.parse('2.5')).toEqual({ ok: false, error: 'must be a whole number' });
    expect(days.parse('-1')).toEqual({ ok: false, error: 'must be at least 0' });
    expect(numberCodec({ min: 0, exclusiveMin: true }).parse('0')).toEqual({ ok: false, error: 'must be more than 0' });
  });
  it('accepts thousands separators people type for money', () => {
    expect(numberCodec().parse('18 000')).toEqual({ ok: true, value: 18_000 });
    expect(numberCodec().parse('18’000')).toEqual({ ok: true, value: 18_000 });
  });
});

describe('currencyCodec', () => {
  const codec = currencyCodec();
  it('stores the ISO code in capitals, and clears on empty', () => {
    expect(codec.parse(' eur ')).toEqual({ ok: true, value: 'EUR' });
    expect(codec.parse('')).toEqual({ ok: true, value: null });
  });
  it('refuses symbols and names, saying what to write', () => {
    expect(codec.parse('€')).toEqual({
      ok: false,
      error: 'write the three-letter ISO 4217 code, e.g. EUR, USD or CHF',
    });
    expect(codec.parse('euro')).toMatchObject({ ok: false });
  });
});

describe('textCodec and clockCodec', () => {
  it('refuse empty required text and over-long text', () => {
    expect(textCodec({ required: true }).parse('  ')).toMatchObject({ ok: false });
    expect(textCodec({ max: 3 }).parse('abcd')).toEqual({ ok: false, error: 'at most 3 characters' });
    expect(textCodec().parse('')).toEqual({ ok: true, value: null });
  });
  it('normalises clock times and refuses impossible ones', () => {
    expect(clockCodec().parse('8:00')).toEqual({ ok: true, value: '08:00' });
    expect(clockCodec().parse('24:00')).toEqual({ ok: true, value: '24:00' });
    expect(clockCodec().parse('24:30')).toMatchObject({ ok: false });
    expect(clockCodec().parse('7pm')).toMatchObject({ ok: false });
  });
});

describe('withBounds', () => {
  it('refuses what the field’s schema refuses, in the form’s words', () => {
    const title = withBounds(textCodec({ required: true }), { minLength: 1, maxLength: 5 });
    expect(title.parse('abcde')).toEqual({ ok: true, value: 'abcde' });
    expect(title.parse('abcdef')).toEqual({ ok: false, error: 'at most 5 characters' });
    const level = withBounds(numberCodec(), { integer: true, min: 1, max: 9 });
    expect(level.parse('9')).toEqual({ ok: true, value: 9 });
    expect(level.parse('10')).toEqual({ ok: false, error: 'must be at most 9' });
    expect(level.parse('1.5')).toEqual({ ok: false, error: 'must be a whole number' });
    const below = withBounds(numberCodec(), { max: 100, exclusiveMax: true });
    expect(below.parse('100')).toEqual({ ok: false, error: 'must be less than 100' });
  });
  it('leaves clearing a field and the codec’s own refusals alone', () => {
    const bounded = withBounds(numberCodec(), { min: 1 });
    expect(bounded.parse('')).toEqual({ ok: true, value: null });
    expect(bounded.parse('abc')).toEqual({ ok: false, error: '"abc" is not a number' });
  });
});

describe('codecForPath', () => {
  it('holds a field to its schema’s bounds', () => {
    expect(codecForPath('/meta/title').parse('x'.repeat(201))).toEqual({ ok: false, error: 'at most 200 characters' });
    expect(codecForPath('/support/escalation/e1/level').parse('12')).toEqual({ ok: false, error: 'must be at most 9' });
  });
  it('reads the unit from the field name', () => {
    expect(codecForPath('/functions/mail/recovery/site-loss/rtoSeconds').format(28_800)).toBe('8h');
    expect(codecForPath('/functions/mail/availability/targetPercent').parse('99,5')).toEqual({ ok: true, value: 99.5 });
    expect(codecForPath('/support/severities/sev1/fullOutage').parse('true')).toEqual({ ok: true, value: true });
  });
});

describe('countdownCodec', () => {
  const codec = countdownCodec();
  it('reads a bare number as minutes, as a facilitator says "give it 5"', () => {
    expect(codec.parse('5')).toEqual({ ok: true, value: 300 });
    expect(codec.parse(' 2,5 ')).toEqual({ ok: true, value: 150 });
  });

  it('takes durations with units as every other field does', () => {
    expect(codec.parse('90s')).toEqual({ ok: true, value: 90 });
    expect(codec.parse('1h')).toEqual({ ok: true, value: 3600 });
    expect(codec.parse('10 min')).toEqual({ ok: true, value: 600 });
  });

  it('says how long to write when the entry is empty, too short, or longer than the server runs a countdown', () => {
    expect(codec.parse('')).toEqual({ ok: false, error: 'say how long, e.g. 10 min' });
    expect(codec.parse('0')).toMatchObject({ ok: false });
    expect(codec.parse('5s')).toMatchObject({ ok: false, error: 'a countdown lasts between 10 seconds and 4 hours' });
    expect(codec.parse('5h')).toMatchObject({ ok: false, error: 'a countdown lasts between 10 seconds and 4 hours' });
    expect(codec.parse('4h')).toEqual({ ok: true, value: 14_400 });
    expect(codec.parse('soon')).toMatchObject({ ok: false });
  });
});

describe('throughputCodec and retentionCodec', () => {
  it('reads restore rates with their decimal units into GB/h', () => {
    const codec = throughputCodec();
    expect(codec.parse('200 MB/s')).toEqual({ ok: true, value: 720 });
    expect(codec.parse('1.2 TB/h')).toEqual({ ok: true, value: 1200 });
    expect(codec.parse('250')).toEqual({ ok: true, value: 250 });
    expect(codec.parse('fast')).toMatchObject({ ok: false });
    expect(codec.format(720)).toBe('720 GB/h');
  });

  it('reads retention in years, rounded up to whole days', () => {
    expect(retentionCodec().parse('10 years')).toEqual({ ok: true, value: 3653 });
    expect(retentionCodec().parse('90')).toEqual({ ok: true, value: 90 });
    expect(retentionCodec(1).parse('0')).toEqual({ ok: false, error: 'must be at least 1 day' });
  });

  it('shows proposals for these fields in their units', () => {
    expect(codecForPath('/backups/nightly/restoreThroughputGbPerHour').parse('200 MB/s')).toEqual({
      ok: true,
      value: 720,
    });
    expect(codecForPath('/regulatory/hgb/retentionDays').parse('6 years')).toEqual({ ok: true, value: 2192 });
  });
});
