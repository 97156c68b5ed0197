import type { Component, ComponentAvailability, Requirements } from '../model/index.ts';

/** Availability of one instance: the stated percentage, or MTBF / (MTBF + MTTR). */
export function componentAvailability(availability: ComponentAvailability): number {
  switch (availability.kind) {
    case 'percent':
      return availability.percent / 100;
    case 'mtbf':
      return availability.mtbfHours / (availability.mtbfHours + availability.mttrHours);
    default: {
      const unknown: never = availability;
      return unknown;
    }
  }
}

/** Serial chain: every part is needed, A = Π Aᵢ. */
export function serial(availabilities: readonly number[]): number {
  return availabilities.reduce((product, a) => product * a, 1);
}

/** Redundant group where any one part suffices: A = 1 − Π (1 − Aᵢ). */
export function parallel(availabilities: readonly number[]): number {
  return 1 - availabilities.reduce((product, a) => product * (1 - a), 1);
}

/**
 * At least `required` of `instances` identical parts up: Σ_{i=k..n} C(n,i) aⁱ (1−a)ⁿ⁻ⁱ.
 * Summed from the unavailable side when that is the smaller tail, so 1 − tiny stays exact.
 */
export function kOfN(availability: number, required: number, instances: number): number {
  if (required <= 0) return 1;
  if (required > instances) return 0;
  const term = (i: number): number =>
    binomial(instances, i) * availability ** i * (1 - availability) ** (instances - i);
  let failing = 0;
  for (let i = 0; i < required; i += 1) failing += term(i);
  return Math.min(1, Math.max(0, 1 - failing));
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
}

/** At least `required` of differing members up (Poisson-binomial distribution, by dynamic programming). */
export function atLeast(availabilities: readonly number[], required: number): number {
  if (required <= 0) return 1;
  // up[j] = probability that exactly j members are up among those seen so far.
  let up = [1];
  for (const a of availabilities) {
    const next = new Array<number>(up.length + 1).fill(0);
    up.forEach((p, j) => {
      next[j] = (next[j] ?? 0) + p * (1 - a);
      next[j + 1] = (next[j + 1] ?? 0) + p * a;
    });
    up = next;
  }
  const failing = up.slice(0, required).reduce((sum, p) => sum + p, 0);
  return Math.min(1, Math.max(0, 1 - failing));
}

export interface ChainLink {
  readonly id: string;
  readonly kind: 'component' | 'group' | 'function';
  readonly name: string;
  /** Availability of this link as the function sees it (redundancy included), 0..1. */
  readonly availability: number;
}

export interface FunctionAvailability {
  readonly functionId: string;
  /** What the dependency graph can deliver, 0..1. */
  readonly availability: number;
  readonly chain: readonly ChainLink[];
  /** The link with the lowest availability: the first place to add redundancy. */
  readonly weakestLink: string | undefined;
}

/** Availability of a component with its own k-of-n redundancy. */
export function redundantComponentAvailability(
  component: Pick<Component, 'availability' | 'instances' | 'required'>,
): number {
  return kOfN(componentAvailability(component.availability), component.required, component.instances);
}

/**
 * Composite availability of every node (component, group, function) of the dependency graph, memoised.
 * A function's own dependencies are serial; functions depending on functions take the upstream composite.
 * The model guarantees the graph has no cycles.
 */
export function createAvailabilityGraph(requirements: Pick<Requirements, 'components' | 'groups' | 'functions'>) {
  const components = new Map(requirements.components.map((c) => [c.id, c]));
  const groups = new Map(requirements.groups.map((g) => [g.id, g]));
  const functions = new Map(requirements.functions.map((f) => [f.id, f]));
  const memo = new Map<string, number>();

  const nodeAvailability = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let value = 1;
    const component = components.get(id);
    const group = groups.get(id);
    const fn = functions.get(id);
    if (component) value = redundantComponentAvailability(component);
    else if (group) value = atLeast(group.members.map(nodeAvailability), group.required);
    else if (fn) value = serial(fn.dependsOn.map(nodeAvailability));
    memo.set(id, value);
    return value;
  };

  const link = (id: string): ChainLink => {
    const component = components.get(id);
    const group = groups.get(id);
    const kind = component ? 'component' : group ? 'group' : 'function';
    const name = component?.name ?? group?.name ?? functions.get(id)?.name ?? id;
    return { id, kind, name, availability: nodeAvailability(id) };
  };

  const forFunction = (functionId: string): FunctionAvailability => {
    const fn = functions.get(functionId);
    const chain = (fn?.dependsOn ?? []).map(link);
    const weakest = [...chain].sort((a, b) => a.availability - b.availability || (a.id < b.id ? -1 : 1))[0];
    return { functionId, availability: serial(chain.map((l) => l.availability)), chain, weakestLink: weakest?.id };
  };

  return { nodeAvailability, forFunction };
}

/** Composite availability of one business function. */
export function functionAvailability(
  requirements: Pick<Requirements, 'components' | 'groups' | 'functions'>,
  functionId: string,
): FunctionAvailability {
  return createAvailabilityGraph(requirements).forFunction(functionId);
}
