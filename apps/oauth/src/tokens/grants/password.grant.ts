import { Inject, Injectable } from '@nestjs/common';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-errors';
import { UserLogin } from '../../login/user-login';
import { parseScopes } from '../../shared/scopes';
import { grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../token-issuer';
import {
  assertGrantAllowed,
  field,
  GrantContext,
  GrantHandler,
  GrantResult,
  issueRequest,
  refreshEnabled,
} from './grant';

/**
 * RFC 6749 §4.3 — legacy: RFC 9700 §2.4 says not to use it. Only clients of kind `password`
 * (`002_*`: "reserved for internal use") have it.
 */
@Injectable()
export class PasswordGrant implements GrantHandler {
  readonly type = 'password' as const;
  constructor(
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(UserLogin) private readonly login: UserLogin,
  ) {}

  async handle({ client, body, ip, requestId }: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(client, this.type);
    const username = field(body, 'username');
    const password = field(body, 'password');
    if (!username || !password) throw new InvalidRequest('username and password are required.');
    const user = await this.login.attempt({
      login: username,
      password,
      ip,
      clientId: client.id,
      requestId,
    });
    // UserLogin recorded the failure (oauth.login).
    if (!user) throw new InvalidGrant('The user name or password is incorrect.').alreadyRecorded();
    const scope = grantedScopes(
      client,
      parseScopes(field(body, 'scope'), field(body, 'scopes')),
      user,
    );
    const issued = await this.issuer.issue(
      issueRequest(
        { client, body, ip, requestId },
        this.type,
        { userId: user.id, user, scope },
        { refresh: refreshEnabled(client) },
      ),
    );
    return { issued, userId: user.id };
  }
}
