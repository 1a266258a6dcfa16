import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/http';
import { digest } from '../shared/crypto';
import { CustomersRepository } from './customers.repository';

/** `003_*` §7: the key opens a session once, within 60 s. */
export const SSO_KEY_TTL_MS = 60_000;

@Injectable()
export class SsoKeys {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(
    grant: { userId: string; clientId: string; customerId: string },
    m: EntityManager,
  ): Promise<string> {
    const key = randomUUID(); // the `003_*` shape; 122 random bits, single use, 60 s
    const expiresAt = new Date(this.clock.now().getTime() + SSO_KEY_TTL_MS);
    await this.customers.insertSsoKey(
      { keyHash: digest(key), ...grant, expiresAt, usedAt: null },
      m,
    );
    return key;
  }

  /** Spends the key atomically; the user id when it was valid, unused and fresh. */
  consume(key: string, m: EntityManager): Promise<string | undefined> {
    return this.customers.spendSsoKey(digest(key), m);
  }
}
