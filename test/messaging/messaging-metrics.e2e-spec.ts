import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InProcessBus } from '@platform/messaging';
import { createTestDatabase, TEST_ASSERTION_KEYS, type TestDatabase } from '@platform/testing';
import { createFixtureApp, ItemProducer, type FixtureSettings } from './fixtures/fixture-app';
import { ITEM_RECORDED } from './fixtures/fixture-event';
import { waitFor } from './fixture-process';

/*
 * The messaging series of spec §9 ("outbox lag and backlog, consumer lag, dead letters"): the
 * producer's outbox backlog and the age of its oldest unpublished event while nothing can be
 * published, then their fall to zero; the consumer's events by outcome, including a poison
 * event given up on, and its dead letter.
 */

const run = randomBytes(4).toString('hex');
const settings: FixtureSettings = { topic: `fixture.metrics.${run}`, aggregates: 2, poisonN: 2 };

/** The value of a sample line whose labels include `labels`. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('messaging metrics', () => {
  const dbs: TestDatabase[] = [];
  const apps: NestFastifyApplication[] = [];

  afterAll(async () => {
    while (apps.length > 0) await apps.pop()!.close();
    while (dbs.length > 0) await dbs.pop()!.drop();
  });

  const boot = async (role: 'producer' | 'consumer', bus: InProcessBus) => {
    const db = await createTestDatabase(`msg_metrics_${role}`);
    dbs.push(db);
    const env = {
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
    };
    const app = await createFixtureApp(role, `metrics-${role}`, env, settings, bus);
    apps.push(app);
    return app;
  };
  const scrape = async (app: NestFastifyApplication): Promise<string> =>
    (await app.inject({ method: 'GET', url: '/metrics' })).body;

  it('shows the outbox backlog and its age, consumer outcomes and dead letters', async () => {
    const bus = new InProcessBus();
    const producer = await boot('producer', bus);
    const consumer = await boot('consumer', bus);
    await producer.get(ItemProducer).produce(4);
    // The bus is not started: nothing can be published yet.
    await new Promise((r) => setTimeout(r, 1_100));
    let text = await scrape(producer);
    expect(sample(text, 'messaging_outbox_backlog', 'service="metrics-producer"')).toBe(4);
    expect(sample(text, 'messaging_outbox_oldest_age_seconds', 'service=')).toBeGreaterThan(1);

    await bus.start();
    await waitFor(
      'the outbox to drain',
      async () => sample(await scrape(producer), 'messaging_outbox_backlog', 'service=') === 0,
      15_000,
    );
    text = await scrape(producer);
    expect(sample(text, 'messaging_outbox_oldest_age_seconds', 'service=')).toBe(0);
    expect(sample(text, 'messaging_outbox_published_total', 'service=')).toBe(4);
    expect(sample(text, 'messaging_outbox_publish_delay_seconds_count', 'service=')).toBe(4);
    // The pool as the app uses it: the relay's leader connection, not the scrape's own query.
    expect(sample(text, 'db_client_connections', 'state="used"')).toBe(1);
    expect(sample(text, 'db_client_connection_pending_requests', 'service=')).toBe(0);
    // Published a second or more after they were written.
    expect(sample(text, 'messaging_outbox_publish_delay_seconds_bucket', 'le="0.5"')).toBe(0);

    const consumed = await scrape(consumer);
    const events = (outcome: string) =>
      sample(
        consumed,
        'messaging_consumer_events_total',
        `group="metrics-consumer",type="${ITEM_RECORDED}",outcome="${outcome}"`,
      );
    expect(events('processed')).toBe(3);
    expect(events('dead-letter')).toBe(1); // item 2, the poison
    expect(
      sample(
        consumed,
        'messaging_dead_letters_total',
        `group="metrics-consumer",topic="${settings.topic}"`,
      ),
    ).toBe(1);
    expect(
      sample(consumed, 'messaging_consumer_lag_seconds_count', 'group="metrics-consumer"'),
    ).toBe(4);
  });
});
