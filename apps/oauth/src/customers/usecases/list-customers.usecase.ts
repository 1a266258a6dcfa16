import { Inject, Injectable } from '@nestjs/common';
import { CustomersRepository } from '../customers.repository';

/** The customers of `003_*` (never their tokens). */
@Injectable()
export class ListCustomersUseCase {
  constructor(@Inject(CustomersRepository) private readonly customers: CustomersRepository) {}

  async execute(): Promise<{ customer_id: string; name: string; created_at: Date }[]> {
    const rows = await this.customers.list();
    return rows.map((r) => ({ customer_id: r.id, name: r.name, created_at: r.createdAt }));
  }
}
