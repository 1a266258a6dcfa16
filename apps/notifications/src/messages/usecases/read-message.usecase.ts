import { Injectable } from '@nestjs/common';
import { OutboxPublisher } from '@platform/messaging';
import type { Reader } from '../../shared/reader';
import { MessageEntity } from '../message.entity';
import { MessagesRepository } from '../messages.repository';
import { markRead, visibleMessage } from './visible-message';

/** Marks one message read for its reader. */
@Injectable()
export class ReadMessageUseCase {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(reader: Reader, id: string): Promise<MessageEntity> {
    return this.messages.transaction(async (manager) => {
      const message = await visibleMessage(this.messages, reader, id, manager);
      await markRead(this.messages, this.outbox, reader, [id], manager);
      return message;
    });
  }
}
