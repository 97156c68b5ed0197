import { describe, expect, it } from 'vitest';
import { idFromName } from './ids.ts';

describe('idFromName', () => {
  it('makes model ids from names, unique among the taken ones', () => {
    expect(idFromName('Mail flow', new Set())).toBe('mail-flow');
    expect(idFromName('Mail flow', new Set(['mail-flow', 'mail-flow-2']))).toBe('mail-flow-3');
    expect(idFromName('Größe & Straße', new Set())).toBe('grosse-strasse');
    expect(idFromName('!!!', new Set(), 'risk')).toBe('risk');
  });
  it('stays within 48 characters', () => {
    expect(idFromName('x'.repeat(80), new Set()).length).toBeLessThanOrEqual(48);
  });
});
