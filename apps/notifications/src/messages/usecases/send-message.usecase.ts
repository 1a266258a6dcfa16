import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationCreated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { MessageEntity } from '../message.entity';
import { toNotificationPayload } from '../dto/message.response';
import { MessagesRepository } from '../messages.repository';

export type NewMessage = Partial<MessageEntity> &
  Pick<MessageEntity, 'text' | 'destination' | 'createdBy'>;

/**
 * Stores a message and publishes `notification.created` in the same transaction. With `manager`,
 * inside the caller's transaction (event consumers pass their inbox transaction).
 */
@Injectable()
export class SendMessageUseCase {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(input: NewMessage, manager?: EntityManager): Promise<MessageEntity> {
    if (manager) return this.send(input, manager);
    return this.messages.transaction((m) => this.send(input, m));
  }

  private async send(input: NewMessage, manager: EntityManager): Promise<MessageEntity> {
    const message = await this.messages.insert(input, manager);
    const payload = toNotificationPayload(message);
    const options = payload.entity === undefined ? {} : { entity: payload.entity };
    await this.outbox.add(manager, draft(NotificationCreated, message.id, payload, options));
    return message;
  }
}
