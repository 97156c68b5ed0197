import type { BusinessFunction, Component, ProtectionKind, RecoveryObjective, Scenario } from '../model/index.ts';
import { HA_OPTIONS } from './ha-options.ts';
import type { OptionAssessment } from './ha-assessment.ts';
import type { FunctionRoles } from './function-roles.ts';
import type { ScenarioRecommendation } from './ha-recommendation.ts';

/** Exchange 2007's default transport dumpster per storage group, MB (DOMAIN.md). */
export const DEFAULT_DUMPSTER_MB = 18;

const ROLE_ADVICE: Partial<Record<Component['role'], string>> = {
  'client-access': 'run at least two Client Access servers behind network load balancing or a hardware load balancer',
  'hub-transport': 'run at least two Hub Transport servers per site; transport balances between them on its own',
  'edge-transport':
    'run at least two Edge Transport servers, each published with its own MX record (or DNS round robin)',
  application: 'run a second instance behind the load balancers',
  network: 'add a second, independent path (another carrier or route)',
  'load-balancer': 'run the load balancers as a pair',
};

/** How to take a stateless role out of the single-instance trap, in the platform's words. */
export function roleAdvice(component: Component): string {
  return ROLE_ADVICE[component.role] ?? 'run at least two instances behind a load balancer';
}

/** Protections by the short names a service manager uses. */
export const SHORT_NAME: Readonly<Record<ProtectionKind, string>> = {
  'backup-restore': 'backups',
  lcr: 'LCR',
  ccr: 'CCR',
  scr: 'SCR',
  scc: 'SCC',
  dag: 'DAG',
  'dag-lagged': 'lagged DAG copy',
  'load-balanced-pool': 'load-balanced pool',
  'transport-redundancy': 'redundant transport',
  'synchronous-replication': 'synchronous replication',
};

const SCENARIO_WORDS: Readonly<Record<Scenario, string>> = {
  'component-failure': 'component failure',
  'site-loss': 'site loss',
  'data-corruption': 'data corruption',
};

/**
 * One scenario of a function that holds no data: its own roles are protected by pools (Client Access,
 * gateways) or redundant store-and-forward transport (Hub Transport, Edge with several MX records, RAID
 * queues, the transport dumpster); the data it reads keeps the protection of the function that holds it.
 * Replication of any kind applies to the Mailbox role only, so none is offered here.
 */
export function statelessScenario(
  fn: BusinessFunction,
  scenario: Scenario,
  objective: RecoveryObjective,
  roles: FunctionRoles,
  inherited: readonly { readonly kind: ProtectionKind; readonly from: BusinessFunction }[],
): ScenarioRecommendation {
  const kind: ProtectionKind = roles.transport ? 'transport-redundancy' : 'load-balanced-pool';
  const option = HA_OPTIONS[kind];
  const holders = [...new Set(inherited.map((p) => p.from))];
  const inherits =
    holders.length === 0
      ? 'holds no data of its own, and no function it depends on records a protection'
      : `holds no data of its own: inherits ${holders
          .map(
            (h) =>
              `${inherited
                .filter((p) => p.from === h)
                .map((p) => SHORT_NAME[p.kind])
                .join(', ')} of ${h.name}`,
          )
          .join('; ')}`;
  const reasons: string[] = [];
  const conditions: string[] = [];
  const uncovered = roles.upstream.filter((u) => u.recovery[scenario] === undefined);
  if (uncovered.length > 0) {
    reasons.push(
      `${uncovered.map((u) => u.name).join(' and ')}, whose data this function reads, has no ${SCENARIO_WORDS[scenario]} objective: agree one there first`,
    );
  }
  if (scenario === 'component-failure') {
    for (const component of roles.components.filter(
      (c) => option.roles.includes(c.role) && c.instances < 2 && !roles.grouped.has(c.id),
    )) {
      conditions.push(`${component.name}: ${roleAdvice(component)}`);
    }
    if (roles.transport) {
      const dumpster = fn.design.find((p) => p.kind === 'transport-redundancy')?.dumpsterMb;
      conditions.push(
        `put the transport queue databases on RAID disks and size the transport dumpster at about 1.5 × the largest message allowed (${dumpster === undefined ? `the default is ${DEFAULT_DUMPSTER_MB} MB per storage group: state the size` : `${dumpster} MB per storage group`}), so a lossy mailbox failover re-delivers the mail it lost`,
      );
    }
  } else if (scenario === 'site-loss') {
    const roleNames = [...roles.roles].filter((r) => option.roles.includes(r)).map((r) => r.replace('-', ' '));
    conditions.push(
      `run ${roleNames.length > 0 ? roleNames.join(', ') : 'its'} servers at the recovery site too, ready when the mailbox databases are activated there`,
    );
  } else {
    conditions.push(
      'a corruption is recovered in the data of the function it reads; this function has nothing to restore',
    );
  }
  const rpoSeconds = roles.transport ? 0 : undefined;
  const chosen: OptionAssessment = {
    option: kind,
    pattern: option.pattern,
    platformTerm: option.platformTerm,
    rpoSeconds,
    rtoSeconds: option.activationSeconds,
    meets: reasons.length === 0,
    reasons,
    conditions,
  };
  if (roles.transport && objective.rpoSeconds === 0) {
    conditions.push(
      `RPO 0 for mail holds for mail a sender still retries or the dumpster re-delivers; not for a Hub Transport server lost with its queue disks (Exchange 2007 has no shadow redundancy)`,
    );
  }
  return {
    scenario,
    objective: { rpoSeconds: objective.rpoSeconds, rtoSeconds: objective.rtoSeconds },
    chosen: chosen.meets ? chosen : undefined,
    rejected: chosen.meets ? [] : [chosen],
    inherits,
  };
}
