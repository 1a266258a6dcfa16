import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhookDisabled, type WebhookDisabledPayload } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { actionLabel } from './subscription-actions';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Disables a subscription and announces it (`webhook.disabled`, so notifications can tell the tech
 * owner), in the caller's transaction. Idempotent: an already disabled subscription emits nothing.
 */
@Injectable()
export class SubscriptionDisabler {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async disable(
    id: string,
    reason: string,
    ownerLostAccess: boolean,
    m: EntityManager,
  ): Promise<boolean> {
    const row = await this.subscriptions.disable(id, reason, m);
    if (!row) return false;
    const payload: WebhookDisabledPayload = {
      id: row.id,
      action: actionLabel(row.actions),
      actions: row.actions,
      postbackUrl: row.postback_url,
      techOwnerEmail: row.tech_owner_email,
      techOwnerName: row.tech_owner_name,
      reason,
    };
    if (row.owner_user_id) payload.ownerUser = row.owner_user_id;
    if (row.owner_entity) payload.entity = row.owner_entity;
    if (row.owner_database) payload.database = row.owner_database;
    if (ownerLostAccess) payload.ownerLostAccess = true;
    await this.outbox.add(
      m,
      draft(WebhookDisabled, row.id, payload, row.owner_entity ? { entity: row.owner_entity } : {}),
    );
    return true;
  }
}
