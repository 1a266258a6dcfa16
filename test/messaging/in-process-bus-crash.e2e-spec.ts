import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { FixtureProcess, queryOne, streamReport, waitFor } from './fixture-process';

const COUNT = 2_000;
const AGGREGATES = 8;

/**
 * Acceptance (b): publisher and consumer in ONE process on the InProcessBus; SIGKILL the whole
 * process mid-stream, start it again: every event processed exactly once, in order per aggregate.
 */
describe('in-process bus: crash of the whole process', () => {
  let producerDb: TestDatabase;
  let consumerDb: TestDatabase;
  let fixture: FixtureProcess;

  beforeAll(async () => {
    producerDb = await createTestDatabase('msg_bus_producer');
    consumerDb = await createTestDatabase('msg_bus_consumer');
    fixture = new FixtureProcess({
      FIXTURE_ROLE: 'both',
      FIXTURE_TOPIC: `fixture.bus.${randomBytes(4).toString('hex')}`,
      FIXTURE_COUNT: String(COUNT),
      FIXTURE_AGGREGATES: String(AGGREGATES),
      PRODUCER_DATABASE_URL: producerDb.url,
      CONSUMER_DATABASE_URL: consumerDb.url,
    });
  });

  afterAll(async () => {
    await fixture?.kill();
    await producerDb?.drop();
    await consumerDb?.drop();
  });

  it('loses nothing and processes nothing twice across a SIGKILL', async () => {
    await fixture.start();
    const processed = async (): Promise<number> => (await streamReport(consumerDb.url)).rows;
    await waitFor(
      'the stream to be under way',
      async () => (await processed()) >= COUNT / 4,
      150_000,
      () => fixture.log,
    );
    await fixture.kill();
    const atCrash = await processed();
    expect(atCrash).toBeLessThan(COUNT); // really mid-stream

    await fixture.start();
    await waitFor(
      'every event to be processed',
      async () => (await processed()) >= COUNT,
      180_000,
      () => fixture.log,
    );
    await waitFor(
      'the outbox to be drained',
      async () =>
        (
          await queryOne<{ n: number }>(
            producerDb.url,
            'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
          )
        ).n === 0,
      30_000,
    );

    const report = await streamReport(consumerDb.url);
    expect(report).toEqual({ rows: COUNT, distinct: COUNT, commits: COUNT, outOfOrder: 0 });
    const inbox = await queryOne<{ n: number }>(
      consumerDb.url,
      'SELECT count(*)::int AS n FROM inbox_events',
    );
    expect(inbox.n).toBe(COUNT);
    const dead = await queryOne<{ n: number }>(
      consumerDb.url,
      'SELECT count(*)::int AS n FROM dead_letters',
    );
    expect(dead.n).toBe(0);
  }, 240_000); // a 2-core machine shared with other jobs can be slow
});
