import { DatabaseEntity } from './databases/database.entity';
import { EntidadeEntity, ResellerEntity } from './entidades/entidade.entity';
import { LicenseEntity } from './licensing/license.entity';
import { SistemaEntity } from './sistemas/sistema.entity';

export const licensingEntities = [
  ResellerEntity,
  EntidadeEntity,
  DatabaseEntity,
  SistemaEntity,
  LicenseEntity,
];
