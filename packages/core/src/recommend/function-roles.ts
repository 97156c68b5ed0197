import type { BusinessFunction, Component, Requirements } from '../model/index.ts';
import { STATEFUL_ROLES } from './ha-options.ts';

/** What a business function runs on directly, and whether it holds data of its own. */
export interface FunctionRoles {
  /** Components it depends on directly, or through a redundant group it depends on directly. */
  readonly components: readonly Component[];
  readonly roles: ReadonlySet<Component['role']>;
  /**
   * False for a function that only passes data through (transport, web access, mobile sync): it reads the data
   * of a function it depends on, inherits that function's protection, and has nothing of its own to restore.
   */
  readonly holdsData: boolean;
  /** Hub Transport or Edge Transport roles: store-and-forward mail transport. */
  readonly transport: boolean;
  /** The functions it depends on directly. */
  readonly upstream: readonly BusinessFunction[];
  /** Ids of components that sit in a redundant group the function depends on: backed up by their group. */
  readonly grouped: ReadonlySet<string>;
}

/**
 * Classify a function by the roles it runs on. It holds data when it depends directly on a data role (mailbox,
 * database, storage), or when it depends on no other function (nothing to inherit protection from).
 */
export function functionRoles(
  requirements: Pick<Requirements, 'components' | 'groups' | 'functions'>,
  fn: BusinessFunction,
): FunctionRoles {
  const componentsById = new Map(requirements.components.map((c) => [c.id, c]));
  const components: Component[] = [];
  const add = (id: string): void => {
    const component = componentsById.get(id);
    if (component && !components.includes(component)) components.push(component);
  };
  for (const id of fn.dependsOn) {
    add(id);
    for (const member of requirements.groups.find((g) => g.id === id)?.members ?? []) add(member);
  }
  const upstream = requirements.functions.filter((f) => fn.dependsOn.includes(f.id));
  const roles = new Set(components.map((c) => c.role));
  const dataRole = STATEFUL_ROLES.some((role) => roles.has(role));
  return {
    components,
    roles,
    holdsData: dataRole || upstream.length === 0,
    transport: roles.has('hub-transport') || roles.has('edge-transport'),
    upstream,
    grouped: new Set(requirements.groups.filter((g) => fn.dependsOn.includes(g.id)).flatMap((g) => g.members)),
  };
}

/**
 * Single instances among a function's own components that nothing backs up: one failure stops the function.
 * Sites are left out (the site-loss scenario covers them), as are parts that sit in a redundant group.
 */
export function singlePointsOfFailure(fn: BusinessFunction, roles: FunctionRoles): Component[] {
  return roles.components.filter(
    (c) => c.instances === 1 && c.role !== 'site' && !roles.grouped.has(c.id) && fn.dependsOn.includes(c.id),
  );
}
