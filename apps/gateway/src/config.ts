import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { LogLevel } from '@platform/config';
import type { ServiceName, UpstreamName } from './routing/route-table';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const brokerList = /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/;
const serviceUrl = { message: '$property must be an http(s) URL' };
const trimSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

export const MIB = 1024 * 1024;

const postgresUrl = /^postgres(ql)?:\/\/.+/;
/** `scheme://host[:port]`, no path: what a browser sends as `Origin`. */
const originList = /^https?:\/\/[^\s/,]+(,https?:\/\/[^\s/,]+)*$/;

/**
 * The gateway's environment. Not a `ServiceEnv`: it verifies no assertions (it signs them, with
 * ASSERTION_PRIVATE_KEY), and its database holds only the outbox of its refusals (ADR 0013), so
 * it is optional outside production. It offers what the shared persistence and messaging
 * libraries read from a `ServiceEnv` (DATABASE_URL, kafkaBrokers, KAFKA_GROUP_ID).
 */
export class GatewayEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /**
   * Where the gateway serves its own `/metrics`: a listener apart from PORT, which is public.
   * 0 takes any free port (logged). METRICS_HOST is loopback by default; give the address
   * Prometheus reaches (e.g. 0.0.0.0 in a container) and keep the port off the internet.
   */
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 9464;

  @IsString()
  METRICS_HOST: string = '127.0.0.1';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @Transform(trimSlash)
  PUBLIC_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** PEM (PKCS#8) Ed25519 key that signs the assertions sent to services; `\n` may be escaped. */
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'ASSERTION_PRIVATE_KEY must be a PEM private key',
  })
  ASSERTION_PRIVATE_KEY!: string;

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  OAUTH_URL: string = 'http://127.0.0.1:3001';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  AUTHORIZATIONS_URL: string = 'http://127.0.0.1:3002';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  LICENSING_URL: string = 'http://127.0.0.1:3003';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  USERS_URL: string = 'http://127.0.0.1:3004';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  NOTIFICATIONS_URL: string = 'http://127.0.0.1:3005';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  WEBHOOKS_URL: string = 'http://127.0.0.1:3006';

  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  AUDIT_URL: string = 'http://127.0.0.1:3007';

  /** The portal's backend-for-frontend (spec §8), served at /portal. */
  @Matches(/^https?:\/\/.+/, serviceUrl)
  @Transform(trimSlash)
  PORTAL_URL: string = 'http://127.0.0.1:3008';

  /** Largest request body forwarded, in bytes; photo uploads have their own, larger limit. */
  @IsInt()
  @Min(1024)
  @Max(100 * MIB)
  BODY_LIMIT_BYTES: number = MIB;

  /** `002_*` user photos: PUT /usuarios/v0.1/api/usuarios/{id}/photo. */
  @IsInt()
  @Min(1024)
  @Max(100 * MIB)
  PHOTO_BODY_LIMIT_BYTES: number = 5 * MIB;

  /** How long a service may take to accept a connection and to send its response headers. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  UPSTREAM_TIMEOUT_MS: number = 30_000;

  /**
   * For a request that accepts `text/event-stream` (an SSE stream): the longest silence from the
   * service before the gateway gives the stream up. Services send heartbeat comments well within
   * it (notifications: every 15 s); ordinary responses keep UPSTREAM_TIMEOUT_MS.
   */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  STREAM_IDLE_TIMEOUT_MS: number = 120_000;

  /**
   * The gateway's own database: the outbox its refusals (`security.decision`) are written to in
   * small batches, so a crash loses at most one batch interval. Required in production.
   */
  @ValidateIf((env: GatewayEnv) => env.NODE_ENV === 'production' || env.DATABASE_URL !== undefined)
  @Matches(postgresUrl, {
    message:
      'DATABASE_URL must be a postgres:// URL (required in production: refusals are kept there)',
  })
  DATABASE_URL?: string;

  /**
   * Web origins allowed to call the APIs from a browser (CORS) besides PUBLIC_URL's and those of
   * the registered browser clients' redirect URIs, e.g. a development server.
   */
  @IsOptional()
  @Matches(originList, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com',
  })
  CORS_ORIGINS?: string;

  /** Where events go: Kafka, or (absent, under npm start) the in-process bus. */
  @IsOptional()
  @Matches(brokerList, { message: 'KAFKA_BROKERS must be comma-separated host:port pairs' })
  KAFKA_BROKERS?: string;

  /** Longest empty fetch of a consumer; also read by the revocation feed (GatewayAuthEnv). */
  @IsInt()
  @Min(10)
  @Max(1000)
  KAFKA_MAX_WAIT_MS: number = 100;

  /** The gateway consumes no group events (its revocation feed has a group per instance). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
    message: 'KAFKA_GROUP_ID must be 1-200 letters, digits, dots, dashes or underscores',
  })
  KAFKA_GROUP_ID?: string;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : [];
  }

  publicUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  /** CORS_ORIGINS as browsers spell origins (lower-case host, no default port). */
  corsOrigins(): string[] {
    return this.CORS_ORIGINS ? this.CORS_ORIGINS.split(',').map((o) => new URL(o).origin) : [];
  }

  serviceUrls(): Record<ServiceName, string> {
    return {
      oauth: this.OAUTH_URL,
      authorizations: this.AUTHORIZATIONS_URL,
      licensing: this.LICENSING_URL,
      users: this.USERS_URL,
      notifications: this.NOTIFICATIONS_URL,
      webhooks: this.WEBHOOKS_URL,
      audit: this.AUDIT_URL,
    };
  }

  /** Every upstream a route may lead to: the API services and the portal. */
  upstreamUrls(): Record<UpstreamName, string> {
    return { ...this.serviceUrls(), portal: this.PORTAL_URL };
  }
}
