import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import type { Reader } from '../shared/reader';
import { MessageEntity, MessageReadEntity } from './message.entity';

export const MESSAGE_FIELDS: AllowList = {
  id: { column: 'm.id', type: 'uuid' },
  systemId: { column: 'm.systemId', type: 'string' },
  type: { column: 'm.type', type: 'string' },
  status: { column: 'm.status', type: 'string' },
  source: { column: 'm.source', type: 'string' },
  priority: { column: 'm.priority', type: 'integer' },
  destination: { column: 'm.destination', type: 'string' },
  closed: { column: 'm.closed', type: 'boolean' },
  createdAt: { column: 'm.createdAt', type: 'timestamp' },
};

export type ReadFilter = 'all' | 'read' | 'unread';

@Injectable()
export class MessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Newest first unless the caller sorts. */
  list(reader: Reader, query: ListQuery, filter: ReadFilter): Promise<Page<MessageEntity>> {
    const qb = this.visible(reader);
    if (filter === 'read') qb.andWhere('r.messageId IS NOT NULL');
    if (filter === 'unread') qb.andWhere('r.messageId IS NULL');
    const sorted = (query.sort ?? query.order) ? query : { ...query, sort: 'createdAt desc' };
    return paginate(qb, sorted, MESSAGE_FIELDS);
  }

  findVisible(reader: Reader, id: string, manager?: EntityManager): Promise<MessageEntity | null> {
    return this.visible(reader, manager).andWhere('m.id = :id', { id }).getOne();
  }

  /** Up to 100 visible messages after a (createdAt, id) cursor, oldest first (the SSE stream). */
  newerThan(reader: Reader, cursor: { at: Date; id: string }): Promise<MessageEntity[]> {
    return this.visible(reader)
      .andWhere('(m.createdAt > :at OR (m.createdAt = :at AND m.id > :after))', {
        at: cursor.at,
        after: cursor.id,
      })
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(100)
      .getMany();
  }

  async unreadIds(reader: Reader, manager: EntityManager): Promise<string[]> {
    const rows = await this.visible(reader, manager)
      .andWhere('r.messageId IS NULL')
      .select('m.id', 'id')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async insert(values: Partial<MessageEntity>, manager: EntityManager): Promise<MessageEntity> {
    const { identifiers } = await manager.insert(MessageEntity, values);
    return manager.findOneOrFail(MessageEntity, { where: { id: String(identifiers[0]?.['id']) } });
  }

  /** Marks messages read for one user; returns the ids that were not read before. */
  async markRead(user: string, ids: string[], manager: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MessageReadEntity)
      .values(ids.map((messageId) => ({ messageId, userId: user })))
      .orIgnore()
      .returning(['messageId'])
      .execute();
    return (result.raw as { message_id: string }[]).map((r) => r.message_id);
  }

  async markUnread(user: string, id: string, manager: EntityManager): Promise<void> {
    await manager.delete(MessageReadEntity, { messageId: id, userId: user });
  }

  /**
   * What a reader may see (spec §4): messages to the reader itself (bound to a context only
   * when they name one), messages to its current context (admins-only ones for admins), and, for
   * callers holding `platform.admin`, the messages to the platform's administrators.
   */
  private visible(
    reader: Reader,
    manager: EntityManager = this.dataSource.manager,
  ): SelectQueryBuilder<MessageEntity> {
    const qb = manager
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .leftJoinAndMapOne(
        'm.readMark',
        MessageReadEntity,
        'r',
        'r.messageId = m.id AND r.userId = :me',
        { me: reader.id },
      );
    const ctx = reader.context;
    return qb.where(
      new Brackets((w) => {
        w.where(
          `m.destination = 'USER' AND m.user = :me AND (m.entity IS NULL OR (m.entity = :e AND (m.database IS NULL OR m.database = :d)))`,
          {
            e: ctx?.entity ?? null,
            d: ctx?.database ?? null,
          },
        );
        if (reader.platformAdmin) w.orWhere(`m.destination = 'PLATFORM_ADMINS'`);
        if (!ctx) return;
        w.orWhere(
          `m.destination = 'CONTEXT' AND m.entity = :e AND (m.database IS NULL OR m.database = :d) AND (m.audience = 'all' OR :admin)`,
          { admin: ctx.admin },
        );
      }),
    );
  }
}
