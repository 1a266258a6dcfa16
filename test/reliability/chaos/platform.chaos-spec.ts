import { Kafka, logLevel } from 'kafkajs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { makeDataDir, removeDataDir, root } from '../../platform/launcher';
import { Cluster, type AppProcess } from './cluster';
import { type Context, Load } from './load';
import { Receiver } from './receivers';

/*
 * `npm run test:chaos`: the platform as separate processes over Kafka and a real Postgres, two
 * gateways and two webhooks instances, under a mixed load (token issuance and revocation, user
 * writes, database writes in two entities, accesses granted in two contexts, webhook fan-out to
 * three platform-wide receivers, one flaky, and to a subscription of one context), while
 * each app in turn is SIGKILLed and restarted, the broker is paused, Postgres restarted, Redis
 * stopped and a receiver dropped. Afterwards: every accepted write is there, every event reached
 * every receiver, every consumer group caught up, every revocation holds, and no request got a
 * 5xx (but a 502/503 from a gateway while something was down) or hung. Report under reports/.
 *
 * CHAOS_SHORT=1 shortens every outage (the CI run); CHAOS_PAUSE_S, CHAOS_RECEIVER_DOWN_S,
 * CHAOS_REDIS_DOWN_S, CHAOS_SETTLE_S, CHAOS_DRAIN_S, CHAOS_DRAIN_STALL_S override single durations.
 */

const SHORT = process.env['CHAOS_SHORT'] === '1';
const seconds = (name: string, full: number, short: number) =>
  Number(process.env[name] ?? (SHORT ? short : full)) * 1000;
const BROKER_PAUSE_MS = seconds('CHAOS_PAUSE_S', 30, 5);
const RECEIVER_DOWN_MS = seconds('CHAOS_RECEIVER_DOWN_S', 60, 5);
const REDIS_DOWN_MS = seconds('CHAOS_REDIS_DOWN_S', 20, 3);
const SETTLE_MS = seconds('CHAOS_SETTLE_S', 5, 1);
/**
 * How long the drain may go without one more event reaching a receiver before what is missing
 * counts as lost: a delivery leased by an instance that was killed waits out its lease (the
 * subscription's 30 s timeout + 15 s), then the retry schedule's longest wait (8 s).
 */
const DRAIN_STALL_MS = seconds('CHAOS_DRAIN_STALL_S', 90, 90);
/** The drain's cap, however steadily it goes: the backlog a run builds up is minutes at most. */
const DRAIN_MS = seconds('CHAOS_DRAIN_S', 600, 600);
/** After a fault ends, the gateways may answer 502/503 this much longer (readiness, reconnects). */
const GRACE_MS = 5_000;

interface Fault {
  name: string;
  startedAt: string;
  /** From the fault's start to the faulty piece answering again. */
  recoverMs: number;
  /** p95 latency of the requests started during the fault, and in as long a span before it. */
  p95Ms: number | undefined;
  p95BeforeMs: number | undefined;
}

