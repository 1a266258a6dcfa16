import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { stopLeftoverPostgres } from '@platform/persistence';
import {
  BUILD_LIMIT_MS,
  clientToken,
  embeddedDatabaseUrl,
  launch,
  makeDataDir,
  removeDataDir,
  platformEnv,
  type Run,
  stop,
  untilReady,
} from '../platform/launcher';
import { subscriptionBody, waitFor, type Receiver } from './harness';
import { DeliveryLedger, flakyReceiver } from './ledger';

/**
 * Spec §6 "at-least-once … even across crashes and restarts", for `npm start`'s single process:
 * users are created through the gateway while a webhook receiver (failing 20 % of calls) gets
 * their `user.created` events; the launcher is SIGKILLed mid-stream, like a crash, and started
 * again on the same DATA_DIR and ports. Every event of a user whose creation the platform
 * confirmed must arrive, nothing else, and repeats only as the same event again.
 */

const USERS = 1000;
/** Creations in flight at once, as a caller's small batches. */
const WORKERS = 8;
/** The producer stays at most this far ahead of the deliveries, so it is mid-stream at the crash. */
const AHEAD = 150;
const USERS_PATH = '/usuarios/v0.1/api/usuarios';
const CLIENT = { id: 'crash-test-admin', secret: randomBytes(24).toString('base64url') };
const ADMIN_SCOPE = 'platform.admin webhooks.suite users.suite';

