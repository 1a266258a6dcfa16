import type { DataSource, EntityManager } from 'typeorm';
import { UserCreated, UserUpdated, type EventEnvelope } from '@platform/contracts';
import { AppMetrics } from '@platform/observability';
import type { EventBatchHandler, EventHandler } from '../api';
import { MessagingMetrics } from '../messaging.metrics';
import { EventProcessor, type HandlerSet } from './event-processor';

/**
 * A database of one table (the inbox) with transactions that roll back: enough to see what a
 * batch commits, what a redelivery skips and what a failing handler undoes.
 */
function fakeDatabase() {
  const inbox = new Set<string>();
  let transactions = 0;
  const dataSource = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      transactions++;
      const pending = new Set<string>();
      const manager = {
        query: (sql: string, params: unknown[]) => {
          if (!sql.includes('INSERT INTO inbox_events')) throw new Error(`unexpected ${sql}`);
          const ids = (Array.isArray(params[0]) ? params[0] : [params[0]]) as string[];
          const fresh = ids.filter((id) => {
            if (inbox.has(id) || pending.has(id)) return false;
            pending.add(id);
            return true;
          });
          return Promise.resolve(fresh.map((event_id) => ({ event_id })));
        },
      } as unknown as EntityManager;
      const result = await work(manager);
      pending.forEach((id) => inbox.add(id));
      return result;
    },
  } as unknown as DataSource;
  return { dataSource, inbox, transactions: () => transactions };
}

const event = (id: string, type = UserCreated.type, data: object = user(id)) =>
  ({
    id,
    type,
    source: '/platform/test',
    time: new Date(0).toISOString(),
    subject: `s-${id}`,
    data,
  }) as EventEnvelope<unknown>;
const user = (id: string) => ({ id, name: 'N', email: 'n@example.com', status: 'active' });

function processor(sets: HandlerSet[], db = fakeDatabase()) {
  const metrics = new MessagingMetrics(new AppMetrics('processor-test'), {} as DataSource);
  const handlers = new Map(sets.map((s) => [s.definition.type, s]));
  const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 };
  return new EventProcessor(db.dataSource, 'g', handlers, policy, metrics, () => Promise.resolve());
}

describe('EventProcessor batches', () => {
  it('takes a batch in one transaction: new events once, in order; redelivered ones skipped', async () => {
    const db = fakeDatabase();
    const calls: string[][] = [];
    const batch: EventBatchHandler = (events) => {
      calls.push(events.map((e) => e.id));
      return Promise.resolve();
    };
    const p = processor(
      [
        { definition: UserCreated, handlers: [], batchHandlers: [batch] },
        { definition: UserUpdated, handlers: [], batchHandlers: [batch] },
      ],
      db,
    );
    expect(p.batchable(event('a'))).toBe(true);
    const first = await p.processBatch([event('a'), event('b', UserUpdated.type), event('c')]);
    expect(first.map((o) => o.kind)).toEqual(['processed', 'processed', 'processed']);
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(db.transactions()).toBe(1);
    // Redelivered (with one new event, and one twice in the same batch).
    const again = await p.processBatch([event('b', UserUpdated.type), event('d'), event('d')]);
    expect(again.map((o) => o.kind)).toEqual(['duplicate', 'processed', 'duplicate']);
    expect(calls[1]).toEqual(['d']);
  });

  it('dead-letters an invalid payload without holding up the rest of the batch', async () => {
    const seen: string[] = [];
    const p = processor([
      {
        definition: UserCreated,
        handlers: [],
        batchHandlers: [(events) => Promise.resolve(void seen.push(...events.map((e) => e.id)))],
      },
    ]);
    const out = await p.processBatch([event('a'), event('bad', UserCreated.type, {}), event('c')]);
    expect(out.map((o) => o.kind)).toEqual(['processed', 'dead-letter', 'processed']);
    expect(seen).toEqual(['a', 'c']);
  });

  it('when the handler throws, rolls the batch back and goes one by one: only the poison event is given up', async () => {
    const db = fakeDatabase();
    const committed: string[] = [];
    const batch: EventBatchHandler = (events) => {
      if (events.some((e) => e.id === 'poison')) return Promise.reject(new Error('boom'));
      committed.push(...events.map((e) => e.id));
      return Promise.resolve();
    };
    const p = processor([{ definition: UserCreated, handlers: [], batchHandlers: [batch] }], db);
    const out = await p.processBatch([event('a'), event('poison'), event('c')]);
    expect(out.map((o) => o.kind)).toEqual(['processed', 'dead-letter', 'processed']);
    expect(out[1]).toMatchObject({ error: 'boom', attempts: 2 });
    expect(committed).toEqual(['a', 'c']);
    expect([...db.inbox].sort()).toEqual(['a', 'c']);
  });

  it('throws (for the transport to redeliver) when the database fails, committing nothing', async () => {
    const db = fakeDatabase();
    const p = processor(
      [{ definition: UserCreated, handlers: [], batchHandlers: [() => Promise.resolve()] }],
      {
        ...db,
        dataSource: {
          transaction: () => Promise.reject(new Error('connection refused')),
        } as unknown as DataSource,
      },
    );
    await expect(p.processBatch([event('a')])).rejects.toThrow('connection refused');
  });

  it('keeps types with a per-event handler out of batches, and refuses them in processBatch', async () => {
    const single: EventHandler = () => Promise.resolve();
    const p = processor([
      { definition: UserCreated, handlers: [single], batchHandlers: [() => Promise.resolve()] },
    ]);
    expect(p.batchable(event('a'))).toBe(false);
    expect(p.batchable(event('x', 'nobody.handles'))).toBe(false);
    await expect(p.processBatch([event('a')])).rejects.toThrow(/not processed in batches/);
    // One at a time, both kinds of handler run, the batch one with a batch of one.
    expect((await p.process(event('a'))).kind).toBe('processed');
  });
});
