import { Injectable } from '@nestjs/common';
import {
  AccessRevoked,
  ClientDeleted,
  UserDisabled,
  type AccessRevokedPayload,
  type ClientDeletedPayload,
  type EventEnvelope,
  type UserDisabledPayload,
} from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import type { EntityManager } from 'typeorm';
import { SubscriptionDisabler } from './subscription-disabler';

/** Why a subscription was disabled when its owner lost the right to it (`disabledReason`). */
export const OwnerEnded = {
  accessRevoked: "its owner's access to the context was revoked",
  userDisabled: 'its owner was disabled',
  clientDeleted: 'the client that owned it was deleted',
} as const;

/**
 * A subscription sends its context's events to a URL its owner chose; it must not outlive the
 * owner's right to see them. When the owner's `User-Access` to that context is revoked, the owner
 * is disabled, or the client that owns it (with no user) is deleted, its subscriptions are
 * disabled and announced (`webhook.disabled`: the tech owner and the context's admins are told).
 * A context admin who still holds access may look at the URL and enable it again: the
 * subscription is then theirs (SaveSubscriptionUseCase). In the transaction that marks the event
 * processed, so a crash replays it.
 */
@Injectable()
export class OwnerRevocation {
  constructor(private readonly disabler: SubscriptionDisabler) {}

  @OnEvent(AccessRevoked)
  async onAccessRevoked(
    event: EventEnvelope<AccessRevokedPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const { user, context } = event.data;
    await this.disableWhere(
      ctx.manager,
      'owner_user_id = $1 AND owner_entity = $2 AND owner_database = $3',
      [user, context.entity, context.database],
      OwnerEnded.accessRevoked,
    );
  }

  @OnEvent(UserDisabled)
  async onUserDisabled(
    event: EventEnvelope<UserDisabledPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    await this.disableWhere(
      ctx.manager,
      'owner_user_id = $1',
      [event.data.id],
      OwnerEnded.userDisabled,
    );
  }

  @OnEvent(ClientDeleted)
  async onClientDeleted(
    event: EventEnvelope<ClientDeletedPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    await this.disableWhere(
      ctx.manager,
      'owner_client_id = $1 AND owner_user_id IS NULL',
      [event.data.clientId],
      OwnerEnded.clientDeleted,
    );
  }

  private async disableWhere(
    m: EntityManager,
    where: string,
    params: string[],
    reason: string,
  ): Promise<void> {
    const rows = (await m.query(
      `SELECT id FROM webhook_subscriptions WHERE status <> 'disabled' AND ${where} ORDER BY id FOR UPDATE`,
      params,
    )) as { id: string }[];
    for (const { id } of rows) await this.disabler.disable(m, id, reason, true);
  }
}
