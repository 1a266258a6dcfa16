// What the webhooks benchmarks share: the loopback receiver, the bare undici POST loop they are
// compared with, and the phases ("at once", "steady") over any way of publishing events.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { percentile, sleep } from './stats.mjs';
import { root } from './platform.mjs';

const { request, Agent } = createRequire(join(root, 'package.json'))('undici');

export async function startReceiver() {
  const arrivals = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({
        at: performance.timeOrigin + performance.now(),
        id: req.headers['webhook-id'],
      });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    arrivals,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The reference: `n` POSTs with a fixed concurrency, nothing in between. */
export async function bareLoop(url, n, concurrency) {
  const agent = new Agent({ connections: concurrency });
  const body = JSON.stringify({
    id: randomUUID(),
    action: 'user.created',
    date: new Date().toISOString(),
    data: {},
  });
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const t = performance.now();
        const res = await request(url, {
          method: 'POST',
          body,
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
        });
        await res.body.dump();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { value: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A `user.created` event (envelope plus topic) with a fresh id and subject. */
export function userCreated(topic) {
  const data = {
    id: `u-${randomUUID()}`,
    name: 'Bench User',
    email: 'bench@example.com',
    status: 'active',
  };
  return {
    topic,
    id: randomUUID(),
    type: 'user.created',
    source: '/bench',
    time: new Date().toISOString(),
    subject: data.id,
    entity: 'ent-bench',
    data,
  };
}

/** Waits until every delivery of `sentAt`'s events arrived. */
async function arrivalsOf(receiver, sentAt, expected, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mine = receiver.arrivals.filter((a) => sentAt.has(a.id));
    if (mine.length >= expected) return mine;
    if (Date.now() > until)
      throw new Error(`only ${mine.length} of ${expected} deliveries arrived`);
    await sleep(10);
  }
}

const now = () => performance.timeOrigin + performance.now();

/** `n` events published 50 at a time as fast as `publish` takes them; deliveries/s until the last arrived. */
export async function atOnce({ publish, makeEvent, receiver, n, fanOut }) {
  receiver.arrivals.length = 0;
  const sentAt = new Map();
  const started = now();
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, makeEvent);
    for (const e of batch) sentAt.set(e.id, now());
    await publish(batch);
  }
  const mine = await arrivalsOf(receiver, sentAt, n * fanOut);
  const last = Math.max(...mine.map((a) => a.at));
  const latencies = mine.map((a) => a.at - sentAt.get(a.id));
  return {
    value: (n * fanOut) / ((last - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Events every 10 ms for `seconds`, so that deliveries/s = `rate`; latency from publish to arrival. */
export async function steady({ publish, makeEvent, receiver, rate, seconds, fanOut }) {
  receiver.arrivals.length = 0;
  const sentAt = new Map();
  const eventsPerSecond = rate / fanOut;
  const total = Math.round(eventsPerSecond * seconds);
  const started = performance.now();
  const publishing = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - started) / 1000) * eventsPerSecond) + 1,
    );
    if (due > sent) {
      const batch = Array.from({ length: due - sent }, makeEvent);
      for (const e of batch) sentAt.set(e.id, now());
      publishing.push(publish(batch));
      sent = due;
    }
    await sleep(10);
  }
  await Promise.all(publishing);
  const mine = await arrivalsOf(receiver, sentAt, total * fanOut);
  const latencies = mine.map((a) => a.at - sentAt.get(a.id));
  const elapsed = (Math.max(...mine.map((a) => a.at)) - (performance.timeOrigin + started)) / 1000;
  return {
    value: percentile(latencies, 99),
    rate: (total * fanOut) / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/**
 * Warm-up, then `rounds` interleaved rounds of: the bare loop, `deliveries` at once, and the steady
 * rate; the two result rows of the webhook targets.
 */
export async function measureWebhooks({
  mode,
  publish,
  makeEvent,
  receiver,
  events,
  fanOut,
  concurrency,
  rounds,
  steadyRate,
  say,
  cost,
}) {
  const { row, round, summarize } = await import('./stats.mjs');
  const deliveries = events * fanOut;
  say(`warm-up (${fanOut} subscriptions, ${mode})`);
  await bareLoop(receiver.url, 500, concurrency);
  await atOnce({ publish, makeEvent, receiver, n: Math.ceil(500 / fanOut), fanOut });
  const bare = [],
    burst = [],
    paced = [];
  for (let r = 1; r <= rounds; r++) {
    bare.push(await bareLoop(receiver.url, deliveries, concurrency));
    const before = await costNow(cost);
    burst.push(await atOnce({ publish, makeEvent, receiver, n: events, fanOut }));
    const spent = await costSince(cost, before, deliveries);
    paced.push(
      await steady({ publish, makeEvent, receiver, rate: steadyRate, seconds: 3, fanOut }),
    );
    const p = paced.at(-1);
    say(
      `round ${r}/${rounds}: bare loop ${bare.at(-1).value.toFixed(0)} POST/s; webhooks ${burst.at(-1).value.toFixed(0)} deliveries/s;` +
        ` at ${p.rate.toFixed(0)}/s p50 ${p.p50.toFixed(1)} ms p99 ${p.p99.toFixed(1)} ms${spent}`,
    );
  }
  const burstRow = row({
    scenario: `webhook deliveries, ${deliveries.toLocaleString('en-US')} at once (${events} events × ${fanOut} subscriptions), attempts recorded`,
    mode,
    unit: 'deliveries/s',
    ours: summarize(burst),
    reference: { name: `bare undici POST loop (${concurrency} connections)`, ...summarize(bare) },
    higherIsBetter: true,
    target: '≥ 3,000/s, ≥ 0.3× the loop',
  });
  burstRow.met = burstRow.ours.median >= 3000 && burstRow.ratio >= 0.3;
  const achieved = round(summarize(paced, (p) => p.rate).median, 0);
  const pacedRow = row({
    scenario: `webhook event-to-delivery latency at ${steadyRate} deliveries/s (achieved ${achieved}/s)`,
    mode,
    unit: 'ms',
    ours: summarize(paced),
    higherIsBetter: false,
    target: 'p99 ≤ 100 ms at 750/s',
  });
  pacedRow.met = pacedRow.ours.p99 <= 100 && steadyRate >= 750 && achieved >= steadyRate * 0.95;
  return [burstRow, pacedRow];
}

/**
 * What a burst cost, whatever the load (a loaded machine stretches the rates, not the work):
 * `cost()` gives CPU milliseconds of the webhooks process and commits of its database so far.
 * Postgres publishes a backend's counters within about a second, hence the pauses.
 */
async function costNow(cost) {
  if (!cost) return undefined;
  await sleep(1200);
  return cost();
}

async function costSince(cost, before, deliveries) {
  if (!cost || !before) return '';
  await sleep(1200);
  const after = await cost();
  const per = 1000 / deliveries;
  return (
    `; per 1,000 deliveries: ${((after.cpuMs - before.cpuMs) * per).toFixed(0)} ms CPU (${after.who}),` +
    ` ${((after.commits - before.commits) * per).toFixed(0)} commits`
  );
}

/** Commits so far of database `name` (pg_stat_database), through a short-lived connection. */
export async function commitsOf(pgUrl, name) {
  const { Client } = createRequire(join(root, 'package.json'))('pg');
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1',
      [name],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
