import { Client } from 'pg';
import { freePorts } from '@platform/persistence';
import { createTestDatabase, type TestDatabase } from '@platform/testing';
import { CRASH_TIMING, postSubscription, spawnReady, type Child } from './child-process';
import { subscriptionBody, waitFor, webhooksEnv, type Receiver } from './harness';
import { DeliveryLedger, flakyReceiver } from './ledger';

const EVENTS = 3_000;

describe('webhooks: at-least-once on the in-process bus through a crash of the single process', () => {
  let publisherDb: TestDatabase;
  let webhooksDb: TestDatabase;
  let receiver: Receiver;
  let child: Child | undefined;
  const ledger = new DeliveryLedger();

  beforeAll(async () => {
    publisherDb = await createTestDatabase('webhooks_sp_publisher');
    webhooksDb = await createTestDatabase('webhooks_sp');
    receiver = await flakyReceiver(ledger);
  });
  afterAll(async () => {
    await child?.kill();
    await receiver?.close();
    await publisherDb?.drop();
    await webhooksDb?.drop();
  });

  it(`delivers all ${EVENTS} events published by a co-located service although the process is SIGKILLed mid-stream`, async () => {
    const [port] = await freePorts(1);
    const env = {
      ...webhooksEnv(webhooksDb.url, {
        WEBHOOKS_PORT: String(port),
        PUBLISHER_DATABASE_URL: publisherDb.url,
        PUBLISH_TOTAL: String(EVENTS),
        ...CRASH_TIMING,
      }),
    };
    const boot = async (): Promise<void> => {
      child = await spawnReady('test/webhooks/single-process.js', env, 'single-process', port!);
    };
    await boot();
    const res = await postSubscription(port!, subscriptionBody(`${receiver.url}/hook`));
    expect(res.status).toBe(201);
    await waitFor(() => ledger.deliveredCount() >= EVENTS / 3, 60_000, 'a third of the deliveries');
    await child!.kill();
    const atCrash = ledger.deliveredCount();
    await boot();
    await waitFor(() => ledger.deliveredCount() >= EVENTS, 120_000, `${EVENTS} deliveries`);

    const pg = new Client({ connectionString: publisherDb.url });
    await pg.connect();
    const ids = (await pg.query('SELECT id FROM outbox_events')).rows.map(
      (r: { id: string }) => r.id,
    );
    await pg.end();
    expect(ids).toHaveLength(EVENTS);
    const report = ledger.check(new Map(ids.map((id) => [id, ['/hook']])));
    process.stdout.write(
      `single process: crash after ${atCrash} of ${EVENTS} deliveries; ${report.missing.length} missing, ${report.redeliveries} redeliveries\n`,
    );
    expect(atCrash).toBeLessThan(EVENTS);
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.conflicting).toEqual([]);
  }, 200_000);
});
