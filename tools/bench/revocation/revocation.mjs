#!/usr/bin/env node
// Revocation propagation: under the platform as `npm start` runs it (one process, in-process bus),
// BENCH_REVOCATIONS (200) times: a fresh client-credentials token is accepted by the gateway, then
// RFC 7009 `POST /auth/oauth2/revoke` is sent, and the token is tried at the gateway back to back
// until the first 401. Reports revoke call → first 401 (p50/p99), and, as the reference measured in
// the same run, the revoke call's own round trip (the floor: no propagation can beat it).
import { emit, percentile, progress, row, summarize } from '../_lib/stats.mjs';
import { BOOTSTRAP, clientToken, startPlatform } from '../_lib/platform.mjs';

const N = Number(process.env.BENCH_REVOCATIONS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUTE = '/usuarios/v0.1/api/usuarios?limit=1';
const basic = `Basic ${Buffer.from(`${BOOTSTRAP.id}:${BOOTSTRAP.secret}`).toString('base64')}`;

const call = (gateway, token) =>
  fetch(`${gateway}${ROUTE}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

async function once(gateway) {
  const token = await clientToken(gateway, 'platform.admin');
  const before = await call(gateway, token);
  if (before !== 200) throw new Error(`a fresh token got ${before}`);
  const t0 = performance.now();
  const revoking = fetch(`${gateway}/auth/oauth2/revoke`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  }).then(async (r) => {
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`revoke: ${r.status}`);
    return performance.now() - t0;
  });
  // Back to back from the moment the revoke is sent: the first 401 is when the gateway knows.
  let refusedAt;
  while (refusedAt === undefined) {
    const status = await call(gateway, token);
    if (status === 401) refusedAt = performance.now() - t0;
    else if (status !== 200) throw new Error(`unexpected ${status}`);
    if (performance.now() - t0 > 5_000) throw new Error('still accepted 5 s after the revoke');
  }
  return { toRefusal: refusedAt, revokeCall: await revoking };
}

// The probing after each revoke is many requests of one client: above its default rate limit.
const p = await startPlatform({ RATE_LIMIT_DEFAULT: '1000000/60s' });
try {
  const perRound = Math.ceil(N / ROUNDS);
  for (let i = 0; i < 5; i++) await once(p.gateway); // warm-up
  const rounds = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const samples = [];
    for (let i = 0; i < perRound; i++) samples.push(await once(p.gateway));
    const ours = samples.map((s) => s.toRefusal);
    const ref = samples.map((s) => s.revokeCall);
    const after = samples.map((s) => Math.max(0, s.toRefusal - s.revokeCall));
    rounds.push({
      ours: {
        value: percentile(ours, 99),
        p50: percentile(ours, 50),
        p99: percentile(ours, 99),
        all: ours,
      },
      ref: { value: percentile(ref, 99), p50: percentile(ref, 50), p99: percentile(ref, 99) },
      after,
    });
    progress(
      'revocation',
      `round ${r}/${ROUNDS}: ${perRound} revocations, revoke → first 401 p50 ${percentile(ours, 50).toFixed(1)} ms p99 ${percentile(ours, 99).toFixed(1)} ms; revoke call alone p50 ${percentile(ref, 50).toFixed(1)} ms; after its answer p50 ${percentile(after, 50).toFixed(1)} ms p99 ${percentile(after, 99).toFixed(1)} ms`,
    );
  }
  const all = rounds.flatMap((r) => r.ours.all);
  const after = rounds.flatMap((r) => r.after);
  const ours = summarize(rounds.map((r) => r.ours));
  // The target is over all the revocations together, not the median of the rounds.
  ours.p50 = Math.round(percentile(all, 50) * 10) / 10;
  ours.p99 = Math.round(percentile(all, 99) * 10) / 10;
  emit([
    row({
      scenario:
        `revocation: revoke call → gateway's first 401 (${all.length} revocations; after the revoke answered:` +
        ` p50 ${percentile(after, 50).toFixed(1)} ms, p99 ${percentile(after, 99).toFixed(1)} ms)`,
      unit: 'ms',
      ours,
      reference: { name: 'the revoke call alone', ...summarize(rounds.map((r) => r.ref)) },
      higherIsBetter: false,
      target: 'p99 ≤ 50 ms',
      met: ours.p99 <= 50,
    }),
  ]);
} finally {
  await p.stop();
}
process.exit(0);
