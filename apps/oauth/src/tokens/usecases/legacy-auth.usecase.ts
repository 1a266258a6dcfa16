import { Inject, Injectable } from '@nestjs/common';
import { CustomersRepository } from '../../customers/customers.repository';
import { InvalidRequest } from '../../errors/oauth-errors';
import type { LegacyAuthResponse } from '../dto/token.response';
import { field } from '../grants/grant';
import { TokenEndpoint, type TokenRequest } from '../token-endpoint';

/**
 * `003_*` §4 and §6: `POST /auth` takes `grant_type` password or custom_sso with the customer's
 * id (a password grant's customer must exist), runs the grant as the token endpoint does, and
 * answers in that document's shape.
 */
@Injectable()
export class LegacyAuthUseCase {
  constructor(
    @Inject(TokenEndpoint) private readonly endpoint: TokenEndpoint,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
  ) {}

  async execute(req: TokenRequest): Promise<LegacyAuthResponse> {
    const grantType = field(req.body, 'grant_type');
    if (grantType !== 'password' && grantType !== 'custom_sso') {
      throw new InvalidRequest('POST /auth takes grant_type password or custom_sso.');
    }
    const customerId = field(req.body, 'customer_id');
    if (!customerId) throw new InvalidRequest('customer_id is required.');
    if (grantType === 'password' && !(await this.customers.exists(customerId))) {
      throw new InvalidRequest('The customer_id is not known.');
    }
    const result = await this.endpoint.exchange(req);
    const { issued } = result;
    return {
      access_token: issued.response.access_token,
      token_type: 'bearer',
      expires_in: issued.response.expires_in,
      client_id: result.clientId,
      customer_id: customerId,
      user_id: result.userId,
      '.issued': issued.issuedAt.toUTCString(),
      '.expires': issued.expiresAt.toUTCString(),
      ...(result.ssoKey ? { key: result.ssoKey } : {}),
      ...(issued.response.refresh_token ? { refresh_token: issued.response.refresh_token } : {}),
    };
  }
}
