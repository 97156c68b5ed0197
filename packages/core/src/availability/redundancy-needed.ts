import type { Requirements } from '../model/index.ts';
import { createAvailabilityGraph } from './composite-availability.ts';

export interface RedundancyChange {
  readonly componentId: string;
  readonly fromInstances: number;
  readonly toInstances: number;
}

export interface RedundancyNeeded {
  readonly reachable: boolean;
  readonly changes: readonly RedundancyChange[];
  /** Composite availability after the changes, 0..1. */
  readonly resultingAvailability: number;
}

/** The most instances Accord proposes for one component before it calls a target unreachable this way. */
export const MAX_INSTANCES = 6;

type Graph = Pick<Requirements, 'components' | 'groups' | 'functions'>;

/** Every component a function's availability depends on, through groups and upstream functions. */
function componentsUnder(graph: Graph, ids: readonly string[], seen = new Set<string>()): string[] {
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const group = graph.groups.find((g) => g.id === id);
    const fn = graph.functions.find((f) => f.id === id);
    if (group) componentsUnder(graph, group.members, seen);
    if (fn) componentsUnder(graph, fn.dependsOn, seen);
  }
  return graph.components.filter((c) => seen.has(c.id)).map((c) => c.id);
}

/**
 * The redundancy that would let a function reach its target: greedily add one instance at a time to the
 * component whose extra instance gains the most, until the target is met or every component has
 * `MAX_INSTANCES`. Deterministic: ties go to the smaller id.
 */
export function redundancyNeeded(requirements: Graph, functionId: string, targetPercent: number): RedundancyNeeded {
  const target = targetPercent / 100;
  const fn = requirements.functions.find((f) => f.id === functionId);
  let components = [...requirements.components];
  const original = new Map(components.map((c) => [c.id, c.instances]));
  const candidates = componentsUnder(requirements, fn?.dependsOn ?? []).sort();
  let current = createAvailabilityGraph({ ...requirements, components }).forFunction(functionId).availability;

  while (current < target) {
    let best: { id: string; availability: number } | undefined;
    for (const id of candidates) {
      const component = components.find((c) => c.id === id);
      if (!component || component.instances >= MAX_INSTANCES) continue;
      const trial = components.map((c) => (c.id === id ? { ...c, instances: c.instances + 1 } : c));
      const availability = createAvailabilityGraph({ ...requirements, components: trial }).forFunction(
        functionId,
      ).availability;
      if (!best || availability > best.availability) best = { id, availability };
    }
    if (!best || best.availability <= current) break;
    const chosen = best.id;
    components = components.map((c) => (c.id === chosen ? { ...c, instances: c.instances + 1 } : c));
    current = best.availability;
  }

  const changes = components
    .filter((c) => c.instances !== original.get(c.id))
    .map((c) => ({ componentId: c.id, fromInstances: original.get(c.id) ?? c.instances, toInstances: c.instances }));
  return { reachable: current >= target, changes, resultingAvailability: current };
}
