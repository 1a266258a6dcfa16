import { Injectable } from '@nestjs/common';
import { OutboxPublisher } from '@platform/messaging';
import type { Reader } from '../../shared/reader';
import { MessagesRepository } from '../messages.repository';
import { markRead } from './visible-message';

/** Every message the reader can see right now becomes read; answers how many were unread. */
@Injectable()
export class ReadAllMessagesUseCase {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(reader: Reader): Promise<number> {
    return this.messages.transaction(async (manager) => {
      const ids = await this.messages.unreadIds(reader, manager);
      return (await markRead(this.messages, this.outbox, reader, ids, manager)).length;
    });
  }
}
