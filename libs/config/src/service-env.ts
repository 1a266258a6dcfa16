import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { IsProxyList, proxyList } from './trusted-proxies';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const postgresUrl = /^postgres(ql)?:\/\/.+/;
const brokerList = /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/;

/**
 * What every service reads from its environment. Each app extends it with its own keys and
 * validates it at boot with `loadConfig`, so a bad value stops the app naming the variable.
 */
export class ServiceEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(postgresUrl, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Comma-separated host:port. Absent means the in-process bus, which only `npm start` provides. */
  @IsOptional()
  @Matches(brokerList, { message: 'KAFKA_BROKERS must be comma-separated host:port pairs' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\/+$/, '') : value,
  )
  PUBLIC_URL?: string;

  /** PEM (SPKI) public key of the gateway's Ed25519 assertion key; `\n` may be escaped. */
  @Matches(/-----BEGIN PUBLIC KEY-----/, {
    message: 'ASSERTION_PUBLIC_KEY must be a PEM public key',
  })
  ASSERTION_PUBLIC_KEY!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * How long a kafkajs consumer may hold an empty fetch. Kafka's brokers answer as soon as data
   * arrives (fetch.min.bytes 1), so on Kafka this only sets how often an idle consumer asks again
   * (100 ms: at most 10 empty fetches a second per consumer). Brokers that hold the whole wait
   * even when data arrives (librdkafka's mock, which the tests use) add up to this much to an
   * event's latency; 500 (Kafka's own default) added up to half a second there (ADR 0025).
   */
  @IsInt()
  @Min(10)
  @Max(30000)
  KAFKA_MAX_WAIT_MS: number = 100;

  /**
   * The Kafka consumer group this service's instances share (default: the service's name). Two
   * deployments of one service on one cluster (a staging beside production, parallel test
   * suites) need different groups, or each takes the other's partitions and events.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
    message: 'KAFKA_GROUP_ID must be 1-200 letters, digits, dots, dashes or underscores',
  })
  KAFKA_GROUP_ID?: string;

  /**
   * `true`: apply pending migrations at boot, under an advisory lock. `false`: a deployment runs
   * them as their own step (`npm run migrate <app>`) and the app refuses to start while any is
   * pending, rather than run against a schema it does not know.
   */
  @IsIn(['true', 'false'], { message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN: 'true' | 'false' = 'true';

  get migrationsRun(): boolean {
    return this.MIGRATIONS_RUN === 'true';
  }

  /**
   * Addresses (IPs, CIDRs, or `loopback`, `linklocal`, `uniquelocal`) whose `X-Forwarded-For`
   * is believed: the gateway's. A request from anywhere else is taken at its socket address,
   * whatever headers it sends. Default: loopback, where `npm start` runs the gateway.
   */
  @IsProxyList()
  TRUSTED_PROXIES: string = 'loopback';

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : [];
  }

  get trustedProxies(): string[] {
    return proxyList(this.TRUSTED_PROXIES);
  }

  publicUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }
}
