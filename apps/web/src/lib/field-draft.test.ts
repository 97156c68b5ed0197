import { describe, expect, it } from 'vitest';
import { SAME_MOMENT_MS, afterStoredChange, displayText, typedOver, whoChanged } from './field-draft.ts';
import { durationCodec, percentCodec } from './units.ts';

const format = durationCodec().format;
const percent = percentCodec();

describe('displayText', () => {
  it('keeps the typed draft while the stored value is the one it produced', () => {
    expect(displayText(14_400, '4 h', format)).toBe('4 h');
  });
  it('keeps an invalid draft on screen (the user is mid-word)', () => {
    expect(displayText(14_400, '4', format)).toBe('4');
  });
  it('keeps the draft when someone else changes the field: their value never rewrites the input', () => {
    expect(displayText(3600, '4 h', format)).toBe('4 h');
  });
  it('shows the formatted stored value when nobody is typing', () => {
    expect(displayText(14_400, null, format)).toBe('4h');
  });
});

describe('typedOver', () => {
  it('is false while the stored value is the one the draft began from or stored', () => {
    expect(typedOver(99, '99.', 99, percent.parse)).toBe(false);
  });
  it('is true when someone else stored another value under the draft', () => {
    expect(typedOver(98.5, '99.9', 99.9, percent.parse)).toBe(true);
    expect(typedOver(98.5, '99', 99, percent.parse)).toBe(true);
  });
  it('is false when the other value equals what the draft says', () => {
    expect(typedOver(98.5, '98,5', 98, percent.parse)).toBe(false);
  });
  it('is false with no draft', () => {
    expect(typedOver(98.5, null, 99, percent.parse)).toBe(false);
  });
});

describe('whoChanged', () => {
  it('names the one other editor, lists several, and says Someone when unknown', () => {
    expect(whoChanged(['Dana'])).toBe('Dana');
    expect(whoChanged(['Dana', 'Lee', 'Dana'])).toBe('Dana or Lee');
    expect(whoChanged(['A', 'B', 'C'])).toBe('A, B or C');
    expect(whoChanged([])).toBe('Someone');
  });
});

describe('afterStoredChange', () => {
  const committed = { value: 3000, at: 10_000 };
  it('tells the person when another value replaces theirs within the window (a race they lost)', () => {
    expect(afterStoredChange(2000, committed, 10_400)).toEqual({
      watch: null,
      raced: { mine: 3000, theirs: 2000 },
    });
    expect(afterStoredChange(null, committed, 10_000 + SAME_MOMENT_MS)).toEqual({
      watch: null,
      raced: { mine: 3000, theirs: null },
    });
  });
  it('keeps watching through their own echo without telling them', () => {
    expect(afterStoredChange(3000, committed, 10_050)).toEqual({ watch: committed, raced: null });
  });
  it('says nothing once the person has moved on for longer than the window', () => {
    expect(afterStoredChange(2000, committed, 10_001 + SAME_MOMENT_MS)).toEqual({ watch: null, raced: null });
  });
  it('says nothing when nothing was committed', () => {
    expect(afterStoredChange(2000, null, 10_400)).toEqual({ watch: null, raced: null });
  });
});
