import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOT_LIMIT_MS,
  BUILD_LIMIT_MS,
  bootSummary,
  launch,
  makeDataDir,
  platformEnv,
  removeDataDir,
  root,
  type Run,
  stop,
  tokenRequest,
  untilReady,
} from '../../platform/launcher';
import {
  credentials,
  hostileBody,
  hostileHeaders,
  hostileForm,
  pathSegment,
  queryString,
  type Credentials,
  type HostileBody,
} from './hostile';
import { operationsOf, type Operation } from './operations';
import { send, type Outcome, type RawRequest } from './send';

/*
 * `npm run test:fuzz`: every operation of `npm start`'s composed `/docs/openapi.json` gets
 * generated hostile input — wrong types, missing and extra fields, huge and unicode strings, NUL
 * bytes, deep nesting, prototype-pollution keys, malformed JSON, wrong content types, path and
 * query parameters of every shape — as the platform administrator, unauthenticated and with
 * malformed credentials; the OAuth form endpoints get malformed forms and credentials.
 * Zero 5xx, no crashed process, every answer within FUZZ_TIMEOUT_MS. A failing case is shrunk
 * by fast-check and printed with the seed that replays it (FUZZ_SEED).
 *
 * FUZZ_RUNS (cases per operation, default 60), FUZZ_SEED, FUZZ_TIMEOUT_MS (default 10000),
 * FUZZ_ONLY (a substring of "METHOD /path" to fuzz only matching operations).
 */

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : Date.now() % 2 ** 31;
const TIMEOUT_MS = Number(process.env['FUZZ_TIMEOUT_MS'] ?? 10_000);
const ONLY = process.env['FUZZ_ONLY'];
/**
 * The fuzzer's failed sign-ins must not throttle (oauth counts failures per source address) the
 * administrator's token requests, which come from 127.0.0.1.
 */
const FUZZ_SOURCE = '127.0.0.2';
const BOOTSTRAP = { id: 'fuzz-platform-admin', secret: 'fuzz-bootstrap-secret-0123456789abcdef' };
const FORM_FIELDS = [
  'grant_type',
  'scope',
  'client_id',
  'client_secret',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'token',
  'token_type_hint',
];

const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/g;
/** Node's largest request head: a server may drop the connection of a bigger one unanswered. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Past the platform's body limits, a server may answer 413 and close before reading it all. */
const MAX_BODY_BYTES = 1024 * 1024;

interface Case {
  path: string[];
  query: string;
  body: HostileBody | undefined;
  who: Credentials;
  extra: Record<string, string>;
}

interface Failure {
  operation: string;
  request: RawRequest;
  outcome: Outcome;
  seed: number;
  counterexamplePath?: string;
}

