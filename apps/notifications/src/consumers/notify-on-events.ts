import { Injectable, Logger } from '@nestjs/common';
import {
  AccessRequestApproved,
  AccessRequestCreated,
  AccessRequestDenied,
  AccessRequestPayload,
  WebhookDisabled,
  WebhookDisabledPayload,
  type EventEnvelope,
} from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import { SendMessageUseCase } from '../messages/usecases/send-message.usecase';

/** Turns other services' events into messages, in the consumer's inbox transaction (once per event). */
@Injectable()
export class NotifyOnEvents {
  private readonly logger = new Logger('notifications');

  constructor(private readonly sendMessage: SendMessageUseCase) {}

  /** A user asked for access: the context's admins are told (spec §5, `002_*` access requests). */
  @OnEvent(AccessRequestCreated)
  async onAccessRequest(
    event: EventEnvelope<AccessRequestPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const { user, context, message } = event.data;
    await this.sendMessage.execute(
      {
        destination: 'CONTEXT',
        audience: 'admins',
        entity: context.entity,
        database: context.database,
        type: 'ACCESS_REQUEST',
        text: `${user} pediu acesso a este contexto${message ? `: ${message}` : '.'}`,
        source: 'authorizations',
        aggregationMessageId: event.data.id,
        createdBy: 'authorizations',
      },
      ctx.manager,
    );
  }

  /** The requester hears the decision, in the context it asked for. */
  @OnEvent(AccessRequestApproved)
  async onApproved(event: EventEnvelope<AccessRequestPayload>, ctx: ConsumeContext): Promise<void> {
    await this.tellRequester(event.data, ctx, 'ACCESS_REQUEST_APPROVED', 'foi aprovado');
  }

  @OnEvent(AccessRequestDenied)
  async onDenied(event: EventEnvelope<AccessRequestPayload>, ctx: ConsumeContext): Promise<void> {
    await this.tellRequester(event.data, ctx, 'ACCESS_REQUEST_DENIED', 'foi negado');
  }

  /** A subscription was disabled: its owner user, else its context's admins, are told (spec §6). */
  @OnEvent(WebhookDisabled)
  async onWebhookDisabled(
    event: EventEnvelope<WebhookDisabledPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const d = event.data;
    // An owner who lost access is no longer the one to tell: the context's admins are (or, for a
    // platform-wide subscription, the platform's).
    const owner = d.ownerLostAccess ? undefined : d.ownerUser;
    if (!owner && !d.entity && d.ownerLostAccess) {
      await this.sendMessage.execute(
        {
          destination: 'PLATFORM_ADMINS',
          type: 'WEBHOOK_DISABLED',
          text: `A assinatura de webhook '${d.action}' para ${d.postbackUrl} foi desativada: ${d.reason}`,
          source: 'webhooks',
          aggregationMessageId: d.id,
          createdBy: 'webhooks',
        },
        ctx.manager,
      );
      return;
    }
    if (!owner && !d.entity) {
      this.logger.warn(
        `webhook.disabled ${event.id} names neither an owner user nor a context: nobody to tell`,
      );
      return;
    }
    await this.sendMessage.execute(
      {
        destination: owner ? 'USER' : 'CONTEXT',
        audience: owner ? 'all' : 'admins',
        user: owner ?? null,
        entity: d.entity ?? null,
        database: d.database ?? null,
        type: 'WEBHOOK_DISABLED',
        text: `A assinatura de webhook '${d.action}' para ${d.postbackUrl} foi desativada: ${d.reason}`,
        source: 'webhooks',
        aggregationMessageId: d.id,
        createdBy: 'webhooks',
      },
      ctx.manager,
    );
  }

  private async tellRequester(
    d: AccessRequestPayload,
    ctx: ConsumeContext,
    type: string,
    outcome: string,
  ): Promise<void> {
    // No context on the message: the requester may have no access to that context yet (denied).
    await this.sendMessage.execute(
      {
        destination: 'USER',
        user: d.user,
        type,
        text: `Seu pedido de acesso ${outcome}.`,
        source: 'authorizations',
        aggregationMessageId: d.id,
        createdBy: 'authorizations',
      },
      ctx.manager,
    );
  }
}
