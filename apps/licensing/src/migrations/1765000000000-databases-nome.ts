import { MigrationInterface, QueryRunner } from 'typeorm';

/** Licensing bodies say `nome` (spec §4, `002_*`): databases too, like entities and systems. */
export class DatabasesNome1765000000000 implements MigrationInterface {
  name = 'DatabasesNome1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE databases RENAME COLUMN name TO nome');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE databases RENAME COLUMN nome TO name');
  }
}
