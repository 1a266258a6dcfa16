import { Injectable } from '@nestjs/common';
import type { Reader } from '../../shared/reader';
import { MessageEntity } from '../message.entity';
import { MessagesRepository } from '../messages.repository';
import { visibleMessage } from './visible-message';

/** Marks one message unread again for its reader (no event: only reads are announced). */
@Injectable()
export class UnreadMessageUseCase {
  constructor(private readonly messages: MessagesRepository) {}

  execute(reader: Reader, id: string): Promise<MessageEntity> {
    return this.messages.transaction(async (manager) => {
      const message = await visibleMessage(this.messages, reader, id, manager);
      await this.messages.markUnread(reader.id, id, manager);
      return message;
    });
  }
}
