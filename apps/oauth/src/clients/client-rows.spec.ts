import type { DataSource } from 'typeorm';
import { ClientEntity } from './client.entity';
import { ClientRows } from './client-rows';
import { CLIENT_ROWS_QUERY, ClientsRepository } from './clients.repository';

/** A DataSource whose pg pool answers `query` (as TypeORM's Postgres driver holds it). */
const withPool = (query: (q: { name: string; values: unknown[] }) => Promise<unknown>) =>
  ({ driver: { master: { query } } }) as unknown as DataSource;

/** A table of clients (rows as pg returns them) whose reads are counted. */
function table() {
  const rows = new Map<string, Record<string, unknown>>();
  const queries: string[][] = [];
  const db = withPool(async ({ name, values }) => {
    expect(name).toBe(CLIENT_ROWS_QUERY.name);
    const ids = values[0] as string[];
    queries.push([...ids]);
    return { rows: ids.flatMap((k) => (rows.has(k) ? [{ ...rows.get(k) }] : [])) };
  });
  return { rows, queries, clients: new ClientRows(new ClientsRepository(db)) };
}

describe('client rows read per turn of the event loop (ADR 0020)', () => {
  it('answers the requests that arrived together with one query, each with its own row', async () => {
    const { rows, queries, clients } = table();
    rows.set('a', { id: 'a', secret_hash: 'h1' });
    rows.set('b', { id: 'b', secret_hash: 'h2' });
    const [a1, a2, b, none] = await Promise.all([
      clients.byId('a'),
      clients.byId('a'),
      clients.byId('b'),
      clients.byId('missing'),
    ]);
    expect(queries).toEqual([['a', 'b', 'missing']]);
    expect(a1).toBeInstanceOf(ClientEntity);
    expect(a1).toMatchObject({ id: 'a', secretHash: 'h1' });
    expect(a2).toEqual(a1);
    expect(a2).not.toBe(a1);
    expect(b).toMatchObject({ id: 'b' });
    expect(none).toBeNull();
  });

  it('never answers a request with a row read before it arrived (a new secret counts at once)', async () => {
    const { rows, queries, clients } = table();
    rows.set('a', { id: 'a', secret_hash: 'old' });
    expect((await clients.byId('a'))?.secretHash).toBe('old');
    rows.set('a', { id: 'a', secret_hash: 'new' });
    expect((await clients.byId('a'))?.secretHash).toBe('new');
    rows.delete('a');
    expect(await clients.byId('a')).toBeNull();
    expect(queries).toHaveLength(3);
  });

  it('fails every request of a batch whose query failed', async () => {
    const clients = new ClientRows(
      new ClientsRepository(withPool(() => Promise.reject(new Error('database down')))),
    );
    const results = await Promise.allSettled([clients.byId('a'), clients.byId('b')]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'database down',
      'database down',
    ]);
  });

  it('maps every column of the row onto the entity TypeORM would build', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const entity = ClientRows.toEntity({
      id: 'c',
      name: 'Client',
      kind: 'confidential' as never,
      secret_hash: 'h',
      redirect_uris: ['https://a/cb'],
      post_logout_redirect_uris: ['https://a/out'],
      scopes: ['audit.read'],
      grant_types: ['client_credentials'],
      access_token_ttl: 600,
      refresh_tokens: false,
      license_id: 'L1',
      license_bound_at: at,
      owner_entity: 'E',
      owner_database: 'D',
      created_at: at,
      updated_at: at,
    });
    expect(entity).toBeInstanceOf(ClientEntity);
    expect({ ...entity }).toEqual({
      id: 'c',
      name: 'Client',
      kind: 'confidential',
      secretHash: 'h',
      redirectUris: ['https://a/cb'],
      postLogoutRedirectUris: ['https://a/out'],
      scopes: ['audit.read'],
      grantTypes: ['client_credentials'],
      accessTokenTtl: 600,
      refreshTokens: false,
      licenseId: 'L1',
      licenseBoundAt: at,
      ownerEntity: 'E',
      ownerDatabase: 'D',
      createdAt: at,
      updatedAt: at,
    });
    expect(entity.isPublic).toBe(false);
  });
});
