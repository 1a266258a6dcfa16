import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contexts own their applications (ADR 15, stage 2): a client a context's admin registered
 * keeps that context (entity and database, both or neither); the platform's own clients have
 * none. Additive: existing clients stay the platform's.
 */
export class ClientOwnerContext1766000000000 implements MigrationInterface {
  name = 'ClientOwnerContext1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth_clients ADD COLUMN owner_entity text,
      ADD COLUMN owner_database text,
      ADD CONSTRAINT oauth_clients_owner_whole
        CHECK ((owner_entity IS NULL) = (owner_database IS NULL))`);
    await q.query(`CREATE INDEX oauth_clients_owner ON oauth_clients (owner_entity, owner_database)
      WHERE owner_entity IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX oauth_clients_owner');
    await q.query(`ALTER TABLE oauth_clients DROP CONSTRAINT oauth_clients_owner_whole,
      DROP COLUMN owner_database, DROP COLUMN owner_entity`);
  }
}
