import { Inject, Injectable } from '@nestjs/common';
import { CustomerTokenVerifier } from '../../customers/customer-token-verifier';
import { CustomersRepository } from '../../customers/customers.repository';
import { SsoKeys } from '../../customers/sso-keys';
import { InvalidGrant, InvalidRequest, UnauthorizedClient } from '../../errors/oauth-errors';
import { UsersDirectory } from '../../users-client/users-directory';
import { grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../token-issuer';
import { assertGrantAllowed, field, GrantContext, GrantHandler, GrantResult } from './grant';

/**
 * `003_*` §6 `grant_type=custom_sso`: a confidential client that proves the customer
 * (`customer_id` + `customer_token`) names a user by its external identifier (mapped through
 * `/{customerId}/users/identifiers`) and gets a user token plus a one-time SSO `key`.
 */
@Injectable()
export class CustomSsoGrant implements GrantHandler {
  readonly type = 'custom_sso' as const;
  constructor(
    @Inject(CustomersRepository) private readonly customerRows: CustomersRepository,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(CustomerTokenVerifier) private readonly customerTokens: CustomerTokenVerifier,
    @Inject(SsoKeys) private readonly keys: SsoKeys,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  async handle({ client, body, ip, requestId }: GrantContext): Promise<GrantResult> {
    assertGrantAllowed(client, this.type);
    // `003_*` §6 sends client_secret: a client without one (an older registration) is refused.
    if (client.isPublic) {
      throw new UnauthorizedClient('custom_sso is only for clients that hold a secret.');
    }
    const customerId = field(body, 'customer_id');
    const identifier = field(body, 'user_identifier');
    if (!customerId || !identifier || !field(body, 'customer_token')) {
      throw new InvalidRequest('customer_id, customer_token and user_identifier are required.');
    }
    const caller = { actorClient: client.id, ip, requestId };
    if (!(await this.customerTokens.verify(customerId, field(body, 'customer_token'), caller))) {
      throw new InvalidGrant('The customer credentials are invalid.').alreadyRecorded();
    }
    const mapping = await this.customerRows.findIdentifier({
      clientApplicationId: client.id,
      identifier,
      customerId,
    });
    const user = mapping ? await this.users.get(mapping.userLogin, requestId) : undefined;
    if (!user || user.status !== 'active')
      throw new InvalidGrant('The user identifier is not known.');
    const scope = grantedScopes(client, undefined, user);
    return this.customerRows.transaction(async (m) => {
      const issued = await this.issuer.issue(
        {
          client,
          userId: user.id,
          scope,
          grantType: this.type,
          ip,
          entitlements: user.permissions,
        },
        m,
      );
      const ssoKey = await this.keys.create(
        { userId: user.id, clientId: client.id, customerId },
        m,
      );
      return { issued, userId: user.id, customerId, ssoKey };
    });
  }
}
