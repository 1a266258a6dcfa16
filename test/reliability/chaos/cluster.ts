import { generateAssertionKeys } from '@platform/auth';
import { ensureDatabase, freePorts } from '@platform/persistence';
import { startMockBroker, type MockBroker } from '@platform/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import platformApps from '../../../tools/launcher/services.json';

/*
 * The platform as production runs it, on one machine: every app its own process (the compiled
 * dist/apps/<app>/main.js), events over Kafka (librdkafka's mock broker through kcat), a real
 * Postgres of its own (embedded, so the suite may restart it without touching the shared one),
 * a Redis of its own for the gateways' rate limits, two gateways and two webhooks instances.
 * Each piece can be SIGKILLed, paused or stopped, and started again on the same port.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SERVICE_NAMES = platformApps.services.map((s) => s.name);
type ServiceName = string;

export const BOOTSTRAP = {
  id: 'chaos-platform-admin',
  secret: 'chaos-bootstrap-secret-0123456789abcdef',
};

export interface AppProcess {
  /** e.g. `gateway-1`, `webhooks-2`, `oauth`. */
  name: string;
  app: string;
  port: number;
  url: string;
  /** Its Prometheus `/metrics` (a gateway serves them on a loopback port of their own). */
  metricsUrl: string;
  child?: ChildProcess;
  log: string[];
  /** Its error and fatal lines (pino levels 50, 60), the last 5,000: matched to 5xx answers by request id. */
  errorLines?: string[];
  env: Record<string, string>;
}

export class Cluster {
  readonly apps: AppProcess[] = [];
  private redisChild?: ChildProcess;

  private constructor(
    readonly dataDir: string,
    readonly broker: MockBroker,
    public pg: PostgresProcess,
    readonly redisPort: number,
  ) {}

  get gateways(): AppProcess[] {
    return this.apps.filter((a) => a.app === 'gateway');
  }

  app(name: string): AppProcess {
    const found = this.apps.find((a) => a.name === name);
    if (!found) throw new Error(`no app ${name}`);
    return found;
  }

