import type { ClientEntity } from '../../clients/client.entity';
import type { GrantType } from '../../clients/client-kinds';
import { UnauthorizedClient } from '../../errors/oauth-errors';
import type { Issued } from '../token-issuer';

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