describe('fuzzing every operation of the composed OpenAPI document (`npm start`)', () => {
  const dataDir = makeDataDir('platform-fuzz-');
  let run: Run | undefined;
  let gateway: URL;
  let operations: Operation[];
  let adminToken = '';
  let scopes = '';

  async function refreshAdminToken(): Promise<void> {
    const res = await tokenRequest(gateway.origin, BOOTSTRAP, {
      grant_type: 'client_credentials',
      scope: scopes,
    });
    if (res.status !== 200) throw new Error(`admin token: ${res.status} ${await res.text()}`);
    adminToken = ((await res.json()) as { access_token: string }).access_token;
  }

  beforeAll(async () => {
    const launched = await platformEnv(dataDir, {
      BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      // The fuzzer is one client sending thousands of requests: rate limits are not under test.
      RATE_LIMIT_DEFAULT: '1000000/60s',
    });
    gateway = new URL(launched.gateway);
    run = launch({ ...launched.env, PUBLIC_URL: launched.gateway });
    const readyMs = await untilReady(launched.gateway, run);
    process.stdout.write(`fuzz: platform ready in ${readyMs} ms [${bootSummary(run)}]\n`);
    const doc = (await (await fetch(`${launched.gateway}/docs/openapi.json`)).json()) as Record<
      string,
      unknown
    >;
    operations = operationsOf(doc).filter(
      (op) => !ONLY || `${op.method} ${op.template}`.includes(ONLY),
    );
    scopes = scopesOf(doc).join(' ');
    const forms = operations.filter((op) => op.formFields.length > 0);
    process.stdout.write(
      `fuzz: ${operations.length} operations; form bodies (malformed forms and credentials): ${forms.map((op) => `${op.method} ${op.template}`).join(', ')}\n`,
    );
    await refreshAdminToken();
  }, BUILD_LIMIT_MS + BOOT_LIMIT_MS);

  afterAll(async () => {
    if (run && run.child.exitCode === null) await stop(run);
    removeDataDir(dataDir);
  });

  function toRequest(op: Operation, c: Case): RawRequest {
    let i = 0;
    const path = op.template.replace(/\{[^}]+\}/g, () => c.path[i++] ?? 'x') + c.query;
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(c.extra))
      headers[name] = value.replace(NOT_IN_HEADER, '');
    if (c.who.kind === 'admin') headers['authorization'] = `Bearer ${adminToken}`;
    // Only what can go on the wire in a header (Node refuses the rest before sending).
    if (c.who.kind === 'header') headers['authorization'] = c.who.value.replace(NOT_IN_HEADER, '');
    if (c.body?.contentType !== undefined) headers['content-type'] = c.body.contentType;
    return { method: op.method, path, headers, body: c.body?.text };
  }

  function caseOf(op: Operation): fc.Arbitrary<Case> {
    const isForm = op.formFields.length > 0;
    return fc.record({
      path: fc.array(pathSegment, {
        minLength: op.pathParams.length,
        maxLength: op.pathParams.length,
      }),
      query: queryString(op.queryParams),
      body: isForm
        ? hostileForm([...new Set([...op.formFields, ...FORM_FIELDS])])
        : op.hasBody || op.method !== 'GET'
          ? hostileBody(op.bodyFields)
          : fc.constant(undefined),
      who: credentials,
      extra: hostileHeaders,
    });
  }

  const acceptable = (r: RawRequest, o: Outcome): boolean => {
    if (o.kind === 'unsendable') return true;
    if (o.kind === 'answered') return o.status < 500 && o.ms <= TIMEOUT_MS;
    if (o.kind === 'connection-error') return oversized(r);
    return false;
  };

  it(
    'answers every hostile request with a 4xx (or a success), in time, and stays up',
    async () => {
      const failures: Failure[] = [];
      let requests = 0;
      const statuses: Record<string, number> = {};
      const started = Date.now();
      for (const [index, op] of operations.entries()) {
        const name = `${op.method} ${op.template}`;
        const seed = SEED + index;
        await refreshAdminToken(); // an earlier operation may have revoked it
        let last: { request: RawRequest; outcome: Outcome } | undefined;
        const details = await fc.check(
          fc.asyncProperty(caseOf(op), async (c) => {
            const request = toRequest(op, c);
            const outcome = await send(gateway, request, TIMEOUT_MS, FUZZ_SOURCE);
            requests++;
            const key = outcome.kind === 'answered' ? String(outcome.status) : outcome.kind;
            statuses[key] = (statuses[key] ?? 0) + 1;
            if (process.env['FUZZ_DEBUG'] === key)
              process.stdout.write(
                `${key}: path ${request.path.length}, auth ${request.headers['authorization']?.length}, body ${request.body?.length}\n`,
              );
            const ok = acceptable(request, outcome);
            if (!ok) last = { request, outcome };
            return ok;
          }),
          { numRuns: RUNS, seed, endOnFailure: false, maxSkipsPerRun: 100 },
        );
        if (details.failed && !last) {
          throw new Error(`fuzzer error on ${name}: ${fc.defaultReportMessage(details)}`);
        }
        if (details.failed && last) {
          // `last` is the shrunk counterexample: fast-check replays smaller cases until none fails.
          failures.push({
            operation: name,
            ...last,
            seed,
            counterexamplePath: details.counterexamplePath ?? undefined,
          });
          process.stdout.write(
            `fuzz: ${name} FAILED\n${describeFailure(failures.at(-1) as Failure)}\n`,
          );
        }
        if (run?.child.exitCode !== null) break; // the platform crashed: nothing more to learn
      }
      const alive = run?.child.exitCode === null;
      const ready =
        alive &&
        (await fetch(`${gateway.origin}/health/ready`).then(
          (r) => r.status,
          () => 0,
        ));
      const report = {
        suite: 'fuzz',
        seed: SEED,
        runsPerOperation: RUNS,
        operations: operations.length,
        requests,
        statuses,
        seconds: Math.round((Date.now() - started) / 1000),
        platformAlive: alive,
        readyAfter: ready,
        failures: failures.map((f) => ({
          ...f,
          request: { ...f.request, body: f.request.body?.slice(0, 2_000) },
        })),
      };
      writeReport(report);
      process.stdout.write(
        `fuzz: ${operations.length} operations, ${requests} requests in ${report.seconds} s (seed ${SEED}, ${RUNS} runs each): ${failures.length} failing operation(s); platform ${alive ? 'up' : 'CRASHED'}; answers ${JSON.stringify(statuses)}\n`,
      );
      if (!alive) process.stdout.write(`platform output:\n${run?.output().slice(-5_000)}\n`);
      expect(failures.map((f) => `${f.operation}: ${summary(f.outcome)}`)).toEqual([]);
      expect(alive).toBe(true);
      expect(ready).toBe(200);
    },
    // Generous: the budget is FUZZ_RUNS; this only stops a wedged run.
    60 * 60_000,
  );
});

