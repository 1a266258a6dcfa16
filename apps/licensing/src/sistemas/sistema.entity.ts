import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A system (`sistema`) that is licensed per context. */
@Entity({ name: 'systems' })
export class SistemaEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') nome: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
