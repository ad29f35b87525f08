/** Operator roles (API.md "Operations API"): each holds everything of the ones before it. */
export const ROLES = ['viewer', 'support', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** viewer reads; support ends sessions, freezes, answers problems; finance settles and adjusts; admin manages roles. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** The signed-in operator of an /api/admin request. */
export type Operator = { email: string; role: Role; requestId: string };
