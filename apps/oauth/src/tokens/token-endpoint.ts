import { Inject, Injectable } from '@nestjs/common';
import { ClientAuthenticator, ClientCredentialsInput } from '../clients/client-authenticator';
import {
  InvalidGrant,
  InvalidRequest,
  InvalidScope,
  OAuthError,
  UnauthorizedClient,
  UnsupportedGrantType,
} from '../errors/oauth-errors';
import { AuditTrail } from '../security/audit-trail';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant';
import { ClientCredentialsGrant } from './grants/client-credentials.grant';
import { CustomSsoGrant } from './grants/custom-sso.grant';
import { field, GrantHandler, GrantResult } from './grants/grant';
import { PasswordGrant } from './grants/password.grant';
import { RefreshTokenGrant } from './grants/refresh-token.grant';

export interface TokenRequest extends ClientCredentialsInput {
  requestId: string;
}

/**
 * RFC 6749 §3.2: authenticate the client, then run the grant it asked for. A grant refused on
 * its merits (invalid_grant, unauthorized_client, invalid_scope) is recorded as a failed
 * `oauth.token.<grant>` decision; client authentication records its own failures.
 */
@Injectable()
export class TokenEndpoint {
  private readonly grants: Map<string, GrantHandler>;

  constructor(
    @Inject(ClientAuthenticator) private readonly clients: ClientAuthenticator,
    @Inject(ClientCredentialsGrant) clientCredentials: ClientCredentialsGrant,
    @Inject(AuthorizationCodeGrant) authorizationCode: AuthorizationCodeGrant,
    @Inject(RefreshTokenGrant) refreshToken: RefreshTokenGrant,
    @Inject(PasswordGrant) password: PasswordGrant,
    @Inject(CustomSsoGrant) customSso: CustomSsoGrant,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {
    const all: GrantHandler[] = [
      clientCredentials,
      authorizationCode,
      refreshToken,
      password,
      customSso,
    ];
    this.grants = new Map(all.map((g) => [g.type, g]));
  }

  async exchange(req: TokenRequest): Promise<GrantResult & { clientId: string }> {
    const grantType = field(req.body, 'grant_type');
    if (!grantType) throw new InvalidRequest('grant_type is required.');
    const handler = this.grants.get(grantType);
    if (!handler) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported.`);
    const client = await this.clients.authenticate(req);
    try {
      const result = await handler.handle({
        client,
        body: req.body,
        ip: req.ip,
        requestId: req.requestId,
      });
      return { ...result, clientId: client.id };
    } catch (e) {
      if (isRefusal(e)) await this.recordRefusal(grantType, client.id, req, e);
      throw e;
    }
  }

  /** Spec §7: every failed authentication decision is on record (who, what, from where, why). */
  private async recordRefusal(
    grantType: string,
    clientId: string,
    req: TokenRequest,
    e: OAuthError,
  ): Promise<void> {
    await this.audit.denied(`oauth.token.${grantType}`, {
      actorClient: clientId,
      ip: req.ip,
      requestId: req.requestId,
      reason: `${e.error}: ${e.description}`,
    });
  }
}

/** A grant refused on its merits (not a malformed request, not a throttle), not yet on record. */
function isRefusal(e: unknown): e is OAuthError {
  const refusal =
    e instanceof InvalidGrant || e instanceof UnauthorizedClient || e instanceof InvalidScope;
  return refusal && !e.recorded;
}
