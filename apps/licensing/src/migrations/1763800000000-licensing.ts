import { MigrationInterface, QueryRunner } from 'typeorm';

/** Resellers, entities, databases, systems and licenses (`002_*` "Licenciamento"). */
export class Licensing1763800000000 implements MigrationInterface {
  name = 'Licensing1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE resellers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      nome text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE entities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      nome text NOT NULL,
      esfera text NOT NULL,
      cnpj text, uf text, municipio text,
      reseller_id uuid REFERENCES resellers (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE databases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entity_id uuid NOT NULL REFERENCES entities (id),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX databases_entity ON databases (entity_id)');
    await q.query(`CREATE TABLE systems (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      nome text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE licenses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entity_id uuid NOT NULL REFERENCES entities (id),
      database_id uuid NOT NULL REFERENCES databases (id),
      system_id uuid NOT NULL REFERENCES systems (id),
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      expired_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_until > valid_from))`);
    await q.query(
      'CREATE INDEX licenses_context ON licenses (entity_id, database_id, system_id, created_at DESC)',
    );
    // What the expiry scheduler scans every poll: only licenses not yet claimed.
    await q.query(`CREATE INDEX licenses_pending_expiry ON licenses (valid_until)
      WHERE expired_at IS NULL AND revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['licenses', 'systems', 'databases', 'entities', 'resellers'])
      await q.query(`DROP TABLE ${t}`);
  }
}
