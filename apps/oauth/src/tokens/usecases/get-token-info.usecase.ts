import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/http';
import { InvalidRequest, OAuthError } from '../../errors/oauth-errors';
import { TokenInspector } from '../token-inspector';

class InvalidToken extends OAuthError {
  readonly error = 'invalid_token';
}

/** `002_*` tokeninfo: what an access token is and whether it is still good (`expired`). */
@Injectable()
export class GetTokenInfoUseCase {
  constructor(
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(token: string | undefined): Promise<object> {
    if (!token) throw new InvalidRequest('access_token is required.');
    const found = await this.inspector.inspect(token, 'access_token');
    if (found.kind !== 'access' || found.revoked) throw new InvalidToken('The token is not valid.');
    const c = found.claims;
    const remaining = Math.max(0, Math.floor(c.exp - this.clock.now().getTime() / 1000));
    return {
      access_token: token,
      token_type: 'bearer',
      scope: c.scope,
      client_id: c.client_id,
      user: c.sub !== c.client_id ? c.sub : null,
      expired: found.expired,
      expires_in: remaining,
      expires: c.exp * 1000,
      issued_at: new Date(Math.round(c.iat * 1000)).toISOString(),
      expires_at: new Date(c.exp * 1000).toISOString(),
      jti: c.jti,
    };
  }
}