function oversized(r: RawRequest): boolean {
  const head =
    r.path.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
  return head > MAX_HEAD_BYTES || Buffer.byteLength(r.body ?? '') > MAX_BODY_BYTES;
}

function scopesOf(doc: Record<string, unknown>): string[] {
  const schemes = ((doc['components'] as Record<string, unknown> | undefined)?.[
    'securitySchemes'
  ] ?? {}) as Record<string, { flows?: Record<string, { scopes?: Record<string, string> }> }>;
  const all = new Set<string>();
  for (const scheme of Object.values(schemes))
    for (const flow of Object.values(scheme.flows ?? {}))
      for (const s of Object.keys(flow.scopes ?? {})) all.add(s);
  for (const oidc of ['openid', 'profile', 'email']) all.delete(oidc); // user sign-in only
  return [...all].sort();
}

function summary(o: Outcome): string {
  if (o.kind === 'answered') return `${o.status} in ${o.ms} ms ${o.body.slice(0, 300)}`;
  if (o.kind === 'timeout') return `no answer within ${o.ms} ms`;
  if (o.kind === 'connection-error') return `connection error after ${o.ms} ms: ${o.message}`;
  return o.message;
}

function describeFailure(f: Failure): string {
  const body = f.request.body;
  return [
    `  ${f.request.method} ${truncate(f.request.path)}`,
    ...Object.entries(f.request.headers).map(
      ([k, v]) =>
        `  ${k}: ${k === 'authorization' && v.startsWith('Bearer ey') ? 'Bearer <admin token>' : truncate(v)}`,
    ),
    body === undefined ? '  (no body)' : `  body (${body.length} chars): ${truncate(body)}`,
    `  => ${summary(f.outcome)}`,
    `  replay: FUZZ_SEED=${f.seed} FUZZ_ONLY='${f.operation}' (seed of this operation)`,
  ].join('\n');
}

function truncate(text: string): string {
  return text.length > 300
    ? `${JSON.stringify(text.slice(0, 300))}… (${text.length} chars)`
    : JSON.stringify(text);
}

function writeReport(report: object): void {
  const dir = join(root, 'reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`fuzz: report kept at ${file}\n`);
}
