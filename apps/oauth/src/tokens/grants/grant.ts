import type { ClientEntity } from '../../clients/client.entity';
import type { GrantType } from '../../clients/client-kinds';
import { InvalidGrant, UnauthorizedClient } from '../../errors/oauth-errors';
import type { DirectoryUser, UsersDirectory } from '../../users-client/users-directory';
import type { EntityManager } from 'typeorm';
import { scopesStillGranted } from '../scope-policy';
import type { Issued, IssueRequest } from '../token-issuer';

export interface GrantContext {
  client: ClientEntity;
  body: Record<string, unknown>;
  ip?: string;
  requestId: string;
}

/** The result of a grant, plus what `POST /auth` (`003_*`) adds to its answer. */
export interface GrantResult {
  issued: Issued;
  userId?: string;
  customerId?: string;
  ssoKey?: string;
}

export interface GrantHandler {
  readonly type: GrantType;
  handle(ctx: GrantContext): Promise<GrantResult>;
}

/** RFC 6749 §5.2 `unauthorized_client`: the client is not allowed this grant. */
export function assertGrantAllowed(client: ClientEntity, type: GrantType): void {
  if (!client.grantTypes.includes(type)) {
    throw new UnauthorizedClient(`This client may not use the ${type} grant.`);
  }
}

export const field = (body: Record<string, unknown>, name: string): string | undefined => {
  const v = body[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * The user of a grant, as `users` says it is now (ADR 0005: users is the one source of truth; a
 * copy kept from `user.*` events would lag behind a disable). Gone or disabled: `invalid_grant`.
 */
export async function activeUser(
  users: UsersDirectory,
  userId: string,
  requestId: string,
): Promise<DirectoryUser> {
  const user = await users.get(userId, requestId);
  if (!user || user.status !== 'active')
    throw new InvalidGrant('The user of this grant is disabled or no longer exists.');
  return user;
}

/** Refresh tokens are issued and accepted only while the client lists the grant and enables them. */
export const refreshEnabled = (client: ClientEntity): boolean =>
  client.refreshTokens && client.grantTypes.includes('refresh_token');

/**
 * What authorization-code and refresh-token redemptions share: the work runs in one transaction
 * and an `invalid_grant` it answers is thrown after the commit, so what it revoked (the tokens of
 * a replayed code or refresh token) sticks.
 */
export async function redeemInTransaction(
  transaction: <T>(work: (m: EntityManager) => Promise<T>) => Promise<T>,
  work: (m: EntityManager) => Promise<GrantResult | InvalidGrant>,
): Promise<GrantResult> {
  const outcome = await transaction(work);
  if (outcome instanceof InvalidGrant) throw outcome;
  return outcome;
}

/**
 * A stored grant (code or refresh token) checked against now: the user must still be active and
 * the scopes are narrowed to what the client and user hold now (`asked` narrows them further).
 */
export async function stillGranted(
  users: UsersDirectory,
  ctx: GrantContext,
  stored: { userId: string | null; scope: string },
  asked?: string[],
): Promise<{ user?: DirectoryUser; scope: string[] }> {
  const user = stored.userId ? await activeUser(users, stored.userId, ctx.requestId) : undefined;
  const granted = stored.scope.split(' ').filter(Boolean);
  return { user, scope: scopesStillGranted(granted, asked, ctx.client, user) };
}

/** The token request of a grant: the fields every grant fills the same way from its context and user. */
export function issueRequest(
  ctx: GrantContext,
  grantType: GrantType,
  grant: { userId?: string; user?: DirectoryUser; scope: string[] },
  more: Pick<IssueRequest, 'refresh' | 'familyId' | 'signIn'> = {},
): IssueRequest {
  return {
    client: ctx.client,
    userId: grant.userId,
    scope: grant.scope,
    grantType,
    ip: ctx.ip,
    entitlements: grant.user?.permissions,
    requestId: ctx.requestId,
    ...more,
  };
}
