import { describe, expect, it } from 'vitest';
import { displayText, typedOver, whoChanged } from './field-draft.ts';
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
