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
import { SubscriptionsRepository, type EndedOwner } from './subscriptions.repository';

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
 * subscription is then theirs (ReplaceSubscriptionUseCase). In the transaction that marks the event
 * processed, so a crash replays it.
 */
@Injectable()
export class OwnerRevocation {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly disabler: SubscriptionDisabler,
  ) {}

  @OnEvent(AccessRevoked)
  async onAccessRevoked(
    event: EventEnvelope<AccessRevokedPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const { user, context } = event.data;
    await this.disableOf(
      { kind: 'access', user, entity: context.entity, database: context.database },
      OwnerEnded.accessRevoked,
      ctx.manager,
    );
  }

  @OnEvent(UserDisabled)
  async onUserDisabled(
    event: EventEnvelope<UserDisabledPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    await this.disableOf(
      { kind: 'user', user: event.data.id },
      OwnerEnded.userDisabled,
      ctx.manager,
    );
  }

  @OnEvent(ClientDeleted)
  async onClientDeleted(
    event: EventEnvelope<ClientDeletedPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    await this.disableOf(
      { kind: 'client', clientId: event.data.clientId },
      OwnerEnded.clientDeleted,
      ctx.manager,
    );
  }

  private async disableOf(owner: EndedOwner, reason: string, m: EntityManager): Promise<void> {
    const ids = await this.subscriptions.findEnabledOfOwnerForUpdate(owner, m);
    for (const id of ids) await this.disabler.disable(id, reason, true, m);
  }
}
