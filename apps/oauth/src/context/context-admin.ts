import { createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isPlatformAdmin, type Principal } from '@platform/auth';
import type { ClientOwner } from '../clients/client-owner';
import type { AdminActor } from '../shared/admin-actor';

/** Who manages a context's applications: the context, the actor (for audit), and its powers. */
export interface ContextAdmin {
  owner: ClientOwner;
  actor: AdminActor;
  /** `platform.admin` acting in the context: the scope limits of context admins do not apply. */
  platformAdmin: boolean;
}

/**
 * The caller of a `/auth/oauth2/context/*` route, checked again here (the gateway's rule already
 * asks for an admin `User-Access`): a user acting in a context through an access whose role is
 * `admin`, or a platform administrator acting in one. Anyone else is a 403 naming what is missing.
 */
export function contextAdminOf(p: Principal | undefined, ip: string): ContextAdmin {
  if (!p) throw new ForbiddenException('No caller assertion.');
  const platformAdmin = isPlatformAdmin(p);
  if (!p.context)
    throw new ForbiddenException("A context's applications need a context: send User-Access.");
  if (!platformAdmin && (!p.userId || p.context.role !== 'admin'))
    throw new ForbiddenException("Only the context's admin may manage its applications.");
  return {
    owner: { entity: p.context.entity, database: p.context.database },
    actor: { actorClient: p.clientId, actorUser: p.userId, ip, requestId: p.requestId },
    platformAdmin,
  };
}

/** `@ContextAdminCaller()`: the ContextAdmin of this request, or a 403. */
export const ContextAdminCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ContextAdmin => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    return contextAdminOf(req.principal, req.ip);
  },
);
