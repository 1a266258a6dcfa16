import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const brokerList = /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/;

/** What DATABASE_URL must look like (ServiceEnv, GatewayEnv). */
export const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;

/** An http(s) URL (the gateway's upstreams, oauth's JWKS). */
export const HTTP_URL = /^https?:\/\/.+/;

/** Drops the trailing slashes of a URL given in the environment. */
export const trimSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

/**
 * What every app reads from its environment, the gateway included: how it listens, logs, reaches
 * Kafka and (where it has one) its database. `ServiceEnv` (the services) and `GatewayEnv` extend
 * it; `ConfigModule` and the gateway's config module offer the app's config under this class too,
 * which is what the shared libraries (logger, `listen`, persistence, messaging) read.
 */
export class BaseEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @Transform(trimSlash)
  PUBLIC_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * The app's database. Required of a service (ServiceEnv); the gateway's holds only its outbox
   * and is optional outside production (GatewayEnv). Each subclass validates it.
   */
  declare DATABASE_URL?: string;

  /** Comma-separated host:port. Absent means the in-process bus, which only `npm start` provides. */
  @IsOptional()
  @Matches(brokerList, { message: 'KAFKA_BROKERS must be comma-separated host:port pairs' })
  KAFKA_BROKERS?: string;

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

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : [];
  }

  /** Proxies whose `X-Forwarded-For` is believed: none here (the gateway is the edge). */
  get trustedProxies(): string[] {
    return [];
  }

  publicUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }
}
