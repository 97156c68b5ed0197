import { describe, expect, it } from 'vitest';
import { PhaseAddress } from './phase-address.ts';

describe('PhaseAddress', () => {
  it('pushes an address when the participant opens another phase', () => {
    const address = new PhaseAddress(undefined, 'scope');
    expect(address.step(undefined, 'scope', 'scope')).toBeNull();
    expect(address.step(undefined, 'recovery', 'scope')).toEqual({ push: 'recovery' });
    // The router then reports the pushed address: nothing more to do.
    expect(address.step('recovery', 'recovery', 'scope')).toBeNull();
  });

  it('shows the phase the address names after back or forward', () => {
    const address = new PhaseAddress('recovery', 'recovery');
    expect(address.step('availability', 'recovery', 'scope')).toEqual({ show: 'availability' });
    expect(address.step('availability', 'availability', 'scope')).toBeNull();
  });

  it("reads an address without a phase as the room's phase", () => {
    const address = new PhaseAddress('review', 'review');
    expect(address.step(undefined, 'review', 'support')).toEqual({ show: 'support' });
  });

  it('keeps a bare address when the facilitator moves the room, and pushes one on a phase address', () => {
    const bare = new PhaseAddress(undefined, 'scope');
    expect(bare.step(undefined, 'support', 'support')).toBeNull();
    const pinned = new PhaseAddress('review', 'review');
    expect(pinned.step('review', 'support', 'support')).toEqual({ push: 'support' });
  });
});