/** Which faults to inject: a comma list of kill, broker, postgres, redis, receiver; or none. */
const FAULTS = new Set(
  (process.env['CHAOS_FAULTS'] ?? 'kill,broker,postgres,redis,receiver').split(','),
);
/** Load before the first fault (and, with CHAOS_FAULTS=none, the whole run). */
const WARMUP_MS = seconds('CHAOS_WARMUP_S', 10, 2);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chaos: the whole platform under load while its parts fail', () => {
  const dataDir = makeDataDir('platform-chaos-');
  let cluster: Cluster;
  let load: Load;
  const receivers = [new Receiver('steady'), new Receiver('dropped'), new Receiver('flaky', 0.3)];
  /** The `*` subscription of a context's admin: that context's events only, every one of them. */
  const inContext = new Receiver('context');
  const faults: Fault[] = [];
  let refresher: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    const started = Date.now();
    cluster = await Cluster.start(dataDir, { RATE_LIMIT_DEFAULT: '1000000/60s' });
    for (const r of [...receivers, inContext]) await r.start();
    load = new Load(cluster);
    await load.refreshAdminToken();
    refresher = setInterval(() => void load.refreshAdminToken().catch(() => undefined), 30_000);
    await load.createEntities(['Chaos A', 'Chaos B']);
    for (const r of receivers) await load.subscribe(r.url);
    await load.createContexts();
    await load.subscribeInContext(load.contexts[0] as Context, inContext.url);
    process.stdout.write(
      `chaos: ${cluster.apps.length} processes up in ${Date.now() - started} ms\n`,
    );
  }, 300_000);

  afterAll(async () => {
    if (refresher) clearInterval(refresher);
    await load?.stop();
    for (const r of [...receivers, inContext]) await r.stop();
    await cluster?.stop();
    removeDataDir(dataDir);
  }, 120_000);

  /** Runs `fault`, which resolves once what it broke answers again; keeps the time it took. */
  async function inject(name: string, fault: () => Promise<void>): Promise<void> {
    const started = Date.now();
    load.faultActive = true;
    try {
      await fault();
    } finally {
      const recoverMs = Date.now() - started;
      faults.push({
        name,
        startedAt: new Date(started).toISOString(),
        recoverMs,
        p95Ms: load.p95(started, started + recoverMs),
        p95BeforeMs: load.p95(started - Math.max(recoverMs, 5_000), started),
      });
      process.stdout.write(`chaos: ${name}: recovered in ${recoverMs} ms\n`);
      await sleep(GRACE_MS);
      load.faultActive = false;
      await sleep(SETTLE_MS);
    }
  }

  const killAndRestart = (a: AppProcess) => async () => {
    await cluster.kill(a);
    await sleep(500);
    await cluster.startApp(a);
  };

  async function injectFaults(): Promise<void> {
    if (FAULTS.has('kill'))
      for (const a of cluster.apps) await inject(`SIGKILL ${a.name}`, killAndRestart(a));
    if (FAULTS.has('broker'))
      await inject(`broker paused ${BROKER_PAUSE_MS / 1000} s`, async () => {
        cluster.broker.pause();
        await sleep(BROKER_PAUSE_MS);
        cluster.broker.resume();
      });
    if (FAULTS.has('postgres')) await inject('postgres restarted', () => cluster.restartPostgres());
    if (FAULTS.has('redis'))
      await inject(`redis stopped ${REDIS_DOWN_MS / 1000} s`, async () => {
        await cluster.stopRedis();
        await sleep(REDIS_DOWN_MS);
        await cluster.startRedis();
      });
    const dropped = receivers[1] as Receiver;
    if (FAULTS.has('receiver'))
      await inject(`receiver dropped ${RECEIVER_DOWN_MS / 1000} s`, async () => {
        await dropped.stop();
        await sleep(RECEIVER_DOWN_MS);
        await dropped.start();
      });
  }

  it(
    'loses no write, no event and no revocation, and answers no 5xx of its own',
    async () => {
      const started = Date.now();
      load.start(2, { grants: true });
      await sleep(WARMUP_MS);
      try {
        await injectFaults();
      } catch (e) {
        // A piece that does not come back (its boot timed out, say) ends the run; what the
        // run saw up to then is still reported, the apps' error lines included.
        await load.stop();
        writeReport({
          suite: 'chaos',
          short: SHORT,
          faultNotRecovered: String((e as Error).message).slice(0, 3_000),
          requests: load.tally.requests,
          answers: load.tally.byStatus,
          faults,
          violations: load.tally.violations.slice(0, 50),
          violationCount: load.tally.violations.length,
          violationLogs: violationLogsOf(cluster, load.tally.violationRequestIds),
          errorLogs: errorLogsOf(cluster),
        });
        throw e;
      }
      await load.stop();
      const loadSeconds = Math.round((Date.now() - started) / 1000);

      // Every event of an accepted write reaches every platform-wide receiver (retries included),
      // and each access granted in the first context reaches that context's subscription.
      const granted = (a: { id: string }) => `access.granted ${a.id}`;
      const expected = [
        ...load.accepted.users.map((id) => `user.created ${id}`),
        ...load.accepted.databases.map((d) => `database.created ${d.id}`),
        ...load.accepted.accesses.map(granted),
      ];
      const [contextA] = load.contexts as [Context];
      const ofContextA = load.accepted.accesses
        .filter((a) => a.context.database === contextA.database)
        .map(granted);
      const drainStarted = Date.now();
      const missingAt = (r: Receiver) =>
        (r === inContext ? ofContextA : expected).filter((k) => !r.seen.has(k));
      let reported = drainStarted;
      let whereMissing: Record<string, unknown> | undefined;
      // The backlog the faults left (slots held by a killed instance's leases, retries of the
      // flaky receiver) drains at the engine's pace; an event is lost only when none arrives for
      // longer than any designed wait.
      const left = () => [...receivers, inContext].reduce((n, r) => n + missingAt(r).length, 0);
      let lastLeft = left();
      let progressAt = drainStarted;
      while (
        lastLeft > 0 &&
        Date.now() - progressAt < DRAIN_STALL_MS &&
        Date.now() - drainStarted < DRAIN_MS
      ) {
        await sleep(1_000);
        const now = left();
        if (now < lastLeft) progressAt = Date.now();
        lastLeft = now;
        if (Date.now() - reported >= 10_000) {
          reported = Date.now();
          const byReceiver = [...receivers, inContext]
            .map((r) => `${r.name} ${missingAt(r).length}`)
            .join(', ');
          process.stdout.write(
            `chaos: draining, ${Math.round((reported - drainStarted) / 1000)} s: events not yet delivered: ${byReceiver}\n`,
          );
          // Where the first undelivered events were then: the outbox, the feed, or a delivery.
          if (!whereMissing) {
            const keys = [...new Set(receivers.flatMap((r) => missingAt(r)))];
            whereMissing = await whereAre(cluster, keys).catch((e: unknown) => ({
              error: String(e),
            }));
            process.stdout.write(`chaos: where they are: ${JSON.stringify(whereMissing)}\n`);
          }
        }
      }
      const drainMs = Date.now() - drainStarted;
      const missingEvents = Object.fromEntries(
        [...receivers, inContext].map((r) => [r.name, missingAt(r)]),
      );
      // What the context's subscription got that is not its context's (a cross-context leak).
      const leaks = [...inContext.contextOf]
        .filter(([, c]) => c !== `${contextA.entity}/${contextA.database}`)
        .map(([key, c]) => `${key} (context ${c})`);

      const missingWrites = await missingWritesOf(cluster, load);
      const revocationsBroken = await brokenRevocations(cluster, load.accepted.revoked);
      const lag = await caughtUp(cluster.broker.brokers, 60_000);
      // Consumers other than webhooks: audit records each event once (its inbox and the unique
      // event id), none of an accepted write missing; no service dead-lettered an event.
      const audit = await auditOf(cluster, load);
      const deadLetters = await deadLettersOf(cluster);
      const projectionGaps = await projectionGapsOf(cluster, load);

      const report = {
        suite: 'chaos',
        short: SHORT,
        loadSeconds,
        requests: load.tally.requests,
        answers: load.tally.byStatus,
        expected502or503WhileDown: load.tally.upstreamDown,
        refusedWhileGatewayDown: load.tally.gatewayDown,
        accepted: {
          users: load.accepted.users.length,
          databases: load.accepted.databases.length,
          tokens: load.accepted.tokens,
          revoked: load.accepted.revoked.length,
        },
        faults,
        eventsChecked: expected.length * receivers.length + ofContextA.length,
        drainMs,
        whereMissingAfter10s: whereMissing,
        accessesGranted: load.accepted.accesses.length,
        contextSubscription: {
          expected: ofContextA.length,
          delivered: inContext.deliveries,
          missing: missingEvents[inContext.name]?.length,
          leaks: leaks.slice(0, 20),
        },
        receivers: [...receivers, inContext].map((r) => ({
          name: r.name,
          deliveries: r.deliveries,
          refusedByFlaky: r.failed,
          redeliveries: r.redeliveries(),
          eventsProcessedTwice: r.duplicateMessages().length,
          examplesProcessedTwice: r.duplicateMessages().slice(0, 5),
          missing: missingEvents[r.name]?.length,
        })),
        consumerLag: lag,
        violations: load.tally.violations.slice(0, 50),
        violationCount: load.tally.violations.length,
        // What the apps logged about the violating requests themselves (by request id).
        violationLogs: violationLogsOf(cluster, load.tally.violationRequestIds),
        // What the apps logged about their 5xx answers (the cause is logged, never sent).
        errorLogs: errorLogsOf(cluster),
        audit: {
          missing: audit.missing.length,
          examplesMissing: audit.missing.slice(0, 5),
          recordedTwice: audit.recordedTwice.slice(0, 20),
        },
        deadLetters,
        projectionGaps: projectionGaps.slice(0, 20),
        missingWrites: missingWrites.slice(0, 50),
        revocationsBroken: revocationsBroken.length,
      };
      writeReport(report);

      expect(load.tally.violations).toEqual([]);
      expect(missingWrites).toEqual([]);
      expect(Object.values(missingEvents).flat()).toEqual([]);
      expect(revocationsBroken).toEqual([]);
      expect(leaks).toEqual([]);
      expect([...receivers, inContext].flatMap((r) => r.duplicateMessages())).toEqual([]);
      expect(audit.missing).toEqual([]);
      expect(audit.recordedTwice).toEqual([]);
      expect(deadLetters).toEqual({});
      expect(projectionGaps).toEqual([]);
      if (!('error' in lag)) expect(lag.filter((l) => l.lag > 0)).toEqual([]);
      // Redis down must not slow requests (it used to add 0.5 s to each): p95 within noise.
      const redis = faults.find((f) => f.name.startsWith('redis'));
      if (redis?.p95Ms !== undefined && redis.p95BeforeMs !== undefined)
        expect(redis.p95Ms).toBeLessThan(redis.p95BeforeMs + 400);
      expect(expected.length).toBeGreaterThan(0);
      expect(load.accepted.revoked.length).toBeGreaterThan(0);
      expect(ofContextA.length).toBeGreaterThan(0);
    },
    60 * 60_000,
  );
});

