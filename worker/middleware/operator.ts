/** The operations API's door (ADR 015): a valid Access JWT on every request and a role at least the route's; customer tokens count for nothing. */
import type { Context, MiddlewareHandler } from 'hono';
import { ACCESS_HEADER, verifyAccessJwt } from '../auth/access';
import { findOperatorRole } from '../db/operators';
import { DomainError } from '../domain/errors';
import { roleAllows, type Operator, type Role } from '../domain/roles';
import type { AppEnv } from '../app-env';


export type Operating = { Variables: { operator: Operator } };

export function requireRole(needed: Role): MiddlewareHandler<AppEnv & Operating> {
  return async (c, next) => {
    const token = c.req.header(ACCESS_HEADER);
    const identity = token ? await verifyAccessJwt(token, c.var.config.access, new URL(c.req.url).hostname, c.var.now) : null;
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'Sign in through Cloudflare Access');
    const role = await findOperatorRole(c.var.shards.directory, identity.email);
    if (!role || !roleAllows(role, needed)) throw new DomainError('FORBIDDEN', `This needs the ${needed} role`);
    c.set('operator', { email: identity.email, role, requestId: c.var.requestId ?? crypto.randomUUID() });
    await next();
  };
}

/** Operators' idempotency keys are theirs alone (API.md: scoped to the operator). */
export function operatorScope(c: Context<AppEnv>): string | null {
  return c.var.operator ? `operator:${c.var.operator.email}` : null;
}

/** One JSON line per operator action (who, what, on what, the request id and the Worker's version): never the reason's text. */
export function logOperatorAction(c: Pick<Context<AppEnv & Operating>, 'var'>, action: string, target: string, status: number): void {
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'operator action',
      request_id: c.var.operator.requestId,
      version: c.var.config.version,
      actor: c.var.operator.email,
      role: c.var.operator.role,
      action,
      target,
      status,
    }),
  );
}
