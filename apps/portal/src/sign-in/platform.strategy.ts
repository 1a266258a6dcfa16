import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type StateStore, Strategy } from 'passport-oauth2';
import { SecretBox } from '@platform/auth';
import { PortalEnv } from '../config';
import { PlatformOAuth, toTokenSet, type TokenSet } from './platform-oauth';
import { SealedCookieStateStore } from './signed-in-state';

/** What the OAuth round trip yields: the user and their tokens (kept server-side only). */
export interface SignedIn {
  userId: string;
  tokens: TokenSet;
}

/**
 * Sign-in through the platform's own OAuth server (spec §8): authorization code with PKCE S256
 * and `state` (RFC 6749 §4.1, RFC 7636), as the portal's confidential client. The token request
 * goes from this server to the gateway; the browser only ever sees the code.
 */
@Injectable()
export class PlatformStrategy extends PassportStrategy(Strategy, 'platform', 5) {
  constructor(
    @Inject(PortalEnv) env: PortalEnv,
    @Inject(PlatformOAuth) private readonly oauth: PlatformOAuth,
  ) {
    super({
      authorizationURL: oauth.authorizationUrl,
      tokenURL: oauth.tokenUrl,
      clientID: env.PORTAL_CLIENT_ID,
      clientSecret: env.PORTAL_CLIENT_SECRET,
      callbackURL: oauth.callbackUrl,
      pkce: true,
      state: true,
      // passport-oauth2's typings know only the non-PKCE store signature; the PKCE one is documented in its source.
      store: new SealedCookieStateStore(
        SecretBox.fromBase64(env.PORTAL_SESSION_KEY),
        env.secureCookies(),
      ) as unknown as StateStore,
      skipUserProfile: true,
    });
  }

  async validate(
    accessToken: string,
    _refresh: string,
    params: Record<string, unknown>,
  ): Promise<SignedIn> {
    const tokens = toTokenSet({ ...params, access_token: accessToken });
    return { userId: await this.oauth.userOf(accessToken), tokens };
  }
}
