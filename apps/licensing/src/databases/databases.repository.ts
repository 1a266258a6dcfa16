import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FOREIGN_KEY_VIOLATION, pgCode } from '../shared/db-errors';
import { DatabaseEntity } from './database.entity';

@Injectable()
export class DatabasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<DatabaseEntity | null> {
    return manager.findOne(DatabaseEntity, { where: { id } });
  }

  ofEntity(entity: string): Promise<DatabaseEntity[]> {
    return this.dataSource.manager.find(DatabaseEntity, { where: { entity }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(manager: EntityManager, values: Pick<DatabaseEntity, 'entity' | 'name'>): Promise<DatabaseEntity> {
    try {
      const { identifiers } = await manager.insert(DatabaseEntity, values);
      return manager.findOneOrFail(DatabaseEntity, { where: { id: String(identifiers[0]?.['id']) } });
    } catch (e) {
      if (pgCode(e) === FOREIGN_KEY_VIOLATION) throw new UnprocessableEntityException('entity does not exist');
      throw e;
    }
  }
}
