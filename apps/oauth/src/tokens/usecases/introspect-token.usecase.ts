import { Inject, Injectable } from '@nestjs/common';
import { ClientAuthenticator } from '../../clients/client-authenticator';
import { InvalidClient, InvalidRequest } from '../../errors/oauth-errors';
import { field } from '../grants/grant';
import type { TokenRequest } from '../token-endpoint';
import { TokenInspector } from '../token-inspector';
import { mayManage } from '../token-revoker';

/** RFC 7662, for the client that owns the token or an administrator client. */
@Injectable()
export class IntrospectTokenUseCase {
  constructor(
    @Inject(ClientAuthenticator) private readonly clients: ClientAuthenticator,
    @Inject(TokenInspector) private readonly inspector: TokenInspector,
  ) {}

  async execute(req: TokenRequest): Promise<object> {
    const caller = await this.clients.authenticate(req);
    // RFC 7662 §2.1: the caller must authenticate; a client_id alone proves nothing (and
    // discovery says so: introspection_endpoint_auth_methods_supported has no `none`).
    if (caller.isPublic)
      throw new InvalidClient(
        'Introspection needs client authentication; public clients cannot use it.',
      );
    const token = field(req.body, 'token');
    if (!token) throw new InvalidRequest('token is required.');
    const found = await this.inspector.inspect(token, field(req.body, 'token_type_hint'));
    const owner =
      found.kind === 'access'
        ? found.claims.client_id
        : found.kind === 'refresh'
          ? found.row.clientId
          : undefined;
    // §2.2: a token the caller may not see is simply "not active" to it.
    if (!owner || !mayManage(caller, owner)) return { active: false };
    return this.inspector.introspection(found);
  }
}
