import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvalidEventPayload, type EventEnvelope } from '@platform/contracts';
import { draft, InProcessBus, OutboxPublisher } from '@platform/messaging';
import { createTestDatabase, TEST_ASSERTION_KEYS, type TestDatabase } from '@platform/testing';
import { DataSource } from 'typeorm';
import { createFixtureApp, ItemProducer, type FixtureSettings } from './fixtures/fixture-app';
import { itemRecorded, ITEM_RECORDED } from './fixtures/fixture-event';
import { queryOne, waitFor } from './fixture-process';

const settings: FixtureSettings = { topic: 'fixture.items', aggregates: 4 };
const envFor = (db: TestDatabase): Record<string, string> => ({
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: db.url,
  ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
});

/** Outbox writes, relay leadership and back-off, and boot checks, on the in-process bus. */
describe('MessagingModule', () => {
  let db: TestDatabase;
  const apps: NestFastifyApplication[] = [];
  const extraDbs: TestDatabase[] = [];
  const boot = async (
    bus?: InProcessBus,
    env: Record<string, string> = envFor(db),
  ): Promise<NestFastifyApplication> => {
    const app = await createFixtureApp('producer', 'fixture-producer', env, settings, bus);
    apps.push(app);
    return app;
  };
  const unpublished = async (): Promise<number> =>
    (
      await queryOne<{ n: number }>(
        db.url,
        'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
      )
    ).n;

  beforeEach(async () => {
    db = await createTestDatabase('msg_module');
  });

  afterEach(async () => {
    while (apps.length > 0) await apps.pop()!.close();
    while (extraDbs.length > 0) await extraDbs.pop()!.drop();
    await db.drop();
  });

  it('refuses to boot without KAFKA_BROKERS or a bus, naming KAFKA_BROKERS', async () => {
    // The refusal is what is expected: Nest's report of it (a stack trace, boot lines) would
    // read as a failure in the test run's output.
    const quiet = [process.stdout, process.stderr].map((s) =>
      jest.spyOn(s, 'write').mockImplementation(() => true),
    );
    try {
      await expect(boot(undefined)).rejects.toThrow(/KAFKA_BROKERS is not set/);
    } finally {
      quiet.forEach((s) => s.mockRestore());
    }
  });

  it('writes events in the caller transaction only, validated, with the service as source', async () => {
    const app = await boot(new InProcessBus());
    const outbox = app.get(OutboxPublisher);
    const ds = app.get(DataSource);
    const def = itemRecorded(settings.topic);
    await expect(
      ds.transaction(async (m) => {
        await m.query('INSERT INTO items (n) VALUES (1)');
        await outbox.add(m, draft(def, 'agg-1', { n: -1, seq: 0 }));
      }),
    ).rejects.toBeInstanceOf(InvalidEventPayload);
    await expect(
      ds.transaction(async (m) => {
        await outbox.add(m, draft(def, 'agg-1', { n: 1, seq: 0 }, { entity: 'ent-1' }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      (await queryOne<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM outbox_events')).n,
    ).toBe(0);

    await ds.transaction((m) =>
      outbox.add(m, draft(def, 'agg-2', { n: 2, seq: 0 }, { entity: 'ent-1' })),
    );
    const row = await queryOne<Record<string, unknown>>(db.url, 'SELECT * FROM outbox_events');
    expect(row).toMatchObject({
      topic: 'fixture.items',
      type: ITEM_RECORDED,
      source: '/platform/fixture-producer',
      subject: 'agg-2',
      entity: 'ent-1',
      data: { n: 2, seq: 0 },
      published_at: null,
    });
  });

  it('relays an outbox write when it commits, not at the next poll (10 s apart here)', async () => {
    const bus = new InProcessBus();
    const seen: number[] = [];
    bus.register('spy', [ITEM_RECORDED], () => Promise.resolve(void seen.push(Date.now())));
    const app = await createFixtureApp(
      'producer',
      'fixture-producer',
      envFor(db),
      { ...settings, relayPollMs: 10_000 },
      bus,
    );
    apps.push(app);
    await bus.start();
    // The relay has found the outbox empty and sleeps until its next poll, 10 s away.
    await new Promise((r) => setTimeout(r, 500));
    const written = Date.now();
    await app.get(ItemProducer).produce(1);
    await waitFor('the relay', () => Promise.resolve(seen.length === 1), 5_000);
    expect(seen[0]! - written).toBeLessThan(5_000);
  });

  it('dispatches nothing before bus.start(), then everything', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    bus.register('spy', [ITEM_RECORDED], (_t, e) => Promise.resolve(void seen.push(e.id)));
    const app = await boot(bus);
    await app.get(ItemProducer).produce(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    expect(await unpublished()).toBe(5);
    await bus.start();
    await waitFor('delivery', async () => (await unpublished()) === 0, 10_000);
    expect(seen).toHaveLength(5);
  });

  it('lets one relay publish at a time and hands over when the leader stops', async () => {
    const bus = new InProcessBus();
    const seen: EventEnvelope<{ seq: number }>[] = [];
    bus.register('spy', [ITEM_RECORDED], async (_t, e) => {
      await new Promise((r) => setTimeout(r, 1)); // widen the window for a second relay
      seen.push(e as EventEnvelope<{ seq: number }>);
    });
    await bus.start();
    const first = await boot(bus);
    const second = await boot(bus);
    // Both instances run a relay on the same database while the stream is written.
    await first.get(ItemProducer).produce(100);
    await second.get(ItemProducer).produce(200);
    await waitFor('delivery', async () => (await unpublished()) === 0, 20_000);
    const ids = seen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // no event relayed twice
    for (const subject of ['agg-0', 'agg-1', 'agg-2', 'agg-3']) {
      const seqs = seen.filter((e) => e.subject === subject).map((e) => e.data.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }

    await first.close();
    apps.splice(apps.indexOf(first), 1);
    await second.get(ItemProducer).produce(220);
    await waitFor(
      'the other instance to take over',
      async () => (await unpublished()) === 0,
      10_000,
    );
    expect(new Set(seen.map((e) => e.id)).size).toBe(220);
    expect(seen).toHaveLength(220);
  });

  it('keeps a row while the transport fails, recording the error, and delivers it afterwards', async () => {
    const bus = new InProcessBus();
    let failures = 3;
    const seen: string[] = [];
    bus.register('spy', [ITEM_RECORDED], (_t, e) => {
      if (failures-- > 0) return Promise.reject(new Error('consumer database down'));
      seen.push(e.id);
      return Promise.resolve();
    });
    await bus.start();
    const app = await boot(bus);
    await app.get(ItemProducer).produce(1);
    await waitFor('delivery', async () => (await unpublished()) === 0, 10_000);
    expect(seen).toHaveLength(1);
    const row = await queryOne<{ attempts: number; last_error: string }>(
      db.url,
      'SELECT attempts, last_error FROM outbox_events',
    );
    expect(row).toEqual({ attempts: 3, last_error: 'consumer database down' });
  });

  it('dead-letters a poison event into the consumer database and keeps going (bus)', async () => {
    const consumerDb = await createTestDatabase('msg_module_consumer');
    extraDbs.push(consumerDb);
    const bus = new InProcessBus();
    const app = await boot(bus);
    const consumer = await createFixtureApp(
      'consumer',
      'fixture-consumer',
      envFor(consumerDb),
      { ...settings, poisonN: 2 },
      bus,
    );
    apps.push(consumer);
    await bus.start();
    await app.get(ItemProducer).produce(6);
    await waitFor('delivery', async () => (await unpublished()) === 0, 20_000);
    // Not produced through an outbox: a payload that fails validation reaches the group anyway.
    await bus.publish([
      {
        topic: settings.topic,
        id: '00000000-0000-4000-8000-000000000001',
        type: ITEM_RECORDED,
        source: '/test',
        time: new Date().toISOString(),
        subject: 'agg-9',
        data: { n: 'x' },
      },
    ]);

    const processed = await queryOne<{ ns: number[] }>(
      consumerDb.url,
      'SELECT array_agg(n ORDER BY n) AS ns FROM processed',
    );
    expect(processed.ns).toEqual([0, 1, 3, 4, 5]);
    const dead = await queryOne<{
      rows: { error: string; attempts: number; consumer_group: string }[];
    }>(
      consumerDb.url,
      `SELECT json_agg(json_build_object('error', error, 'attempts', attempts, 'consumer_group', consumer_group)
           ORDER BY attempts DESC) AS rows FROM dead_letters`,
    );
    expect(dead.rows).toEqual([
      { error: 'poison item 2', attempts: 3, consumer_group: 'fixture-consumer' },
      {
        error: expect.stringContaining('invalid fixture.item_recorded payload') as unknown,
        attempts: 0,
        consumer_group: 'fixture-consumer',
      },
    ]);
  });
});
