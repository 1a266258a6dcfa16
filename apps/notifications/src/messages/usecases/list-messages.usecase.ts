import { Injectable } from '@nestjs/common';
import { ListQuery, Page } from '@platform/http';
import type { Reader } from '../../shared/reader';
import { MessageEntity } from '../message.entity';
import { MessagesRepository, ReadFilter } from '../messages.repository';

/** A page of the messages a reader can see: all, or only the unread or read ones. */
@Injectable()
export class ListMessagesUseCase {
  constructor(private readonly messages: MessagesRepository) {}

  execute(reader: Reader, query: ListQuery, filter: ReadFilter): Promise<Page<MessageEntity>> {
    return this.messages.list(reader, query, filter);
  }
}
