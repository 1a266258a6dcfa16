import { Inject, Injectable } from '@nestjs/common';
import { ClientAuthenticator } from '../../clients/client-authenticator';
import { InvalidRequest } from '../../errors/oauth-errors';
import { field } from '../grants/grant';
import type { TokenRequest } from '../token-endpoint';
import { TokenRevoker } from '../token-revoker';

/** RFC 7009 revocation, by the client that authenticates. */
@Injectable()
export class RevokeTokenUseCase {
  constructor(
    @Inject(ClientAuthenticator) private readonly clients: ClientAuthenticator,
    @Inject(TokenRevoker) private readonly revoker: TokenRevoker,
  ) {}

  async execute(req: TokenRequest): Promise<void> {
    const caller = await this.clients.authenticate(req);
    const token = field(req.body, 'token');
    if (!token) throw new InvalidRequest('token is required.');
    await this.revoker.revoke(caller, token, field(req.body, 'token_type_hint'));
  }
}