  static async start(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Cluster> {
    const ports = await freePorts(SERVICE_NAMES.length + 7);
    const [pgPort, redisPort, gw1, gw2, webhooks2, gwMetrics1, gwMetrics2, ...servicePorts] =
      ports as number[];
    const broker = await startMockBroker();
    const pg = await PostgresProcess.start(
      dataDir,
      pgPort as number,
      randomBytes(12).toString('hex'),
    ).catch(async (e: unknown) => {
      await broker.stop();
      throw e;
    });
    const cluster = new Cluster(dataDir, broker, pg, redisPort as number);
    try {
      await cluster.boot(
        [gw1 as number, gw2 as number],
        [gwMetrics1 as number, gwMetrics2 as number],
        webhooks2 as number,
        servicePorts,
        extraEnv,
      );
    } catch (e) {
      await cluster.stop(); // a half-started cluster must not outlive the suite
      throw e;
    }
    return cluster;
  }

  private async boot(
    [gw1, gw2]: number[],
    gatewayMetricsPorts: number[],
    webhooks2: number,
    servicePorts: number[],
    extraEnv: Record<string, string>,
  ): Promise<void> {
    const { broker, pg, redisPort } = this;
    await this.startRedis();

    const portOf = Object.fromEntries(
      SERVICE_NAMES.map((s, i) => [s, servicePorts[i] as number]),
    ) as Record<ServiceName, number>;
    const urls: Record<string, string> = Object.fromEntries(
      SERVICE_NAMES.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${portOf[s]}`]),
    );
    urls['GATEWAY_URL'] = `http://127.0.0.1:${gw1}`;
    const publicUrl = `http://127.0.0.1:${gw1}`;
    const assertion = generateAssertionKeys();
    const secrets = {
      oauthKey: randomBytes(32).toString('base64'),
      webhooksKey: randomBytes(32).toString('base64'),
      auditKey: randomBytes(32).toString('base64'),
      portalSecret: randomBytes(24).toString('hex'),
      portalSession: randomBytes(32).toString('base64'),
    };
    const common: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: broker.brokers.join(','),
      PUBLIC_URL: publicUrl,
      ASSERTION_PUBLIC_KEY: assertion.publicKey,
      ...urls,
      ...extraEnv,
    };
    const databaseUrl = async (name: string) => ensureDatabase(pg.adminUrl, name);

    for (const s of SERVICE_NAMES) {
      const env: Record<string, string> = {
        ...common,
        PORT: String(portOf[s]),
        HOST: '127.0.0.1',
        DATABASE_URL: await databaseUrl(s),
      };
      if (s === 'oauth') {
        Object.assign(env, {
          ASSERTION_PRIVATE_KEY: assertion.privateKey,
          OAUTH_KEY_ENCRYPTION_KEY: secrets.oauthKey,
        });
      }
      if (s === 'oauth' || s === 'users')
        Object.assign(env, {
          BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
          BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
        });
      if (s === 'oauth' || s === 'portal')
        Object.assign(env, {
          PORTAL_CLIENT_ID: 'platform-portal',
          PORTAL_CLIENT_SECRET: secrets.portalSecret,
        });
      if (s === 'portal') env['PORTAL_SESSION_KEY'] = secrets.portalSession;
      if (s === 'webhooks')
        Object.assign(env, {
          WEBHOOKS_ENCRYPTION_KEY: secrets.webhooksKey,
          // Receivers are on loopback over plain HTTP; retries come quickly so the run can drain.
          WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
          WEBHOOKS_ALLOW_HTTP: 'true',
          WEBHOOKS_RETRY_SCHEDULE:
            process.env['CHAOS_RETRY_SCHEDULE'] ?? '1s,2s,4s,8s,8s,8s,8s,8s,8s,8s,8s,8s,8s,8s',
        });
      if (s === 'audit') env['AUDIT_CHAIN_KEY'] = secrets.auditKey;
      this.apps.push({
        name: s,
        app: s,
        port: portOf[s],
        url: `http://127.0.0.1:${portOf[s]}`,
        metricsUrl: `http://127.0.0.1:${portOf[s]}/metrics`,
        log: [],
        env,
      });
    }
    const webhooks1 = this.app('webhooks');
    webhooks1.name = 'webhooks-1';
    this.apps.push({
      ...webhooks1,
      name: 'webhooks-2',
      port: webhooks2 as number,
      url: `http://127.0.0.1:${webhooks2}`,
      metricsUrl: `http://127.0.0.1:${webhooks2}/metrics`,
      log: [],
      env: { ...webhooks1.env, PORT: String(webhooks2) },
    });
    const gatewayDb = await databaseUrl('gateway');
    for (const [i, port] of [gw1, gw2].entries()) {
      this.apps.push({
        name: `gateway-${i + 1}`,
        app: 'gateway',
        port: port as number,
        url: `http://127.0.0.1:${port}`,
        metricsUrl: `http://127.0.0.1:${gatewayMetricsPorts[i] as number}/metrics`,
        log: [],
        env: {
          ...common,
          PORT: String(port),
          // Each gateway its own metrics port (the default 9464 would collide between the two).
          METRICS_PORT: String(gatewayMetricsPorts[i] as number),
          DATABASE_URL: gatewayDb,
          ASSERTION_PRIVATE_KEY: assertion.privateKey,
          REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        },
      });
    }
    // Services first (oauth's keys, the others' migrations), then the gateways that front them.
    await Promise.all(this.apps.filter((a) => a.app !== 'gateway').map((a) => this.startApp(a)));
    await Promise.all(this.gateways.map((a) => this.startApp(a)));
  }

  /**
   * Starts (or restarts) one app and resolves once its /health/ready answers 200, within
   * CHAOS_BOOT_TIMEOUT_S (90; a few seconds on an idle 2-core machine, far more on a busy one).
   */
  async startApp(
    a: AppProcess,
    timeoutMs = Number(process.env['CHAOS_BOOT_TIMEOUT_S'] ?? 90) * 1000,
  ): Promise<number> {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', a.app, 'main.js')], {
      cwd: ROOT,
      env: a.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    a.child = child;
    const errorLines = (a.errorLines ??= []);
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      a.log.push(text);
      if (a.log.length > 300) a.log.shift();
      for (const line of text.split('\n'))
        if (/"level":(50|60)\b/.test(line)) errorLines.push(line.slice(0, 4_000));
      if (errorLines.length > 5_000) errorLines.splice(0, errorLines.length - 5_000);
      if (process.env['CHAOS_VERBOSE']) process.stderr.write(`[${a.name}] ${chunk.toString()}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null)
        throw new Error(`${a.name} exited ${child.exitCode}:\n${a.log.join('').slice(-3000)}`);
      const status = await fetch(`${a.url}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${a.name} not ready within ${timeoutMs} ms:\n${a.log.join('').slice(-3000)}`);
  }

  /** SIGKILL: no shutdown hook runs, as when the machine loses the process. */
  kill(a: AppProcess): Promise<void> {
    const child = a.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  async restartPostgres(): Promise<void> {
    await this.pg.stop();
    this.pg = await PostgresProcess.start(this.dataDir, this.pg.port, this.pg.password);
  }

  async startRedis(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.redisChild = child;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
      child.stdout?.on('data', (c: Buffer) => {
        if (c.toString().includes('Ready to accept connections')) resolve();
      });
    });
    child.removeAllListeners('exit');
  }

  stopRedis(): Promise<void> {
    const child = this.redisChild;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
      child.stdout?.destroy();
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((a) => this.kill(a)));
    await this.stopRedis();
    await this.broker.stop();
    await this.pg.stop();
  }
}

/** The suite's own Postgres server (embedded-postgres.mjs), stoppable and restartable. */
class PostgresProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly adminUrl: string,
    readonly port: number,
    readonly password: string,
  ) {}

  static async start(dataDir: string, port: number, password: string): Promise<PostgresProcess> {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'embedded-postgres.mjs'), dataDir, String(port), password],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const adminUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`postgres did not start: ${output}`)),
        120_000,
      );
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      child.stdout?.on('data', (c: Buffer) => {
        output += c.toString();
        const m = /ready (\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited ${code}: ${output}`));
      });
    });
    child.removeAllListeners('exit');
    return new PostgresProcess(child, adminUrl, port, password);
  }

  stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
}
