import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { digest, matchesDigest, randomToken } from '../shared/crypto';
import { CustomerEntity } from './customer.entities';

/** Customer instances of `003_*`; the customer_token is shown once and kept as a digest. */
@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(name: string): Promise<{ customer_id: string; customer_token: string; name: string }> {
    const id = randomUUID();
    const token = randomToken();
    await this.db.getRepository(CustomerEntity).insert({ id, name, tokenHash: digest(token) });
    return { customer_id: id, customer_token: token, name };
  }

  async list(): Promise<{ customer_id: string; name: string; created_at: Date }[]> {
    const rows = await this.db.getRepository(CustomerEntity).find({ order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ customer_id: r.id, name: r.name, created_at: r.createdAt }));
  }

  async exists(customerId: string): Promise<boolean> {
    return this.db.getRepository(CustomerEntity).existsBy({ id: customerId });
  }

  /** True when the customer exists and the token is its token (constant-time compare). */
  async authenticate(customerId: string | undefined, token: string | undefined): Promise<boolean> {
    if (!customerId || !token) return false;
    const row = await this.db.getRepository(CustomerEntity).findOneBy({ id: customerId });
    return row ? matchesDigest(token, row.tokenHash) : false;
  }
}
