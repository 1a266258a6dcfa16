import { Inject, Injectable } from '@nestjs/common';
import { UnauthorizedClient } from '../../errors/oauth-errors';
import { parseScopes } from '../../shared/scopes';
import { grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../token-issuer';
import { assertGrantAllowed, field, GrantContext, GrantHandler, GrantResult } from './grant';

/**
 * RFC 6749 §4.4; `scopes=a,b` (`002_*`) or `scope=a b`. No refresh token (§4.4.3). Confidential
 * clients only (§4.4): a client without a secret authenticates with its client_id alone, which is
 * no authentication, so it is refused even if an old registration lists the grant.
 */
@Injectable()
export class ClientCredentialsGrant implements GrantHandler {
  readonly type = 'client_credentials' as const;
  constructor(@Inject(TokenIssuer) private readonly issuer: TokenIssuer) {}

  async handle({ client, body, ip }: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(client, this.type);
    if (client.isPublic) {
      throw new UnauthorizedClient(
        'client_credentials is only for clients that hold a secret (RFC 6749 §4.4).',
      );
    }
    const scope = grantedScopes(client, parseScopes(field(body, 'scope'), field(body, 'scopes')));
    return { issued: await this.issuer.issue({ client, scope, grantType: this.type, ip }) };
  }
}
