import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { DatabaseEntity } from './database.entity';
import { isForeignKeyViolation } from '@platform/persistence';

/** Filter and sort names of database lists (public name → column); `nome` as in the body. */
export const DATABASE_FIELDS: AllowList = {
  id: { column: 'd.id', type: 'uuid' },
  nome: { column: 'd.nome', type: 'string' },
  entity: { column: 'd.entity', type: 'uuid' },
  createdAt: { column: 'd.createdAt', type: 'timestamp' },
};

@Injectable()
export class DatabasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DatabaseEntity | null> {
    return manager.findOne(DatabaseEntity, { where: { id } });
  }

  /** One entity's databases, oldest first unless `sort` says otherwise. */
  ofEntity(entity: string, query: ListQuery): Promise<Page<DatabaseEntity>> {
    const qb = this.dataSource.getRepository(DatabaseEntity).createQueryBuilder('d');
    qb.where('d.entity = :entity', { entity });
    const sort = query.sort ?? query.order ?? 'createdAt asc';
    return paginate(qb, { ...query, sort }, DATABASE_FIELDS);
  }

  async insert(
    values: Pick<DatabaseEntity, 'entity' | 'nome'>,
    manager: EntityManager,
  ): Promise<DatabaseEntity> {
    try {
      const { identifiers } = await manager.insert(DatabaseEntity, values);
      return manager.findOneOrFail(DatabaseEntity, {
        where: { id: String(identifiers[0]?.['id']) },
      });
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new UnprocessableEntityException('entity does not exist');
      throw e;
    }
  }
}
