import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The context a caller acts in (`002_*`: entity + database), selected by `User-Access`. */
export interface CallerContext {
  entity: string;
  database: string;
  /** The access (User-Access id) that selected it. */
  accessId: string;
  role: 'admin' | 'technician' | 'user';
}

/**
 * Who is calling, as the gateway established it. Services never see the caller's token, only
 * this, carried in a signed assertion.
 */
export interface Principal {
  clientId: string;
  userId?: string;
  scopes: string[];
  context?: CallerContext;
  /** The id (`jti`) of the caller's token. */
  tokenId: string;
  /** The license the caller's client is bound to (`000_*`), when it is bound to one. */
  license?: string;
  requestId: string;
}

export const PLATFORM_ADMIN_SCOPE = 'platform.admin';

/** The id a caller acts as: its user when a user signed in, else its client (a service token). */
export const actorId = (caller: Pick<Principal, 'clientId' | 'userId'>): string =>
  caller.userId ?? caller.clientId;

export const isPlatformAdmin = (p: Principal): boolean => p.scopes.includes(PLATFORM_ADMIN_SCOPE);

/** The verified caller of this request (a parameter decorator, `@Principal() p: Principal`). */
export const Principal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal,
);