/** What the apps logged about their 5xx answers (the cause is logged, never sent). */
function errorLogsOf(cluster: Cluster): Record<string, string[]> {
  return Object.fromEntries(
    cluster.apps
      .map((a) => [
        a.name,
        a.log
          .join('')
          .split('\n')
          // pino's error and fatal levels, whatever the message says.
          .filter((l) => /"level":(50|60)\b|unhandled error|gateway error/.test(l))
          .slice(-3)
          .map((l) => l.slice(0, 1_500)),
      ])
      .filter(([, lines]) => lines.length > 0),
  ) as Record<string, string[]>;
}

/** Each app's error lines that name a violating request's id: the cause of each 5xx or hang. */
function violationLogsOf(cluster: Cluster, requestIds: string[]): Record<string, string[]> {
  if (requestIds.length === 0) return {};
  return Object.fromEntries(
    cluster.apps
      .map((a) => [
        a.name,
        (a.errorLines ?? []).filter((l) => requestIds.some((id) => l.includes(id))).slice(0, 20),
      ])
      .filter(([, lines]) => lines.length > 0),
  ) as Record<string, string[]>;
}

/**
 * Where events not yet delivered are (`user.created <id>` / `database.created <id>` keys): still
 * in their service's outbox, published but without deliveries (the webhooks feed), or delivery
 * rows by status, attempts and lease. A drain that takes long says here what it waits for.
 */
