import { randomUUID } from 'node:crypto';
import { DataSource as DataSourceToken } from 'typeorm';
import { createApp } from '../../apps/licensing/src/bootstrap';
import { boot, Booted, platformAdmin, ServiceClient, userIn } from './support/domain-harness';

// `002_*` "Licenciamento": paths and bodies as the seed shows them.
const SUITE = ['licenses.suite'];
const admin = platformAdmin();

describe('licensing over HTTP', () => {
  let svc: Booted;
  let http: ServiceClient;
  let entity: string;
  let other: string;
  let database: string;
  let system: string;

  const caller = () => userIn('maria', { entity, database, accessId: 'a-1' }, SUITE);

  beforeAll(async () => {
    svc = await boot(createApp, 'lic_e2e');
    http = new ServiceClient(svc.url, 'licensing');
    const created = await http.call(admin, 'POST', '/licenses/v0.1/api/entidades', {
      nome: 'Prefeitura de Criciúma',
      esfera: 'MUNICIPAL',
      cnpj: '82.916.817/0001-35',
      uf: 'SC',
      municipio: 'Criciúma',
    });
    expect(created.status).toBe(201);
    entity = created.body['id'] as string;
    other = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/entidades', {
        nome: 'Câmara de Içara',
        esfera: 'MUNICIPAL',
      })
    ).body['id'] as string;
    database = (
      await http.call(admin, 'POST', '/licenses/v0.1/api/databases', { entity, nome: 'producao' })
    ).body['id'] as string;
    system = (await http.call(admin, 'POST', '/licenses/v0.1/api/sistemas', { nome: 'Folha' }))
      .body['id'] as string;
  });

  afterAll(async () => {
    await svc?.close();
    await svc?.db.drop();
  });

  it('answers the entity of the caller context at /entidades/atual/', async () => {
    const res = await http.call(caller(), 'GET', '/licenses/v0.1/api/entidades/atual/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: entity,
      nome: 'Prefeitura de Criciúma',
      esfera: 'MUNICIPAL',
      uf: 'SC',
    });
  });

  it('lists only the caller entity in scope, every entity for platform.admin, with the list conventions', async () => {
    const mine = await http.call(
      caller(),
      'GET',
      '/licenses/v0.1/api/entidades/atual/entidades?limit=20&offset=0&sort=nome%20asc',
    );
    expect(mine.body).toMatchObject({ offset: 0, limit: 20, hasNext: false });
    expect((mine.body['content'] as { id: string }[]).map((e) => e.id)).toEqual([entity]);
    const all = await http.call(
      admin,
      'GET',
      `/licenses/v0.1/api/entidades/atual/entidades?sort=nome%20asc&filter=${encodeURIComponent("esfera = 'MUNICIPAL'")}`,
    );
    expect((all.body['content'] as { id: string }[]).map((e) => e.id)).toEqual([other, entity]);
    const bad = await http.call(
      admin,
      'GET',
      `/licenses/v0.1/api/entidades/atual/entidades?filter=${encodeURIComponent("senha = 'x'")}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
  });

  it('serves sparse fields on the dados route, which also needs suite.services', async () => {
    const path = '/licenses/dados/v0.1/api/entidades?fields=esfera';
    expect((await http.call(caller(), 'GET', path)).status).toBe(403);
    const res = await http.call(
      userIn('maria', { entity, database, accessId: 'a-1' }, [...SUITE, 'suite.services']),
      'GET',
      path,
    );
    expect(res.status).toBe(200);
    expect(res.body['content']).toEqual([{ id: entity, esfera: 'MUNICIPAL' }]);
    expect(
      (await http.call(admin, 'GET', '/licenses/dados/v0.1/api/entidades?fields=senha')).status,
    ).toBe(400);
  });

  it('lists databases of the caller entity and refuses another entity', async () => {
    const res = await http.call<{ content: { id: string; nome: string }[] }>(
      caller(),
      'GET',
      `/licenses/v0.1/api/databases?entity=${entity}`,
    );
    expect(res.body.content.map((d) => [d.id, d.nome])).toEqual([[database, 'producao']]);
    expect(
      (await http.call(caller(), 'GET', `/licenses/v0.1/api/databases?entity=${other}`)).status,
    ).toBe(403);
  });

  it('creates, reads, validates, extends and revokes a license', async () => {
    const q = `database=${database}&entity=${entity}&system=${system}`;
    const none = await http.call(caller(), 'GET', `/licenses/v0.1/api/licensing/validate?${q}`);
    expect(none).toMatchObject({ status: 403, body: { valid: false, code: 'NOT_FOUND' } });

    const from = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const created = await http.call(admin, 'POST', '/licenses/v0.1/api/licensing', {
      entity,
      database,
      system,
      validFrom: from,
      validUntil: until,
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'active', validUntil: until } });
    const id = created.body['id'] as string;

    expect(await http.call(caller(), 'GET', `/licenses/v0.1/api/licensing?${q}`)).toMatchObject({
      status: 200,
      body: { id },
    });
    expect(
      await http.call(caller(), 'GET', `/licenses/v0.1/api/licensing/validate?${q}`),
    ).toMatchObject({ status: 200, body: { valid: true, code: 'VALID' } });

    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect(
      await http.call(admin, 'PATCH', `/licenses/v0.1/api/licensing/${id}`, { validUntil: later }),
    ).toMatchObject({ status: 200, body: { validUntil: later } });

    expect(
      (
        await http.call(admin, 'POST', `/licenses/v0.1/api/licensing/${id}/revoke`, {
          reason: 'inadimplência',
        })
      ).status,
    ).toBe(200);
    expect(
      await http.call(caller(), 'GET', `/licenses/v0.1/api/licensing/validate?${q}`),
    ).toMatchObject({ status: 403, body: { code: 'REVOKED' } });
    expect(
      (await http.call(admin, 'POST', `/licenses/v0.1/api/licensing/${id}/revoke`, {})).status,
    ).toBe(409);

    // Every admin change is on record (spec §7), with who made it and the context it is in.
    const events = await outboxEvents(svc, id);
    expect(events.map((e) => e.type)).toEqual([
      'license.created',
      'license.updated',
      'license.revoked',
    ]);
    for (const e of events) {
      expect(e.data).toMatchObject({
        id,
        entity,
        database,
        actorClient: 'provisioning',
        actorUser: 'root',
      });
    }
    expect(events[1]!.data).toMatchObject({ validUntil: later });
  });

  it('refuses bad licenses with a 4xx naming the problem', async () => {
    const base = {
      entity,
      database,
      system,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
    };
    expect((await http.call(admin, 'POST', '/licenses/v0.1/api/licensing', base)).status).toBe(400);
    const wrongDb = await http.call(admin, 'POST', '/licenses/v0.1/api/licensing', {
      ...base,
      entity: other,
      validUntil: '2027-01-01T00:00:00Z',
    });
    expect(wrongDb.status).toBe(422);
    expect(
      (
        await http.call(admin, 'POST', '/licenses/v0.1/api/licensing', {
          ...base,
          validFrom: 'ontem',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await http.call(caller(), 'POST', '/licenses/v0.1/api/licensing', {
          ...base,
          validUntil: '2027-01-01T00:00:00Z',
        })
      ).status,
    ).toBe(403);
    expect(
      (await http.call(caller(), 'GET', `/licenses/v0.1/api/licensing?entity=${entity}`)).status,
    ).toBe(400);
    const foreign = userIn('maria', { entity: 'nao-uuid', database: 'x', accessId: 'a-1' }, SUITE);
    expect((await http.call(foreign, 'GET', '/licenses/v0.1/api/entidades/atual/')).status).toBe(
      403,
    );
    expect(
      (await http.call(foreign, 'GET', '/licenses/v0.1/api/entidades/atual/entidades')).status,
    ).toBe(403);
    expect(
      (await http.call(admin, 'POST', `/licenses/v0.1/api/licensing/${entity}/revoke`)).status,
    ).toBe(404);
    expect((await http.call(admin, 'PATCH', '/licenses/v0.1/api/licensing/x', {})).status).toBe(
      400,
    );
    expect(
      (
        await http.call(admin, 'POST', '/licenses/v0.1/api/databases', {
          entity: randomUUID(),
          nome: 'x',
        })
      ).status,
    ).toBe(422);
  });

  it('publishes entity.created and database.created (with its context) through the outbox', async () => {
    const rows = await svc.app
      .get(DataSourceToken)
      .query(
        `SELECT type, subject FROM outbox_events WHERE subject IN ($1, $2) ORDER BY sequence`,
        [entity, database],
      );
    expect(rows).toEqual([
      { type: 'entity.created', subject: entity },
      { type: 'database.created', subject: database },
    ]);
    const [created] = await outboxEvents(svc, database);
    expect(created!.data).toMatchObject({
      id: database,
      entity,
      database,
      actorClient: 'provisioning',
      actorUser: 'root',
    });
  });

  it('publishes reseller.created and system.created, naming who created them', async () => {
    const reseller = await http.call(admin, 'POST', '/licenses/v0.1/api/revendas', {
      nome: 'Revenda Sul',
    });
    expect(reseller.status).toBe(201);
    const id = reseller.body['id'] as string;
    expect(await outboxEvents(svc, id)).toEqual([
      {
        type: 'reseller.created',
        data: { id, nome: 'Revenda Sul', actorClient: 'provisioning', actorUser: 'root' },
      },
    ]);
    expect(await outboxEvents(svc, system)).toEqual([
      {
        type: 'system.created',
        data: { id: system, nome: 'Folha', actorClient: 'provisioning', actorUser: 'root' },
      },
    ]);
  });
});

type OutboxEvent = { type: string; data: Record<string, unknown> };

async function outboxEvents(svc: Booted, subject: string): Promise<OutboxEvent[]> {
  return svc.app
    .get(DataSourceToken)
    .query('SELECT type, data FROM outbox_events WHERE subject = $1 ORDER BY sequence', [subject]);
}
