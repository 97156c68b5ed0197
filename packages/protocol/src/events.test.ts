import { describe, expect, it } from 'vitest';
import { clientPayloads } from './events.ts';
import { can, ROLES } from './roles.ts';

describe('client payload schemas', () => {
  it('accept a well-formed proposal and default its reason', () => {
    const parsed = clientPayloads['proposal:create'].parse({
      field: '/functions/mailbox/availability/targetPercent',
      value: 99.95,
    });
    expect(parsed.reason).toBe('');
  });

  it('reject a field path that is not addressed by ids, naming the field', () => {
    const result = clientPayloads['proposal:create'].safeParse({ field: 'functions[0].target', value: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['field']);
  });

  it('bound the countdown between 10 s and 4 h', () => {
    expect(clientPayloads['timer:start'].safeParse({ durationSeconds: 5 }).success).toBe(false);
    expect(clientPayloads['timer:start'].safeParse({ durationSeconds: 900 }).success).toBe(true);
    expect(clientPayloads['timer:start'].safeParse({ durationSeconds: 5 * 3600 }).success).toBe(false);
  });

  it('take no voter in a vote: a participant votes only as themselves', () => {
    expect(clientPayloads['proposal:vote'].safeParse({ proposalId: 'p', choice: 'for' }).success).toBe(true);
    expect(clientPayloads['proposal:vote'].safeParse({ proposalId: 'p', choice: 'for', voter: 'Anna' }).success).toBe(
      false,
    );
    expect(clientPayloads['proposal:ballot'].safeParse({ proposalId: 'p', ballot: 'secret' }).success).toBe(false);
  });

  it('reject unknown phases', () => {
    expect(clientPayloads['phase:set'].safeParse({ phase: 'lunch' }).success).toBe(false);
  });
});

describe('permissions', () => {
  it('let only sponsors sign and only facilitators steer or publish', () => {
    expect(ROLES.filter((role) => can(role, 'sign'))).toEqual(['sponsor']);
    expect(ROLES.filter((role) => can(role, 'steer'))).toEqual(['facilitator']);
    expect(ROLES.filter((role) => can(role, 'publish'))).toEqual(['facilitator']);
  });

  it('never let observers change anything', () => {
    const writes = ['editRequirements', 'propose', 'vote', 'decide', 'steer', 'invite', 'publish', 'sign'] as const;
    expect(writes.filter((permission) => can('observer', permission))).toEqual([]);
    expect(can('observer', 'read')).toBe(true);
  });
});
