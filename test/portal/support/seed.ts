import { ADMIN, INTEGRATOR, type Json, PortalPlatform, REQUESTER } from './platform';

export interface Seeded {
  ctx: { entity: string; database: string };
  entityName: string;
  adminAccess: string;
  integratorAccess: string;
  requestId: string;
  systems: { valid: string; expired: string };
}

const LIC = '/licenses/v0.1/api';
const day = 86_400_000;

/**
 * What an integrator finds on first sign-in: an entity and database (the context) with one valid
 * and one expired license, the integrator (the context's admin, no platform role) and an access
 * for the platform administrator, and another user's pending request for access to that context.
 */
export async function seed(p: PortalPlatform): Promise<Seeded> {
  const entityName = 'Prefeitura de Tubarão';
  const entity = (
    await p.create(`${LIC}/entidades`, { nome: entityName, esfera: 'MUNICIPAL', uf: 'SC' })
  )['id'] as string;
  const database = (await p.create(`${LIC}/databases`, { nome: 'Folha 2026', entity }))[
    'id'
  ] as string;
  const valid = (await p.create(`${LIC}/sistemas`, { nome: 'Folha de pagamento' }))['id'] as string;
  const expired = (await p.create(`${LIC}/sistemas`, { nome: 'Protocolo' }))['id'] as string;
  const now = Date.now();
  await p.create(`${LIC}/licensing`, {
    entity,
    database,
    system: valid,
    validFrom: new Date(now - day).toISOString(),
    validUntil: new Date(now + 365 * day).toISOString(),
  });
  await p.create(`${LIC}/licensing`, {
    entity,
    database,
    system: expired,
    validFrom: new Date(now - 60 * day).toISOString(),
    validUntil: new Date(now - day).toISOString(),
  });
  const ctx = { entity, database };
  const adminAccess = await p.grantAccess(ADMIN.login, ctx, true);
  await p.create('/usuarios/v0.1/api/usuarios', {
    id: INTEGRATOR.login,
    name: 'Carla Integradora',
    email: 'carla@example.com',
    password: INTEGRATOR.password,
  });
  const integratorAccess = await p.grantAccess(INTEGRATOR.login, ctx, true);

  await p.create('/usuarios/v0.1/api/usuarios', {
    id: REQUESTER.login,
    name: 'Rita Integradora',
    email: 'rita@example.com',
    password: REQUESTER.password,
  });
  const suite = await p.create('/auth/oauth2/clients', {
    name: 'portal e2e suite',
    kind: 'password',
    scopes: ['user-accounts.suite'],
  });
  const userToken = await passwordToken(p, {
    id: suite['client_id'] as string,
    secret: suite['client_secret'] as string,
  });
  const request = await p.create(
    '/user-accounts/v0.1/api/suite/users/@me/requests',
    { context: ctx, message: 'Preciso configurar os webhooks da folha' },
    { token: userToken },
  );
  return {
    ctx,
    entityName,
    adminAccess,
    integratorAccess,
    requestId: request['id'] as string,
    systems: { valid, expired },
  };
}

async function passwordToken(
  p: PortalPlatform,
  client: { id: string; secret: string },
): Promise<string> {
  const res = await fetch(`${p.gateway}/auth/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'password',
      username: REQUESTER.login,
      password: REQUESTER.password,
      scope: 'user-accounts.suite',
    }).toString(),
  });
  const body = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`password grant: ${res.status} ${JSON.stringify(body)}`);
  return body['access_token'] as string;
}