async function whereAre(cluster: Cluster, keys: string[]): Promise<Record<string, unknown>> {
  const idsOf = (type: string) =>
    keys.filter((k) => k.startsWith(`${type} `)).map((k) => k.slice(type.length + 1));
  const outbox = async (db: string, type: string) =>
    query<{ unpublished: string; published: string; oldest_unpublished: string | null }>(
      cluster,
      db,
      `select count(*) filter (where published_at is null) as unpublished,
              count(*) filter (where published_at is not null) as published,
              min(time) filter (where published_at is null) as oldest_unpublished
         from outbox_events where type = $1 and data->>'id' = any($2::text[])`,
      [type, idsOf(type)],
    );
  const ids = [...idsOf('user.created'), ...idsOf('database.created')];
  const deliveries = await query<Record<string, unknown>>(
    cluster,
    'webhooks',
    `select d.status, d.attempts, d.leased_until > now() as leased,
            round(extract(epoch from d.next_attempt_at - now())) as due_in_s,
            left(d.last_error, 120) as last_error, count(*) as n
       from webhook_deliveries d
      where d.body::jsonb->'data'->>'id' = any($1::text[])
      group by 1, 2, 3, 4, 5 order by n desc limit 20`,
    [ids],
  );
  return {
    events: keys.length,
    usersOutbox: await outbox('users', 'user.created'),
    licensingOutbox: await outbox('licensing', 'database.created'),
    deliveries,
  };
}

/** Accepted writes not in their service's database. */
async function missingWritesOf(cluster: Cluster, load: Load): Promise<string[]> {
  const url = (db: string) => cluster.pg.adminUrl.replace(/\/postgres$/, `/${db}`);
  const ids = async (db: string, table: string): Promise<Set<string>> => {
    const client = new Client({ connectionString: url(db) });
    await client.connect();
    try {
      const rows = await client.query<{ id: string }>(`select id from ${table}`);
      return new Set(rows.rows.map((r) => r.id));
    } finally {
      await client.end();
    }
  };
  const users = await ids('users', 'users');
  const databases = await ids('licensing', 'databases');
  return [
    ...load.accepted.users.filter((id) => !users.has(id)).map((id) => `user ${id}`),
    ...load.accepted.databases.filter((d) => !databases.has(d.id)).map((d) => `database ${d.id}`),
  ];
}

/**
 * A consumer's view of the accepted writes: authorizations keeps every database licensing
 * announced (`database.created`, its `known_databases` projection) under the right entity; one
 * missing or filed under another entity is an event its consumer group lost or garbled.
 */
