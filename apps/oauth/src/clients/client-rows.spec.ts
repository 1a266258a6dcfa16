import type { DataSource } from 'typeorm';
import { ClientEntity } from './client.entity';
import { ClientRows } from './client-rows';

/** A table of clients whose reads are counted. */
function table() {
  const rows = new Map<string, Partial<ClientEntity>>();
  const queries: string[][] = [];
  const db = {
    getRepository: () => ({
      findBy: async ({ id }: { id: { value: string[] } }) => {
        queries.push([...id.value]);
        return id.value.flatMap((k) => (rows.has(k) ? [{ ...rows.get(k) }] : []));
      },
    }),
  } as unknown as DataSource;
  return { rows, queries, clients: new ClientRows(db) };
}

describe('client rows read per turn of the event loop (ADR 0020)', () => {
  it('answers the requests that arrived together with one query, each with its own row', async () => {
    const { rows, queries, clients } = table();
    rows.set('a', { id: 'a', secretHash: 'h1' });
    rows.set('b', { id: 'b', secretHash: 'h2' });
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
    rows.set('a', { id: 'a', secretHash: 'old' });
    expect((await clients.byId('a'))?.secretHash).toBe('old');
    rows.set('a', { id: 'a', secretHash: 'new' });
    expect((await clients.byId('a'))?.secretHash).toBe('new');
    rows.delete('a');
    expect(await clients.byId('a')).toBeNull();
    expect(queries).toHaveLength(3);
  });

  it('fails every request of a batch whose query failed', async () => {
    const db = {
      getRepository: () => ({ findBy: async () => Promise.reject(new Error('database down')) }),
    } as unknown as DataSource;
    const clients = new ClientRows(db);
    const results = await Promise.allSettled([clients.byId('a'), clients.byId('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
