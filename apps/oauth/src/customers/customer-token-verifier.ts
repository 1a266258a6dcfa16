import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '../security/audit-trail';
import { FailureThrottle } from '../security/failure-throttle';
import type { AdminActor } from '../shared/admin-actor';
import { matchesDigest } from '../shared/crypto';
import { CustomersRepository } from './customers.repository';

/**
 * Proof of a `003_*` customer: its customer_token. A wrong token is throttled per source and
 * audited like a wrong client secret (both are 256 bits).
 */
@Injectable()
export class CustomerTokenVerifier {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(FailureThrottle) private readonly throttle: FailureThrottle,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  /**
   * True when the customer exists and the token is its token (constant-time compare). SlowDown
   * while the caller's source is locked; a failure is counted and recorded as a failed
   * `oauth.customer_authentication` decision (never with the token).
   */
  async verify(
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
