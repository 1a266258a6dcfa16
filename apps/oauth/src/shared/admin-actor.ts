import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@platform/auth';
import type { AdminActorFields } from '@platform/contracts';

/** Who makes an admin change and from where, as admin events carry it (audit, spec §7). */
export type AdminActor = AdminActorFields;

/**
 * The caller of an admin route as an AdminActor: client and user from the gateway assertion,
 * the source IP (the gateway's `x-forwarded-for`, through libs/http's trust proxy), the request id.
 */
export const AdminCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AdminActor => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    return {
      actorClient: req.principal?.clientId,
      actorUser: req.principal?.userId,
      ip: req.ip,
      requestId: req.principal?.requestId ?? req.id,
    };
  },
);
