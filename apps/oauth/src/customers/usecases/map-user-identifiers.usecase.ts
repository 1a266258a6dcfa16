import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomerIdentifierMapped } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { Principal } from '@platform/auth';
import { ClientsRepository } from '../../clients/clients.repository';
import type { AdminActor } from '../../shared/admin-actor';
import { UsersDirectory } from '../../users-client/users-directory';
import { CustomerTokenVerifier } from '../customer-token-verifier';
import { CustomersRepository } from '../customers.repository';
import { UserIdentifierDto } from '../dto/create-customer.dto';

const USER_MANAGEMENT = 'UserManagement';

/**
 * `003_*` §5 "De-Para": maps external identifiers to platform logins. The caller must be a user
 * holding UserManagement (checked again here against `users`), and prove the customer with its token.
 * Each new mapping is recorded (`customer.identifier_mapped`) in the transaction that writes it.
 */
@Injectable()
export class MapUserIdentifiersUseCase {
  constructor(
    @Inject(CustomersRepository) private readonly customerRows: CustomersRepository,
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(CustomerTokenVerifier) private readonly customerTokens: CustomerTokenVerifier,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    p: Principal,
    caller: AdminActor,
    customerId: string,
    customerToken: string | undefined,
    items: UserIdentifierDto[],
  ): Promise<UserIdentifierDto[]> {
    await this.assertUserManager(p);
    if (!(await this.customerTokens.verify(customerId, customerToken, caller))) {
      throw new ForbiddenException('customerToken does not match the customer');
    }
    for (const item of items) await this.assertReferences(item, p.requestId);
    await this.customerRows.transaction((m) => this.insertMappings(customerId, items, caller, m));
    return items;
  }

  /** Inserts the new mappings (an identical one is a no-op), each recorded as `customer.identifier_mapped`. */
  private async insertMappings(
    customerId: string,
    items: UserIdentifierDto[],
    caller: AdminActor,
    m: EntityManager,
  ): Promise<void> {
    for (const item of items) {
      const key = { clientApplicationId: item.client_application_id, identifier: item.identifier };
      const existing = await this.customerRows.findIdentifier(key, m);
      if (
        existing &&
        (existing.userLogin !== item.user_login || existing.customerId !== customerId)
      ) {
        throw new ConflictException(
          `identifier ${item.identifier} is already mapped for client ${item.client_application_id}`,
        );
      }
      if (existing) continue;
      await this.customerRows.insertIdentifier(
        { ...key, customerId, userLogin: item.user_login },
        m,
      );
      const data = { customerId, ...key, userLogin: item.user_login, ...caller };
      await this.outbox.add(m, draft(CustomerIdentifierMapped, customerId, data));
    }
  }

  private async assertUserManager(p: Principal): Promise<void> {
    const user = p.userId ? await this.users.get(p.userId, p.requestId) : undefined;
    if (!user || user.status !== 'active' || !user.permissions.includes(USER_MANAGEMENT)) {
      throw new ForbiddenException('a user with the UserManagement permission is required');
    }
  }

  private async assertReferences(item: UserIdentifierDto, requestId: string): Promise<void> {
    if (!(await this.clients.exists(item.client_application_id))) {
      throw new BadRequestException(
        `client_application_id ${item.client_application_id} is not a client`,
      );
    }
    if (!(await this.users.get(item.user_login, requestId))) {
      throw new BadRequestException(`user_login ${item.user_login} is not a user`);
    }
  }
}
