import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class OauthEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3001;

  /** Base URL of the `users` service, which owns credentials (see ADR 0005). */
  @Matches(/^https?:\/\/.+/, { message: 'USERS_URL must be an http(s) URL' })
  USERS_URL: string = 'http://127.0.0.1:3004';

  /** Base URL of `licensing`: oauth asks it about a license before binding a client to it. */
  @Matches(/^https?:\/\/.+/, { message: 'LICENSING_URL must be an http(s) URL' })
  LICENSING_URL: string = 'http://127.0.0.1:3003';

  /**
   * Where oauth reads the gateway's composed OpenAPI document (`/docs/openapi.json`) to check
   * the endpoints a client access token is limited to. Default: PUBLIC_URL.
   */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'GATEWAY_URL must be an http(s) URL' })
  GATEWAY_URL?: string;

  /**
   * The gateway's Ed25519 assertion key: oauth signs its own calls to `users`' internal routes
   * with it (ADR 0005). Optional in development/test only when password checks are unused.
   */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, {
    message: 'ASSERTION_PRIVATE_KEY must be a PEM private key',
  })
  ASSERTION_PRIVATE_KEY?: string;

  /** 32 bytes, base64: encrypts signing keys at rest. Required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'OAUTH_KEY_ENCRYPTION_KEY must be 32 bytes in base64',
  })
  OAUTH_KEY_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsString()
  BOOTSTRAP_CLIENT_ID?: string;

  /**
   * Client secrets are stored as SHA-256 (ADR 0024: platform-generated, 256 bits), so an
   * operator-chosen one must be long enough that a database dump cannot be guessed back from it.
   */
  @IsOptional()
  @Matches(/^.{32,}$/, { message: 'BOOTSTRAP_CLIENT_SECRET must be at least 32 characters' })
  BOOTSTRAP_CLIENT_SECRET?: string;

  /** The portal's confidential client (ADR 0015), created or brought in line at boot when both are set. */
  @IsOptional()
  @IsString()
  PORTAL_CLIENT_ID?: string;

  @IsOptional()
  @Matches(/^.{32,}$/, { message: 'PORTAL_CLIENT_SECRET must be at least 32 characters' })
  PORTAL_CLIENT_SECRET?: string;

  /** Default access-token lifetime (`003_*`: 25 minutes); clients may override it. */
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS: number = 1500;

  gatewayUrl(): string {
    return (this.GATEWAY_URL ?? this.publicUrl()).replace(/\/+$/, '');
  }

  /** The issuer identifier (RFC 8414): the gateway's public URL. */
  get issuer(): string {
    return this.publicUrl();
  }
}
