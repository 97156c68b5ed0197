import { describe, expect, it } from 'vitest';
import { FROM_PATH, fieldValue } from './from-path.ts';

describe('fieldValue', () => {
  const raw = { components: [{ id: 'mbx', name: 'Mailbox servers', required: null }] };

  it('reads the value at the path, following ids through collections', () => {
    expect(fieldValue(raw, '/components/mbx/name', FROM_PATH)).toBe('Mailbox servers');
  });

  it('shows the fallback while nothing, or null, is stored', () => {
    expect(fieldValue(raw, '/components/mbx/instances', FROM_PATH, 1)).toBe(1);
    expect(fieldValue(raw, '/components/mbx/required', FROM_PATH, 1)).toBe(1);
    expect(fieldValue(raw, '/components/mbx/name', FROM_PATH, 'unnamed')).toBe('Mailbox servers');
  });

  it('shows a given value instead of the stored one', () => {
    expect(fieldValue(raw, '/components/mbx/name', 'tolerated')).toBe('tolerated');
  });
});
