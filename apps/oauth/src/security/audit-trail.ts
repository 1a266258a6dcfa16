import { Inject, Injectable } from '@nestjs/common';
import { SecurityDecision, SecurityDecisionPayload } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { TransactionalRepository } from '../shared/transactional.repository';

/** Failed client authentications and logins become `security.decision` events (audit, spec §7). */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(TransactionalRepository) private readonly transactions: TransactionalRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async denied(
    action: string,
    payload: Omit<SecurityDecisionPayload, 'action' | 'outcome'>,
  ): Promise<void> {
    const data: SecurityDecisionPayload = { action, outcome: 'failed', ...payload };
    await this.transactions.transaction((m) =>
      this.outbox.add(
        m,
        draft(SecurityDecision, payload.actorClient ?? payload.actorUser ?? 'anonymous', data),
      ),
    );
  }
}
