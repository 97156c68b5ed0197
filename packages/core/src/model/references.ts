import type { z } from 'zod';

interface Identified {
  readonly id: string;
}
interface ReferenceShape {
  readonly calendars: readonly Identified[];
  readonly components: readonly Identified[];
  readonly groups: readonly (Identified & { readonly members: readonly string[] })[];
  readonly functions: readonly (Identified & {
    readonly dependsOn: readonly string[];
    readonly availability?: { readonly window: { readonly kind: string; readonly calendarId?: string } } | undefined;
  })[];
  readonly maintenance: readonly (Identified & { readonly appliesTo: readonly string[] })[];
  readonly backups: readonly (Identified & { readonly appliesTo: readonly string[] })[];
  readonly regulatory: readonly (Identified & { readonly appliesTo: readonly string[] })[];
  readonly recoveryTests: readonly (Identified & { readonly functionId: string })[];
  readonly proposals: readonly Identified[];
  readonly decisions: readonly Identified[];
  readonly risks: readonly Identified[];
  readonly serviceHoursCalendarId?: string | undefined;
  readonly support: {
    readonly coverageCalendarId?: string | undefined;
    readonly onCallCalendarId?: string | undefined;
    readonly severities: readonly Identified[];
  };
}

/** Cross-field checks that a per-field schema cannot express; each issue names the offending path. */
export function checkReferences(value: ReferenceShape, ctx: z.RefinementCtx): void {
  const report = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  const collections = [
    'calendars',
    'components',
    'groups',
    'functions',
    'maintenance',
    'backups',
    'regulatory',
    'recoveryTests',
    'proposals',
    'decisions',
    'risks',
  ] as const;
  for (const name of collections) {
    const seen = new Set<string>();
    value[name].forEach((item, index) => {
      if (seen.has(item.id)) report([name, index, 'id'], `duplicate id "${item.id}" in ${name}`);
      seen.add(item.id);
    });
  }
  const severityIds = new Set<string>();
  value.support.severities.forEach((severity, index) => {
    if (severityIds.has(severity.id))
      report(['support', 'severities', index, 'id'], `duplicate severity id "${severity.id}"`);
    severityIds.add(severity.id);
  });

  const calendars = new Set(value.calendars.map((c) => c.id));
  const functions = new Set(value.functions.map((f) => f.id));
  const nodes = new Set([...value.components.map((c) => c.id), ...value.groups.map((g) => g.id)]);
  const sharedIds = value.functions.filter((f) => nodes.has(f.id));
  for (const f of sharedIds)
    report(
      ['functions'],
      `id "${f.id}" is used by a function and a component or group; ids must be unique across them`,
    );

  const checkCalendar = (id: string | undefined, path: (string | number)[]): void => {
    if (id !== undefined && !calendars.has(id)) report(path, `calendar "${id}" does not exist; add it under calendars`);
  };
  checkCalendar(value.serviceHoursCalendarId, ['serviceHoursCalendarId']);
  checkCalendar(value.support.coverageCalendarId, ['support', 'coverageCalendarId']);
  checkCalendar(value.support.onCallCalendarId, ['support', 'onCallCalendarId']);

  value.groups.forEach((group, index) => {
    group.members.forEach((member, m) => {
      if (!nodes.has(member)) report(['groups', index, 'members', m], `"${member}" is not a component or group id`);
    });
  });
  value.functions.forEach((f, index) => {
    f.dependsOn.forEach((dep, d) => {
      if (!nodes.has(dep) && !functions.has(dep)) {
        report(['functions', index, 'dependsOn', d], `"${dep}" is not a component, group or function id`);
      }
      if (dep === f.id) report(['functions', index, 'dependsOn', d], 'a function cannot depend on itself');
    });
    const window = f.availability?.window;
    if (window?.kind === 'service-hours')
      checkCalendar(window.calendarId, ['functions', index, 'availability', 'window', 'calendarId']);
  });
  const checkFunctionIds = (name: 'maintenance' | 'backups' | 'regulatory'): void => {
    value[name].forEach((item, index) => {
      item.appliesTo.forEach((id, a) => {
        if (!functions.has(id)) report([name, index, 'appliesTo', a], `"${id}" is not a business function id`);
      });
    });
  };
  checkFunctionIds('maintenance');
  checkFunctionIds('backups');
  checkFunctionIds('regulatory');
  value.recoveryTests.forEach((test, index) => {
    if (!functions.has(test.functionId))
      report(['recoveryTests', index, 'functionId'], `"${test.functionId}" is not a business function id`);
  });

  const cycle = findCycle(value);
  if (cycle) report(['functions'], `dependency cycle: ${cycle.join(' → ')}`);
}

function findCycle(value: ReferenceShape): string[] | undefined {
  const edges = new Map<string, readonly string[]>();
  for (const g of value.groups) edges.set(g.id, g.members);
  for (const f of value.functions) edges.set(f.id, f.dependsOn);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const mark = state.get(id);
    if (mark === 'done') return undefined;
    if (mark === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of [...edges.keys()].sort()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}
