import { ServiceClient, platformAdmin, eventually } from './domain-harness';

export interface Ctx {
  entity: string;
  database: string;
}

/** Registers an entity and one database in licensing: a context (spec §1). */
export async function createContext(licensing: ServiceClient, nome: string): Promise<Ctx> {
  const admin = platformAdmin();
  const e = await licensing.call(admin, 'POST', '/licenses/v0.1/api/entidades', {
    nome,
    esfera: 'MUNICIPAL',
  });
  if (e.status !== 201) throw new Error(`entity: ${e.status} ${JSON.stringify(e.body)}`);
  const entity = e.body['id'] as string;
  const d = await licensing.call(admin, 'POST', '/licenses/v0.1/api/databases', {
    entity,
    nome: `${nome} - produção`,
  });
  if (d.status !== 201) throw new Error(`database: ${d.status} ${JSON.stringify(d.body)}`);
  return { entity, database: d.body['id'] as string };
}

/**
 * Grants an access as platform.admin, retrying while authorizations has not yet consumed the
 * context's `database.created` (422) — the events travel over Kafka.
 */
export async function grantAccess(
  authorizations: ServiceClient,
  user: string,
  context: Ctx,
  role: 'admin' | 'technician' | 'user' = 'user',
): Promise<string> {
  return eventually(
    async () => {
      const res = await authorizations.call(
        platformAdmin(),
        'POST',
        '/user-accounts/v0.1/api/management/access',
        {
          user,
          admin: role === 'admin',
          role,
          context,
        },
      );
      if (res.status === 422) return undefined;
      if (res.status !== 201) throw new Error(`grant: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body['id'] as string;
    },
    30_000,
    200,
  );
}
