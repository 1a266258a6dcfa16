import { Inject, Injectable } from '@nestjs/common';
import { PortalEnv } from '../config';

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
  scopes: string[];
}

/** The OAuth server answered with an RFC 6749 error (e.g. `invalid_grant` for a spent refresh token). */
export class OAuthRefused extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(`oauth refused: ${code} (${status})`);
  }
}

/**
 * The portal client's own calls to the platform's OAuth server, made from the server side with
 * client_secret_basic (RFC 6749 §2.3.1): refresh (§6), revocation (RFC 7009) and tokeninfo.
 */
@Injectable()
export class PlatformOAuth {
  constructor(@Inject(PortalEnv) private readonly env: PortalEnv) {}

  get tokenUrl(): string {
    return `${this.env.GATEWAY_URL}/auth/oauth2/token`;
  }

  get authorizationUrl(): string {
    return `${this.env.publicUrl()}/auth/oauth2/authorize`;
  }

  get callbackUrl(): string {
    return `${this.env.portalUrl()}/api/auth/callback`;
  }

  /** Where the browser goes to end the platform's login session as well (spec §3 logout). */
  logoutUrl(): string {
    const back = `${this.env.portalUrl()}/`;
    return `${this.env.publicUrl()}/servicelogin/logout?continue=${encodeURIComponent(back)}`;
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const res = await this.post('/auth/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new OAuthRefused(String(body['error'] ?? 'server_error'), res.status);
    return toTokenSet(body);
  }

  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    await this.post('/auth/oauth2/revoke', { token, token_type_hint: hint });
  }

  /** The user a token belongs to (`002_*` tokeninfo); the portal treats tokens as opaque. */
  async userOf(accessToken: string): Promise<string> {
    const url = `${this.env.GATEWAY_URL}/auth/oauth2/tokeninfo?access_token=${encodeURIComponent(accessToken)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { user?: string | { id?: string } };
    const user = typeof body.user === 'string' ? body.user : body.user?.id;
    if (!res.ok || !user) throw new OAuthRefused('invalid_token', res.status);
    return user;
  }

  private post(path: string, form: Record<string, string>): Promise<Response> {
    const basic = Buffer.from(
      `${encodeURIComponent(this.env.PORTAL_CLIENT_ID)}:${encodeURIComponent(this.env.PORTAL_CLIENT_SECRET)}`,
    ).toString('base64');
    return fetch(`${this.env.GATEWAY_URL}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  }
}

export function toTokenSet(body: Record<string, unknown>): TokenSet {
  const scope = typeof body['scope'] === 'string' ? body['scope'] : '';
  return {
    accessToken: String(body['access_token']),
    refreshToken: typeof body['refresh_token'] === 'string' ? body['refresh_token'] : null,
    expiresIn: Number(body['expires_in'] ?? 0),
    scopes: scope.split(/[\s,]+/).filter(Boolean),
  };
}
