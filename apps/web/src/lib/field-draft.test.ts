import { describe, expect, it } from 'vitest';
import { displayText } from './field-draft.ts';
import { durationCodec } from './units.ts';

const format = durationCodec().format;

describe('displayText', () => {
  it('keeps the typed draft while the stored value is the one it produced', () => {
    expect(displayText(14_400, '4 h', 14_400, format)).toBe('4 h');
  });
  it('keeps an invalid draft on screen (the user is mid-word)', () => {
    expect(displayText(14_400, '4', 14_400, format)).toBe('4');
  });
  it('shows the stored value once someone else changes the field', () => {
    expect(displayText(3600, '4 h', 14_400, format)).toBe('1h');
  });
  it('shows the formatted stored value when nobody is typing', () => {
    expect(displayText(14_400, null, undefined, format)).toBe('4h');
  });
});