describe('webhooks: at-least-once through a crash of `npm start` (SIGKILL of its single process)', () => {
  const dataDir = makeDataDir('npm-start-crash-');
  const ledger = new DeliveryLedger();
  let receiver: Receiver;
  let current: Run | undefined;
  let finished = false; // stops a producer a failed test left retrying

  beforeAll(async () => {
    receiver = await flakyReceiver(ledger);
  });

  afterAll(async () => {
    finished = true;
    if (current && current.child.exitCode === null && current.child.signalCode === null)
      await stop(current);
    // A failed run may leave the crashed launcher's Postgres behind.
    await stopLeftoverPostgres(join(dataDir, 'postgres'));
    await receiver?.close();
    removeDataDir(dataDir);
  });

  it(
    `delivers every confirmed user.created of ${USERS} although the launcher is SIGKILLed mid-stream`,
    async () => {
      const t0 = Date.now();
      const { env, gateway } = await platformEnv(dataDir, {
        BOOTSTRAP_CLIENT_ID: CLIENT.id,
        BOOTSTRAP_CLIENT_SECRET: CLIENT.secret,
        BOOTSTRAP_ADMIN_LOGIN: 'crash.admin',
        BOOTSTRAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
        WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOKS_ALLOW_HTTP: 'true',
        WEBHOOKS_POLL_MS: '20',
        WEBHOOKS_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s',
        // The default (600/60s per client) would throttle the producer, not what is tested here.
        RATE_LIMIT_PER_CLIENT: JSON.stringify({ [CLIENT.id]: '100000/60s' }),
      });
      current = launch(env);
      await untilReady(gateway, current);
      let token = await clientToken(gateway, CLIENT, ADMIN_SCOPE);

      // The lease of a delivery in flight at the crash is its timeout + 15 s: keep it short.
      const sub = await fetch(`${gateway}/api/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          subscriptionBody(`${receiver.url}/hook`, { action: 'user.created', timeoutMs: 2000 }),
        ),
      });
      expect({ status: sub.status, body: await sub.json() }).toMatchObject({ status: 201 });

      // Users whose creation the platform confirmed: 201, or 409 on a retry of a request that
      // got no answer (it committed before the crash). Their events are owed.
      const confirmed = new Set<string>();
      let answerLost = 0; // confirmed by a 409: the first request committed, its answer was lost
      const odd: string[] = [];
      let next = 0;
      let inFlight = 0;
      let paced = true; // until the crash, the producer follows the deliveries (AHEAD)
      const createUser = async (id: string): Promise<void> => {
        for (let attempt = 1; !finished; attempt++) {
          inFlight++;
          const res = await fetch(`${gateway}${USERS_PATH}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ id, name: `Crash ${id}`, email: `${id}@example.com` }),
            signal: AbortSignal.timeout(10_000),
          })
            .catch(() => undefined) // down: the caller retries
            .finally(() => inFlight--);
          await res?.body?.cancel();
          if (res?.status === 201 || (res?.status === 409 && attempt > 1)) {
            if (res.status === 409) answerLost++;
            return void confirmed.add(id);
          }
          if (res) odd.push(`${id} attempt ${attempt}: ${res.status}`);
          if (res?.status === 409) return;
          await sleep(200);
        }
      };
      const producing = Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (next < USERS) {
            const id = `crash-${String(next++).padStart(4, '0')}`;
            while (paced && confirmed.size - ledger.deliveredCount() > AHEAD) await sleep(20);
            await createUser(id);
          }
        }),
      );

      await waitFor(
        () => ledger.deliveredCount() >= USERS / 3,
        60_000,
        'a third of the deliveries',
      );
      // Let every worker loose, so the crash cuts requests off mid-way (their answers are lost).
      paced = false;
      await waitFor(() => inFlight >= WORKERS / 2, 10_000, 'creations in flight');
      const crashed = current;
      crashed.child.kill('SIGKILL');
      const atCrash = { delivered: ledger.deliveredCount(), confirmed: confirmed.size, inFlight };
      await crashed.exited;
      const downAt = Date.now();
      expect(atCrash.confirmed).toBeLessThan(USERS); // still producing at the crash

      current = launch(env);
      await untilReady(gateway, current);
      const downMs = Date.now() - downAt;
      // The crash left its Postgres running on DATA_DIR; this boot had to stop it first.
      const leftover = /stopped the leftover server/.test(current.output());
      token = await clientToken(gateway, CLIENT, ADMIN_SCOPE);
      await producing;

      const pgPort = [
        ...current.output().matchAll(/postgres: ready on 127\.0\.0\.1:(\d+)/g),
      ].pop()?.[1];
      const events = await userCreatedEvents(embeddedDatabaseUrl(dataDir, pgPort ?? '', 'users'));
      const eventOf = new Map(events.map((e) => [e.user_id, e.id]));
      expect(eventOf.size).toBe(events.length); // one user.created per user
      const owed = new Map<string, string[]>();
      for (const id of confirmed) owed.set(eventOf.get(id) ?? `no event for ${id}`, ['/hook']);
      await waitFor(
        () => ledger.check(owed).missing.length === 0,
        60_000,
        'every owed delivery',
      ).catch(() => undefined); // the assertions below say what is missing
      const report = ledger.check(owed);
      process.stdout.write(
        `npm start crash: owed ${owed.size} (${answerLost} confirmed by a 409 on retry), missing ${report.missing.length}, ` +
          `redeliveries ${report.redeliveries}, unexpected ${report.unexpected.length}; ` +
          `SIGKILL after ${atCrash.delivered} deliveries / ${atCrash.confirmed} users ` +
          `(${atCrash.inFlight} creations in flight), ` +
          `down ${(downMs / 1000).toFixed(1)} s (leftover Postgres stopped: ${leftover}), total ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      expect(odd).toEqual([]);
      expect(confirmed.size).toBe(USERS);
      expect([...owed.keys()].filter((k) => k.startsWith('no event'))).toEqual([]);
      expect(report.missing).toEqual([]);
      expect(report.unexpected).toEqual([]);
      expect(report.conflicting).toEqual([]);
    },
    BUILD_LIMIT_MS + 180_000,
  );
});

/** The `user.created` events in the users service's outbox: event id and user id. */
async function userCreatedEvents(url: string): Promise<{ id: string; user_id: string }[]> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string; user_id: string }>(
      `SELECT id, data->>'id' AS user_id FROM outbox_events WHERE type = 'user.created'`,
    );
    return rows;
  } finally {
    await pg.end();
  }
}
