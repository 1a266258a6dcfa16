import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A database of an entity: `{entity, database}` is a context (spec §1). */
@Entity({ name: 'databases' })
export class DatabaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'entity_id' }) entity: string;
  @Column('text') nome: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
