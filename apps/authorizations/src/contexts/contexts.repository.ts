import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ContextDto } from '@platform/contracts';
import { KnownDatabase } from './known-context.entity';

@Injectable()
export class ContextsRepository {
  constructor(private readonly dataSource: DataSource) {}

  exists(context: ContextDto, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.exists(KnownDatabase, {
      where: { id: context.database, entity: context.entity },
    });
  }

  /** Refuses a context licensing never registered: 422, saying which. */
  async mustExist(context: ContextDto, manager?: EntityManager): Promise<void> {
    if (!(await this.exists(context, manager))) {
      throw new UnprocessableEntityException(
        `unknown context: entity '${context.entity}' has no database '${context.database}'`,
      );
    }
  }

  /** Idempotent upserts: an event redelivered after a crash changes nothing. */
  async rememberEntity(manager: EntityManager, id: string, nome: string): Promise<void> {
    await manager.query(
      'INSERT INTO known_entities (id, nome) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      [id, nome],
    );
  }

  async rememberDatabase(manager: EntityManager, id: string, entity: string): Promise<void> {
    await manager.query(
      'INSERT INTO known_databases (id, entity_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      [id, entity],
    );
  }
}
