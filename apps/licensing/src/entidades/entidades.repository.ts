import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { EntidadeEntity, ResellerEntity } from './entidade.entity';
import { isForeignKeyViolation } from '@platform/persistence';

/** Filter, sort and sparse-field names of entity lists (public name → column). */
export const ENTIDADE_FIELDS: AllowList = {
  id: { column: 'e.id', type: 'uuid' },
  nome: { column: 'e.nome', type: 'string' },
  esfera: { column: 'e.esfera', type: 'string' },
  cnpj: { column: 'e.cnpj', type: 'string' },
  uf: { column: 'e.uf', type: 'string' },
  municipio: { column: 'e.municipio', type: 'string' },
  reseller: { column: 'e.reseller', type: 'uuid' },
  createdAt: { column: 'e.createdAt', type: 'timestamp' },
};

@Injectable()
export class EntidadesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<EntidadeEntity | null> {
    return this.dataSource.manager.findOne(EntidadeEntity, { where: { id } });
  }

  /** Entities in a caller's scope: one entity, or all of them when `entity` is undefined. */
  list(query: ListQuery, entity: string | undefined): Promise<Page<EntidadeEntity>> {
    const qb = this.dataSource.getRepository(EntidadeEntity).createQueryBuilder('e');
    if (entity !== undefined) qb.where('e.id = :scope', { scope: entity });
    return paginate(qb, query, ENTIDADE_FIELDS);
  }

  async insert(values: Partial<EntidadeEntity>, manager: EntityManager): Promise<EntidadeEntity> {
    try {
      const { identifiers } = await manager.insert(EntidadeEntity, values);
      return manager.findOneOrFail(EntidadeEntity, {
        where: { id: String(identifiers[0]?.['id']) },
      });
    } catch (e) {
      if (isForeignKeyViolation(e))
        throw new UnprocessableEntityException('reseller does not exist');
      throw e;
    }
  }

  insertReseller(nome: string, manager: EntityManager): Promise<ResellerEntity> {
    return manager.getRepository(ResellerEntity).save({ nome });
  }
}
