import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationRead } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { Reader } from '../../shared/reader';
import { MessageEntity } from '../message.entity';
import { MessagesRepository } from '../messages.repository';

/** Read / unread marks of one reader; `notification.read` only when a mark is new. */
@Injectable()
export class ReadStateUseCase {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  read(reader: Reader, id: string): Promise<MessageEntity> {
    return this.messages.transaction(async (manager) => {
      const message = await this.mustSee(manager, reader, id);
      await this.mark(manager, reader, [id]);
      return message;
    });
  }

  unread(reader: Reader, id: string): Promise<MessageEntity> {
    return this.messages.transaction(async (manager) => {
      const message = await this.mustSee(manager, reader, id);
      await this.messages.markUnread(manager, reader.id, id);
      return message;
    });
  }

  /** Every message the reader can see right now becomes read; returns how many were unread. */
  readAll(reader: Reader): Promise<number> {
    return this.messages.transaction(async (manager) => {
      const ids = await this.messages.unreadIds(reader, manager);
      return (await this.mark(manager, reader, ids)).length;
    });
  }

  private async mark(manager: EntityManager, reader: Reader, ids: string[]): Promise<string[]> {
    const fresh = await this.messages.markRead(manager, reader.id, ids);
    const events = fresh.map((id) => draft(NotificationRead, id, { id, user: reader.id }, { entity: reader.context?.entity }));
    await this.outbox.add(manager, ...events);
    return fresh;
  }

  /** A message the reader cannot see answers 404, like one that does not exist. */
  private async mustSee(manager: EntityManager, reader: Reader, id: string): Promise<MessageEntity> {
    const message = await this.messages.findVisible(reader, id, manager);
    if (!message) throw new NotFoundException(`message '${id}' not found`);
    return message;
  }
}
