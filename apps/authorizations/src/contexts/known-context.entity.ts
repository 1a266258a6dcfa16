import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Local projections of licensing's `entity.created` / `database.created` (spec §5): a context
 * `{entity, database}` exists when licensing registered that database for that entity. No
 * service reads another's tables (spec §1), so authorizations keeps its own copy.
 */
@Entity({ name: 'known_entities' })
export class KnownEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') nome: string;
}

@Entity({ name: 'known_databases' })
export class KnownDatabase {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'entity_id' }) entity: string;
}
