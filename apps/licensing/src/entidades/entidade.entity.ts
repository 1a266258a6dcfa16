import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A reseller (`revenda`, `002_*`) that sells licenses to entities. */
@Entity({ name: 'resellers' })
export class ResellerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') nome: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** An entity (`entidade`, a customer organisation): the first half of a context. */
@Entity({ name: 'entities' })
export class EntidadeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') nome: string;
  @Column('text') esfera: string;
  @Column('text', { nullable: true }) cnpj: string | null;
  @Column('text', { nullable: true }) uf: string | null;
  @Column('text', { nullable: true }) municipio: string | null;
  @Column('uuid', { name: 'reseller_id', nullable: true }) reseller: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
