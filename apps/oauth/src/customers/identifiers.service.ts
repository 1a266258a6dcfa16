import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CustomerIdentifierMapped } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { Principal } from '@platform/auth';
import { ClientEntity } from '../clients/client.entity';
import type { AdminActor } from '../shared/admin-actor';
import { UsersDirectory } from '../users-client/users-directory';
import { SsoIdentifierEntity } from './customer.entities';
import { CustomersService } from './customers.service';
import { UserIdentifierDto } from './dto/create-customer.dto';

export const USER_MANAGEMENT = 'UserManagement';

/**
 * `003_*` §5 "De-Para": maps external identifiers to platform logins. The caller must be a user
 * holding UserManagement (checked again here against `users`), and prove the customer with its token.
 * Each new mapping is recorded (`customer.identifier_mapped`) in the transaction that writes it.
 */
@Injectable()
export class IdentifiersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    private readonly outbox: OutboxPublisher,
  ) {}

  async map(
    p: Principal,
    caller: AdminActor,
    customerId: string,
    customerToken: string | undefined,
    items: UserIdentifierDto[],
  ): Promise<UserIdentifierDto[]> {
    await this.assertUserManager(p);
    if (!(await this.customers.verifyToken(customerId, customerToken, caller))) {
      throw new ForbiddenException('customerToken does not match the customer');
    }
    for (const item of items) await this.assertReferences(item, p.requestId);
    await this.db.transaction((m) => this.insertMappings(m, customerId, items, caller));
    return items;
  }

  /** Inserts the new mappings (an identical one is a no-op), each recorded as `customer.identifier_mapped`. */
  private async insertMappings(
    m: EntityManager,
    customerId: string,
    items: UserIdentifierDto[],
    caller: AdminActor,
  ): Promise<void> {
    const repo = m.getRepository(SsoIdentifierEntity);
    for (const item of items) {
      const key = { clientApplicationId: item.client_application_id, identifier: item.identifier };
      const existing = await repo.findOneBy(key);
      if (
        existing &&
        (existing.userLogin !== item.user_login || existing.customerId !== customerId)
      ) {
        throw new ConflictException(
          `identifier ${item.identifier} is already mapped for client ${item.client_application_id}`,
        );
      }
      if (existing) continue;
      await repo.insert({ ...key, customerId, userLogin: item.user_login });
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
    if (!(await this.db.getRepository(ClientEntity).existsBy({ id: item.client_application_id }))) {
      throw new BadRequestException(
        `client_application_id ${item.client_application_id} is not a client`,
      );
    }
    if (!(await this.users.get(item.user_login, requestId))) {
      throw new BadRequestException(`user_login ${item.user_login} is not a user`);
    }
  }
}
