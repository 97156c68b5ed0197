import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import {
  atLeast,
  componentAvailability,
  functionAvailability,
  kOfN,
  parallel,
  serial,
} from './composite-availability.ts';
import { redundancyNeeded } from './redundancy-needed.ts';

const workshop = (extra: Record<string, unknown>) =>
  requirementsSchema.parse({
    formatVersion: 1,
    meta: { title: 't', service: 's', timeZone: 'UTC' },
    ...extra,
  });

describe('composite availability formulas', () => {
  it('reproduces the two-region worked example: 1 − 0.00454² × shared 99.98 % ≈ 99.9779 %', () => {
    const region = 0.99546;
    const twoRegions = parallel([region, region]);
    expect(twoRegions).toBeCloseTo(1 - 0.00454 ** 2, 12);
    expect(twoRegions * 100).toBeCloseTo(99.998, 3);
    expect(serial([twoRegions, 0.9998]) * 100).toBeCloseTo(99.9779, 4);
  });

  it('derives availability from MTBF and MTTR', () => {
    expect(componentAvailability({ kind: 'mtbf', mtbfHours: 999, mttrHours: 1 })).toBeCloseTo(0.999, 12);
    expect(componentAvailability({ kind: 'percent', percent: 99.5 })).toBeCloseTo(0.995, 12);
  });

  it('sums the binomial for k-of-n: 2 of 3 at 0.99 = 0.999702', () => {
    expect(kOfN(0.99, 2, 3)).toBeCloseTo(0.999702, 9);
    expect(kOfN(0.99, 1, 2)).toBeCloseTo(parallel([0.99, 0.99]), 12);
    expect(kOfN(0.99, 2, 2)).toBeCloseTo(0.9801, 12);
  });

  it('handles groups of differing members with at least k up', () => {
    expect(atLeast([0.9, 0.8], 1)).toBeCloseTo(0.98, 12);
    expect(atLeast([0.9, 0.8, 0.7], 2)).toBeCloseTo(0.9 * 0.8 + 0.9 * 0.7 + 0.8 * 0.7 - 2 * 0.9 * 0.8 * 0.7, 12);
  });

  it('never lets a serial chain exceed its weakest member', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (parts) => {
        expect(serial(parts)).toBeLessThanOrEqual(Math.min(...parts) + 1e-12);
      }),
    );
  });

  it('never lowers availability when a redundant instance or member is added', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (a, n, extraRequired) => {
          const k = Math.min(n, 1 + extraRequired);
          expect(kOfN(a, k, n + 1)).toBeGreaterThanOrEqual(kOfN(a, k, n) - 1e-12);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (members, extra) => {
          expect(parallel([...members, extra])).toBeGreaterThanOrEqual(parallel(members) - 1e-12);
        },
      ),
    );
  });
});

describe('functionAvailability', () => {
  const mail = workshop({
    components: [
      { id: 'mailbox', name: 'Mailbox', availability: { kind: 'percent', percent: 99.5 }, instances: 2, required: 1 },
      {
        id: 'dc',
        name: 'Domain controller',
        availability: { kind: 'mtbf', mtbfHours: 8760, mttrHours: 4 },
        instances: 2,
      },
      { id: 'san', name: 'SAN', availability: { kind: 'percent', percent: 99.95 } },
      { id: 'lb-a', name: 'Load balancer A', availability: { kind: 'percent', percent: 99.9 } },
      { id: 'lb-b', name: 'Load balancer B', availability: { kind: 'percent', percent: 99.9 } },
    ],
    groups: [{ id: 'balancers', name: 'Load balancers', members: ['lb-a', 'lb-b'] }],
    functions: [
      { id: 'mailbox-access', name: 'Mailbox access', dependsOn: ['mailbox', 'dc', 'san'] },
      { id: 'webmail', name: 'Webmail', dependsOn: ['mailbox-access', 'balancers'] },
    ],
  });

  it("multiplies the serial chain with each link's own redundancy and names the weakest link", () => {
    const result = functionAvailability(mail, 'mailbox-access');
    const dc = kOfN(8760 / 8764, 1, 2);
    expect(result.availability).toBeCloseTo(parallel([0.995, 0.995]) * dc * 0.9995, 12);
    expect(result.weakestLink).toBe('san');
    expect(result.chain.map((l) => l.kind)).toEqual(['component', 'component', 'component']);
  });

  it('uses the composite of an upstream function', () => {
    const upstream = functionAvailability(mail, 'mailbox-access').availability;
    const result = functionAvailability(mail, 'webmail');
    expect(result.availability).toBeCloseTo(upstream * parallel([0.999, 0.999]), 12);
    expect(result.chain.map((l) => l.kind)).toEqual(['function', 'group']);
  });

  it('treats a function without dependencies as unconstrained', () => {
    expect(functionAvailability(workshop({ functions: [{ id: 'f', name: 'F' }] }), 'f').availability).toBe(1);
  });
});

describe('redundancyNeeded', () => {
  const single = workshop({
    components: [
      { id: 'server', name: 'Server', availability: { kind: 'percent', percent: 99 } },
      { id: 'storage', name: 'Storage', availability: { kind: 'percent', percent: 99.9 } },
    ],
    functions: [{ id: 'f', name: 'F', dependsOn: ['server', 'storage'] }],
  });

  it('adds instances to the weakest links until the target is met', () => {
    const result = redundancyNeeded(single, 'f', 99.9);
    expect(result.reachable).toBe(true);
    expect(result.changes).toEqual([
      { componentId: 'server', fromInstances: 1, toInstances: 2 },
      { componentId: 'storage', fromInstances: 1, toInstances: 2 },
    ]);
    expect(result.resultingAvailability).toBeGreaterThanOrEqual(0.999);
  });

  it('asks for nothing when the target is already met', () => {
    const result = redundancyNeeded(single, 'f', 98);
    expect(result.reachable).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.resultingAvailability).toBeCloseTo(0.99 * 0.999, 12);
  });

  it('says when redundancy alone cannot reach the target', () => {
    const result = redundancyNeeded(single, 'f', 99.99999999999);
    // Six servers at 99 % still leave 1e-12 unavailability, above the 1e-13 this target allows.
    expect(result.reachable).toBe(false);
    expect(result.changes.find((c) => c.componentId === 'server')?.toInstances).toBe(6);
  });
});
