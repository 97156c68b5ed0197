import { z } from 'zod';

/** Who a participant is in a workshop. Roles are enforced by the server at every door. */
export const roleSchema = z.enum(['facilitator', 'stakeholder', 'sponsor', 'observer']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES: readonly Role[] = roleSchema.options;

/** Roles an invite link can grant; the facilitator's link comes from creating the workshop. */
export const inviteRoleSchema = z.enum(['stakeholder', 'sponsor', 'observer']);
export type InviteRole = z.infer<typeof inviteRoleSchema>;

/** Everything a role may do; one table, read by the server's guards and the client's UI alike. */
export const PERMISSIONS = {
  editRequirements: ['facilitator', 'stakeholder'],
  propose: ['facilitator', 'stakeholder', 'sponsor'],
  vote: ['facilitator', 'stakeholder', 'sponsor'],
  decide: ['facilitator'],
  steer: ['facilitator'],
  invite: ['facilitator'],
  publish: ['facilitator'],
  sign: ['sponsor'],
  read: ['facilitator', 'stakeholder', 'sponsor', 'observer'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
