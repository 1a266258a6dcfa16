import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityDecision, SecurityDecisionPayload } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';

/** Failed client authentications and logins become `security.decision` events (audit, spec §7). */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  async denied(action: string, payload: Omit<SecurityDecisionPayload, 'action' | 'outcome'>): Promise<void> {
    const data: SecurityDecisionPayload = { action, outcome: 'failed', ...payload };
    await this.db.transaction((m) =>
      this.outbox.add(m, draft(SecurityDecision, payload.actorClient ?? payload.actorUser ?? 'anonymous', data)),
    );
  }
}
