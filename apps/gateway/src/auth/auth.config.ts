import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  IsPerClientPolicies,
  parsePerClientPolicies,
  parseRateLimitPolicy,
  type RateLimitPolicy,
} from './rate-limit/rate-limit-policy';

const httpUrl = /^https?:\/\/.+/;
const brokerList = /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/;
const trimSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

/**
 * The keys the gateway's authentication reads, validated at boot with `loadConfig` (a bad value
 * stops the gateway naming the variable). Kept beside the gateway's own `GatewayEnv` so the
 * routing config does not grow with token, event and rate-limit concerns.
 */
export class GatewayAuthEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @Matches(httpUrl, { message: 'PUBLIC_URL must be an http(s) URL' })
  @Transform(trimSlash)
  PUBLIC_URL?: string;

  @Matches(httpUrl, { message: 'OAUTH_URL must be an http(s) URL' })
  @Transform(trimSlash)
  OAUTH_URL: string = 'http://127.0.0.1:3001';

  /** Where oauth publishes its signing keys; default `${OAUTH_URL}/auth/oauth2/jwks`. */
  @IsOptional()
  @Matches(httpUrl, { message: 'OAUTH_JWKS_URL must be an http(s) URL' })
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

  @IsOptional()
  @Matches(brokerList, { message: 'KAFKA_BROKERS must be comma-separated host:port pairs' })
  KAFKA_BROKERS?: string;

  /** Longest empty fetch of the revocation consumer; low values keep revocation under 1 s. */
  @IsInt()
  @Min(10)
  @Max(1000)
  KAFKA_MAX_WAIT_MS: number = 100;

  jwksUrl(): string {
    return this.OAUTH_JWKS_URL ?? `${this.OAUTH_URL}/auth/oauth2/jwks`;
  }

  issuer(): string {
    return this.OAUTH_ISSUER ?? this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS ? this.KAFKA_BROKERS.split(',') : [];
  }

  defaultRateLimit(): RateLimitPolicy {
    return parseRateLimitPolicy(this.RATE_LIMIT_DEFAULT);
  }

  perClientRateLimits(): Map<string, RateLimitPolicy> {
    return parsePerClientPolicies(this.RATE_LIMIT_PER_CLIENT);
  }
}