async function projectionGapsOf(cluster: Cluster, load: Load): Promise<string[]> {
  const known = await query<{ id: string; entity_id: string }>(
    cluster,
    'authorizations',
    'select id, entity_id from known_databases where id = any($1::text[])',
    [load.accepted.databases.map((d) => d.id)],
  );
  const entityOf = new Map(known.map((r) => [r.id, r.entity_id]));
  return load.accepted.databases
    .filter((d) => entityOf.get(d.id) !== d.entity)
    .map((d) => `database ${d.id}: ${entityOf.get(d.id) ?? 'missing'} in authorizations`);
}

async function query<T extends object>(
  cluster: Cluster,
  db: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({
    connectionString: cluster.pg.adminUrl.replace(/\/postgres$/, `/${db}`),
  });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The audit trail against the accepted writes: each one's `user.created` / `database.created`
 * recorded (not lost by a consumer killed mid-batch), and no event recorded twice — as two rows
 * for one resource, which the unique event id alone would not catch if the event were
 * published again under a new id.
 */
async function auditOf(
  cluster: Cluster,
  load: Load,
): Promise<{ missing: string[]; recordedTwice: string[] }> {
  const rows = await query<{ type: string; id: string; n: number }>(
    cluster,
    'audit',
    `SELECT type, data::jsonb->>'id' AS id, count(*)::int AS n FROM audit_records
      WHERE type IN ('user.created', 'database.created') GROUP BY 1, 2`,
  );
  const recorded = new Map(rows.map((r) => [`${r.type} ${r.id}`, r.n]));
  const expected = [
    ...load.accepted.users.map((id) => `user.created ${id}`),
    ...load.accepted.databases.map((d) => `database.created ${d.id}`),
  ];
  return {
    missing: expected.filter((k) => !recorded.has(k)),
    recordedTwice: [...recorded].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`),
  };
}

/** Events a service's consumer gave up on (libs/messaging's dead_letters), per database. */
async function deadLettersOf(cluster: Cluster): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const db of CONSUMER_GROUPS) {
    const [row] = await query<{ n: number }>(
      cluster,
      db,
      'SELECT count(*)::int AS n FROM dead_letters',
    ).catch(() => [{ n: 0 }]); // a service without consumers has no such table
    if (row && row.n > 0) found[db] = row.n;
  }
  return found;
}

/** Revoked tokens that a gateway still accepts. */
async function brokenRevocations(cluster: Cluster, tokens: string[]): Promise<string[]> {
  const broken: string[] = [];
  for (const token of tokens)
    for (const g of cluster.gateways) {
      const res = await fetch(`${g.url}/usuarios/v0.1/api/usuarios?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 401) broken.push(`${g.name}: ${res.status} for a revoked token`);
    }
  return broken;
}

/**
 * Polls the groups' lag until none is behind (events produced by the checks themselves, such as
 * the gateways' security decisions, are still being consumed right after them) or `limitMs`.
 */
async function caughtUp(
  brokers: string[],
  limitMs: number,
): Promise<{ group: string; topic: string; lag: number }[] | { error: string }> {
  const started = Date.now();
  for (;;) {
    const lag = await consumerLag(brokers).catch((e: unknown) => ({ error: String(e) }));
    if ('error' in lag || lag.every((l) => l.lag === 0) || Date.now() - started > limitMs)
      return lag;
    await sleep(1_000);
  }
}

/** The services' consumer groups (libs/messaging: the group id is the service's name). */
const CONSUMER_GROUPS = [
  'oauth',
  'authorizations',
  'licensing',
  'users',
  'notifications',
  'webhooks',
  'audit',
  'portal',
];

/**
 * Each service group's committed offsets against the end of every partition of the topics it
 * has committed on (the mock broker lists no groups, so the groups are named). A partition the
 * group never committed on is not counted: the group may not read that topic.
 */
async function consumerLag(
  brokers: string[],
): Promise<{ group: string; topic: string; lag: number }[]> {
  const admin = new Kafka({ clientId: 'chaos-check', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    const ends = new Map(
      await Promise.all(topics.map(async (t) => [t, await admin.fetchTopicOffsets(t)] as const)),
    );
    const result: { group: string; topic: string; lag: number }[] = [];
    for (const groupId of CONSUMER_GROUPS) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        const committed = partitions.filter((p) => Number(p.offset) >= 0);
        if (committed.length === 0) continue;
        let lag = 0;
        for (const p of committed) {
          const end = Number(ends.get(topic)?.find((e) => e.partition === p.partition)?.high ?? 0);
          lag += Math.max(0, end - Number(p.offset));
        }
        result.push({ group: groupId, topic, lag });
      }
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

function writeReport(report: Record<string, unknown>): void {
  const dir = join(root, 'reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`chaos report (${file}):\n${JSON.stringify(report, null, 2)}\n`);
}
