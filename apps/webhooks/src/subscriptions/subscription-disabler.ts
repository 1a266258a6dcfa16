import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WebhookDisabled, type WebhookDisabledPayload } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { actionLabel } from './subscription-actions';

interface DisabledRow {
  id: string;
  actions: string[];
  postback_url: string;
  tech_owner_email: string;
  tech_owner_name: string;
  owner_user_id: string | null;
  owner_entity: string | null;
  owner_database: string | null;
}

/**
 * Disables a subscription and announces it (`webhook.disabled`, so notifications can tell the tech
 * owner), in the caller's transaction. Idempotent: an already disabled subscription emits nothing.
 */
@Injectable()
export class SubscriptionDisabler {
  constructor(private readonly outbox: OutboxPublisher) {}

  async disable(
    m: EntityManager,
    id: string,
    reason: string,
    ownerLostAccess = false,
  ): Promise<boolean> {
    const [rows] = (await m.query(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND status <> 'disabled'
        RETURNING id, actions, postback_url, tech_owner_email, tech_owner_name, owner_user_id, owner_entity, owner_database`,
      [id, reason],
    )) as [DisabledRow[], number];
    const row = rows[0];
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
