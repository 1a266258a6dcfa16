import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `000_*`: a client may be bound to a license (and when the binding last changed, which orders it
 * against `client.*` events at the gateway), and a client access token may be limited to named
 * endpoints.
 */
export class ClientLicenseEndpoints1765000000000 implements MigrationInterface {
  name = 'ClientLicenseEndpoints1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth_clients ADD COLUMN license_id text,
      ADD COLUMN license_bound_at timestamptz`);
    await q.query(
      `CREATE INDEX oauth_clients_license ON oauth_clients (id) WHERE license_id IS NOT NULL`,
    );
    await q.query('ALTER TABLE oauth_client_tokens ADD COLUMN endpoints jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE oauth_client_tokens DROP COLUMN endpoints');
    await q.query('DROP INDEX oauth_clients_license');
    await q.query('ALTER TABLE oauth_clients DROP COLUMN license_bound_at, DROP COLUMN license_id');
  }
}
