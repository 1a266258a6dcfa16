import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CustomerCreated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { AuditTrail } from '../security/audit-trail';
import { FailureThrottle } from '../security/failure-throttle';
import type { AdminActor } from '../shared/admin-actor';
import { digest, matchesDigest, randomToken } from '../shared/crypto';
import { CustomersRepository } from './customers.repository';

/**
 * Customer instances of `003_*`; the customer_token is shown once and kept as a digest. A wrong
 * token is throttled per source and audited like a wrong client secret (both are 256 bits).
 */
@Injectable()
export class CustomersService {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(FailureThrottle) private readonly throttle: FailureThrottle,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(
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

  async list(): Promise<{ customer_id: string; name: string; created_at: Date }[]> {
    const rows = await this.customers.list();
    return rows.map((r) => ({ customer_id: r.id, name: r.name, created_at: r.createdAt }));
  }

  async exists(customerId: string): Promise<boolean> {
    return this.customers.exists(customerId);
  }

  /**
   * True when the customer exists and the token is its token (constant-time compare). SlowDown
   * while the caller's source is locked; a failure is counted and recorded as a failed
   * `oauth.customer_authentication` decision (never with the token).
   */
  async verifyToken(
    customerId: string,
    token: string | undefined,
    caller: AdminActor,
  ): Promise<boolean> {
    this.throttle.checkSecret(caller.ip);
    const row = await this.customers.findById(customerId);
    if (row && token !== undefined && matchesDigest(token, row.tokenHash)) return true;
    this.throttle.failSecret(caller.ip);
    await this.audit.denied('oauth.customer_authentication', {
      ...caller,
      target: customerId,
      reason: row ? 'bad customer token' : 'unknown customer',
    });
    return false;
  }
}
