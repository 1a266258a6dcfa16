import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CustomerCreated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../../shared/admin-actor';
import { digest, randomToken } from '../../shared/crypto';
import { CustomersRepository } from '../customers.repository';

/**
 * A customer instance of `003_*`, recorded as `customer.created`; the customer_token is shown once
 * and kept as a digest.
 */
@Injectable()
export class CreateCustomerUseCase {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    name: string,
    actor: AdminActor = {},
  ): Promise<{ customer_id: string; customer_token: string; name: string }> {
    const id = randomUUID();
    const token = randomToken();
    await this.customers.transaction(async (m) => {
      await this.customers.insert({ id, name, tokenHash: digest(token) }, m);
      await this.outbox.add(m, draft(CustomerCreated, id, { customerId: id, name, ...actor }));
    });
    return { customer_id: id, customer_token: token, name };
  }
}
