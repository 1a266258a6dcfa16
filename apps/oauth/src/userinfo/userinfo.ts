import { Inject, Injectable } from '@nestjs/common';
import { InsufficientScope, InvalidBearerToken } from '../errors/oauth-errors';
import { OPENID } from '../shared/scopes';
import { TokenInspector } from '../tokens/token-inspector';
import { UsersDirectory } from '../users-client/users-directory';
import { userInfoClaims } from './userinfo-claims';

/**
 * OIDC Core §5.3 UserInfo: a protected resource of this server, so it checks the bearer token
 * itself (the gateway routes it without a token check, as it does the token endpoint): ours,
 * unexpired, unrevoked, issued to a user, with `openid`. The user is read from `users` now, so a
 * disabled user's token gets nothing even before its revocation reaches anyone.
 */
@Injectable()
export class UserInfo {
  constructor(
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async claimsFor(token: string, requestId: string): Promise<Record<string, string>> {
    const found = await this.inspector.inspect(token, 'access_token');
    if (found.kind !== 'access' || found.expired || found.revoked) {
      throw new InvalidBearerToken('The access token is expired, revoked or not valid.');
    }
    const { sub, client_id: clientId, scope } = found.claims;
    const scopes = scope.split(' ');
    if (!scopes.includes(OPENID)) {
      throw new InsufficientScope('The access token was not issued with the openid scope.', OPENID);
    }
    if (sub === clientId) throw new InvalidBearerToken('The access token has no user.');
    const user = await this.users.get(sub, requestId);
    if (!user || user.status !== 'active') {
      throw new InvalidBearerToken(
        'The user of this access token is disabled or no longer exists.',
      );
    }
    return userInfoClaims(user, scopes);
  }
}
