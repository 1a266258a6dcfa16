import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

const base64Key = /^[A-Za-z0-9+/]{43}=$/;

/** The portal's environment: where the gateway is, its OAuth client, and the session key. */
export class PortalEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3008;

  /** Where the BFF reaches the gateway from the server side (the token endpoint and the APIs). */
  @Matches(/^https?:\/\/.+/, { message: 'GATEWAY_URL must be an http(s) URL' })
  GATEWAY_URL: string = 'http://127.0.0.1:3000';

  /** The portal's confidential OAuth client (created by oauth at first boot, see ADR 0015). */
  @IsString()
  PORTAL_CLIENT_ID: string = 'platform-portal';

  @IsString()
  @Matches(/^.{32,}$/, { message: 'PORTAL_CLIENT_SECRET must be at least 32 characters' })
  PORTAL_CLIENT_SECRET!: string;

  /** 32 bytes, base64: encrypts the session's tokens at rest and the sign-in state cookie. */
  @Matches(base64Key, { message: 'PORTAL_SESSION_KEY must be 32 bytes in base64' })
  PORTAL_SESSION_KEY!: string;

  /** A session ends this long after sign-in whatever happens (seconds; default 12 h). */
  @IsInt()
  @Min(300)
  @Max(7 * 86400)
  PORTAL_SESSION_TTL_SECONDS: number = 12 * 3600;

  /** A session unused this long ends (seconds; default 2 h). */
  @IsInt()
  @Min(60)
  @Max(86400)
  PORTAL_IDLE_TIMEOUT_SECONDS: number = 2 * 3600;

  /** Folder of the built single-page app (`node tools/build.mjs` writes dist/apps/portal/web). */
  @IsOptional()
  @IsString()
  PORTAL_WEB_DIR?: string;

  /** Forces Secure cookies on or off; by default they are Secure when PUBLIC_URL is https. */
  @IsOptional()
  @IsIn(['true', 'false'])
  PORTAL_SECURE_COOKIES?: 'true' | 'false';

  /** The gateway's public URL (the portal is one of its routes), not this app's own port. */
  override publicUrl(): string {
    return this.PUBLIC_URL ?? 'http://localhost:3000';
  }

  /** The portal's public base: PUBLIC_URL + /portal. */
  portalUrl(): string {
    return `${this.publicUrl()}/portal`;
  }

  /** Cookies are Secure when the public URL is https, or when told so. */
  secureCookies(): boolean {
    if (this.PORTAL_SECURE_COOKIES) return this.PORTAL_SECURE_COOKIES === 'true';
    return this.publicUrl().startsWith('https://');
  }
}
