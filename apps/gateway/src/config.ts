import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { BaseEnv, HTTP_URL, POSTGRES_URL, trimSlash } from '@platform/config';
import {
  IsPerClientPolicies,
  parsePerClientPolicies,
  parseRateLimitPolicy,
  type RateLimitPolicy,
} from './auth/rate-limit/rate-limit-policy';
import type { ServiceName, UpstreamName } from './routing/route-table';

const serviceUrl = { message: '$property must be an http(s) URL' };

export const MIB = 1024 * 1024;

/** `scheme://host[:port]`, no path: what a browser sends as `Origin`. */
const originList = /^https?:\/\/[^\s/,]+(,https?:\/\/[^\s/,]+)*$/;

/**
 * The gateway's environment: the keys every app reads (`BaseEnv`), offered under `BaseEnv` to the
 * shared libraries, and its own: routing, authentication (tokens, rate limits) and its listeners.
 * Not a `ServiceEnv`: it verifies no assertions (it signs them, with ASSERTION_PRIVATE_KEY), and
 * its database holds only the outbox of its refusals (ADR 0013), so it is optional outside
 * production.
 */
export class GatewayEnv extends BaseEnv {
  override PORT: number = 3000;

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

  /** PEM (PKCS#8) Ed25519 key that signs the assertions sent to services; `\n` may be escaped. */
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'ASSERTION_PRIVATE_KEY must be a PEM private key',
  })
  ASSERTION_PRIVATE_KEY!: string;

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  OAUTH_URL: string = 'http://127.0.0.1:3001';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  AUTHORIZATIONS_URL: string = 'http://127.0.0.1:3002';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  LICENSING_URL: string = 'http://127.0.0.1:3003';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  USERS_URL: string = 'http://127.0.0.1:3004';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  NOTIFICATIONS_URL: string = 'http://127.0.0.1:3005';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  WEBHOOKS_URL: string = 'http://127.0.0.1:3006';

  @Matches(HTTP_URL, serviceUrl)
  @Transform(trimSlash)
  AUDIT_URL: string = 'http://127.0.0.1:3007';

  /** The portal's backend-for-frontend (spec §8), served at /portal. */
  @Matches(HTTP_URL, serviceUrl)
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
  @Matches(POSTGRES_URL, {
    message:
      'DATABASE_URL must be a postgres:// URL (required in production: refusals are kept there)',
  })
  override DATABASE_URL?: string = undefined;

  /**
   * Web origins allowed to call the APIs from a browser (CORS) besides PUBLIC_URL's and those of
   * the registered browser clients' redirect URIs, e.g. a development server.
   */
  @IsOptional()
  @Matches(originList, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com',
  })
  CORS_ORIGINS?: string;

  /**
   * Longest empty fetch of a consumer, the revocation feed's included: low values keep
   * revocation under 1 s. (The gateway consumes no group events: its revocation feed has a group
   * per instance, so KAFKA_GROUP_ID is not used.)
   */
  @IsInt()
  @Min(10)
  @Max(1000)
  override KAFKA_MAX_WAIT_MS: number = 100;

  /** Where oauth publishes its signing keys; default `${OAUTH_URL}/auth/oauth2/jwks`. */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'OAUTH_JWKS_URL must be an http(s) URL' })
  OAUTH_JWKS_URL?: string;

  /** The `iss` every access token must carry; default PUBLIC_URL (oauth's issuer, RFC 8414). */
  @IsOptional()
  @IsString()
  OAUTH_ISSUER?: string;

  /** Shared rate-limit counters across gateway instances; in memory when unset. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Requests per client and window, e.g. `600/60s` (also `100/1m`, `10/1s`). */
  @Matches(/^\d+\/\d+[smh]?$/, { message: 'RATE_LIMIT_DEFAULT must look like 600/60s' })
  RATE_LIMIT_DEFAULT: string = '600/60s';

  /** JSON object `{"<client_id>": "1200/60s", ...}` overriding the default per client. */
  @IsOptional()
  @IsPerClientPolicies()
  RATE_LIMIT_PER_CLIENT?: string;

  jwksUrl(): string {
    return this.OAUTH_JWKS_URL ?? `${this.OAUTH_URL}/auth/oauth2/jwks`;
  }

  issuer(): string {
    return this.OAUTH_ISSUER ?? this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  defaultRateLimit(): RateLimitPolicy {
    return parseRateLimitPolicy(this.RATE_LIMIT_DEFAULT);
  }

  perClientRateLimits(): Map<string, RateLimitPolicy> {
    return parsePerClientPolicies(this.RATE_LIMIT_PER_CLIENT);
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
