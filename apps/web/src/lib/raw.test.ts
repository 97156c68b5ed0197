import { describe, expect, it } from 'vitest';
import { describePath } from './field-paths.ts';
import { groupProblem, itemNames, problemFieldPath, valueAt } from './raw.ts';

const raw = {
  functions: [{ id: 'mail', name: 'Mail', recovery: { 'site-loss': { rtoSeconds: 3600 } } }],
  support: { severities: [{ id: 'sev1', name: 'Outage', responseSeconds: 900 }] },
};

describe('valueAt', () => {
  it('follows ids through collections like the Yjs paths do', () => {
    expect(valueAt(raw, '/functions/mail/recovery/site-loss/rtoSeconds')).toBe(3600);
    expect(valueAt(raw, '/support/severities/sev1/responseSeconds')).toBe(900);
    expect(valueAt(raw, '/functions/nope/name')).toBeUndefined();
  });
});

describe('itemNames', () => {
  it('names functions and severities', () => {
    expect(itemNames(raw).get('functions/mail')).toBe('Mail');
    expect(itemNames(raw).get('severities/sev1')).toBe('Outage');
  });

  it("follows the core's rules on a half-filled draft: recovery tests by their function, risks by their threat", () => {
    const draft = {
      ...raw,
      components: [{ id: 'dns', name: '' }, { name: 'no id' }],
      recoveryTests: [{ id: 'rt1', kind: 'restore-test', functionId: 'mail' }],
      risks: [{ id: 'r1', threat: 'Ransomware' }],
    };
    const names = itemNames(draft);
    expect(names.get('recoveryTests/rt1')).toBe('restore test of Mail');
    expect(names.get('risks/r1')).toBe('Ransomware');
    // Unnamed as yet: the label falls back to the id.
    expect(names.has('components/dns')).toBe(false);
    expect(describePath('/components/dns/instances', names)).toBe('dns · instances');
  });
});

describe('problemFieldPath', () => {
  it('turns index paths of validation problems into id paths', () => {
    const doc = {
      functions: [{ id: 'a' }, { id: 'b', availability: {} }],
      support: { severities: [{ id: 'sev1' }], escalation: [{ level: 1 }] },
    };
    expect(problemFieldPath(doc, 'functions[1].availability.targetPercent')).toBe(
      '/functions/b/availability/targetPercent',
    );
    expect(problemFieldPath(doc, 'support.severities[0].responseSeconds')).toBe(
      '/support/severities/sev1/responseSeconds',
    );
    expect(problemFieldPath(doc, 'support.escalation[0].name')).toBe('/support/escalation/0/name');
    expect(problemFieldPath(doc, '')).toBeNull();
  });

  it('reads the id paths the core now gives (functions[b].availability)', () => {
    const doc = {
      functions: [{ id: 'a' }, { id: 'b', availability: {} }],
      calendars: [{ id: 'office', slots: [{ day: 'mon' }] }],
    };
    expect(problemFieldPath(doc, 'functions[b].availability.targetPercent')).toBe(
      '/functions/b/availability/targetPercent',
    );
    expect(problemFieldPath(doc, 'calendars[office].slots[0].end')).toBe('/calendars/office/slots/0/end');
  });
});

describe('groupProblem', () => {
  const problems = new Map([
    ['/meta/exclusionsExtra', 'not this one: a sibling whose name begins alike'],
    ['/meta/exclusions/2', 'entry 3 is too long'],
    ['/groups/core/members', 'a group needs a member'],
  ]);

  it('is the problem at the group’s own path', () => {
    expect(groupProblem(problems, '/groups/core/members')).toBe('a group needs a member');
  });

  it('else the first problem at one of its entries, and never a sibling’s', () => {
    expect(groupProblem(problems, '/meta/exclusions')).toBe('entry 3 is too long');
    expect(groupProblem(problems, '/meta/sponsors')).toBeNull();
  });
});
