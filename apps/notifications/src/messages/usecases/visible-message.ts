import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationRead } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { Reader } from '../../shared/reader';
import { MessageEntity } from '../message.entity';
import { MessagesRepository } from '../messages.repository';

/** A message the reader can see; one it cannot answers 404, like one that does not exist. */
export async function visibleMessage(
  messages: MessagesRepository,
  reader: Reader,
  id: string,
  manager: EntityManager,
): Promise<MessageEntity> {
  const message = await messages.findVisible(reader, id, manager);
  if (!message) throw new NotFoundException(`message '${id}' not found`);
  return message;
}

/** Marks messages read for the reader; `notification.read` only for a mark that is new. */
export async function markRead(
  messages: MessagesRepository,
  outbox: OutboxPublisher,
  reader: Reader,
  ids: string[],
  manager: EntityManager,
): Promise<string[]> {
  const fresh = await messages.markRead(reader.id, ids, manager);
  const events = fresh.map((id) =>
    draft(NotificationRead, id, { id, user: reader.id }, { entity: reader.context?.entity }),
  );
  await outbox.add(manager, ...events);
  return fresh;
}
