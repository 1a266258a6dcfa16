import { Inject, Injectable } from '@nestjs/common';
import { ClientAuthenticator, ClientCredentialsInput } from '../clients/client-authenticator';
import { InvalidRequest, UnsupportedGrantType } from '../errors/oauth-errors';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant';
import { ClientCredentialsGrant } from './grants/client-credentials.grant';
import { CustomSsoGrant } from './grants/custom-sso.grant';
import { field, GrantHandler, GrantResult } from './grants/grant';
import { PasswordGrant } from './grants/password.grant';
import { RefreshTokenGrant } from './grants/refresh-token.grant';

export interface TokenRequest extends ClientCredentialsInput {
  requestId: string;
}

/** RFC 6749 §3.2: authenticate the client, then run the grant it asked for. */
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
  ) {
    const all: GrantHandler[] = [clientCredentials, authorizationCode, refreshToken, password, customSso];
    this.grants = new Map(all.map((g) => [g.type, g]));
  }

  async exchange(req: TokenRequest): Promise<GrantResult & { clientId: string }> {
    const grantType = field(req.body, 'grant_type');
    if (!grantType) throw new InvalidRequest('grant_type is required.');
    const handler = this.grants.get(grantType);
    if (!handler) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported.`);
    const client = await this.clients.authenticate(req);
    const result = await handler.handle({ client, body: req.body, ip: req.ip, requestId: req.requestId });
    return { ...result, clientId: client.id };
  }
}
