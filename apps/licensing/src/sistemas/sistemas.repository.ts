import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SistemaEntity } from './sistema.entity';

@Injectable()
export class SistemasRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(nome: string, manager: EntityManager): Promise<SistemaEntity> {
    return manager.getRepository(SistemaEntity).save({ nome });
  }

  exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.exists(SistemaEntity, { where: { id } });
  }

  /** The names of these systems by id (unknown ids are left out). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.dataSource
      .getRepository(SistemaEntity)
      .findBy(ids.map((id) => ({ id })));
    return new Map(found.map((s) => [s.id, s.nome]));
  }
}
