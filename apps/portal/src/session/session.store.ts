import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SecretBox } from '@platform/auth';
import { Clock } from '@platform/http';
import { PortalEnv } from '../config';
import { OAuthRefused, PlatformOAuth, type TokenSet } from '../sign-in/platform-oauth';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/** Refresh this long before the access token expires, so no call goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;
/** lastSeenAt is written at most this often (a write per request would be wasted I/O). */
const TOUCH_EVERY_MS = 60_000;

const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The session has ended (expired, idle, signed out, or its refresh token was refused). */
export class SessionEnded extends Error {}

/**
 * Server-side sessions (ADR 0015): the browser holds only a random id in an HttpOnly cookie; the
 * tokens stay here, sealed, and are refreshed under a row lock so two tabs never spend one
 * refresh token twice (a reuse would revoke the whole chain, RFC 9700 §4.14.2).
 */
@Injectable()
export class SessionStore {
  private readonly logger = new Logger(SessionStore.name);
  private readonly box: SecretBox;

  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(PortalEnv) private readonly env: PortalEnv,
    @Inject(PlatformOAuth) private readonly oauth: PlatformOAuth,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.box = SecretBox.fromBase64(env.PORTAL_SESSION_KEY);
  }

  /** Opens a session for a signed-in user; returns the cookie value (never stored as such). */
  async open(
    userId: string,
    tokens: TokenSet,
  ): Promise<{ cookie: string; session: SessionEntity }> {
    const cookie = randomBytes(32).toString('base64url');
    const idDigest = digest(cookie);
    const now = this.clock.now();
    const session = await this.sessions.insert({
      idDigest,
      userId,
      csrfToken: randomBytes(32).toString('base64url'),
      accessId: null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.env.PORTAL_SESSION_TTL_SECONDS * 1000),
      ...this.sealTokens(idDigest, tokens),
    });
    await this.sweep();
    return { cookie, session };
  }

  /** The live session a cookie names, or null (unknown, expired or idle too long). */
  async find(cookie: string | undefined): Promise<SessionEntity | null> {
    if (!cookie) return null;
    const session = await this.sessions.findByDigest(digest(cookie));
    if (!session) return null;
    const now = this.clock.now().getTime();
    const idleLimit = session.lastSeenAt.getTime() + this.env.PORTAL_IDLE_TIMEOUT_SECONDS * 1000;
    if (session.expiresAt.getTime() <= now || idleLimit <= now) {
      await this.end(session);
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update(session.idDigest, { lastSeenAt: session.lastSeenAt });
    }
    return session;
  }

  /** Still there? (for long-lived streams, which check between heartbeats). */
  async isLive(idDigest: string): Promise<boolean> {
    const found = await this.sessions.findByDigest(idDigest);
    return found !== null && found.expiresAt.getTime() > this.clock.now().getTime();
  }

  async selectAccess(session: SessionEntity, accessId: string | null): Promise<void> {
    await this.sessions.update(session.idDigest, { accessId });
    session.accessId = accessId;
  }

  /** A usable access token for the session, refreshed first when it is about to expire. */
  async accessToken(session: SessionEntity): Promise<string> {
    if (session.accessExpiresAt.getTime() - this.clock.now().getTime() > REFRESH_MARGIN_MS)
      return this.box.open(session.accessToken, `${session.idDigest}:access`);
    // Ended is returned, not thrown, from the transaction: a throw would roll the delete back.
    const token = await this.sessions.transaction(async (m) =>
      this.refreshLocked(session.idDigest, m),
    );
    if (token === null) throw new SessionEnded('the platform refused to renew the session');
    return token;
  }

  /** Signs out: forgets the session and revokes its refresh token (and with it the chain). */
  async end(session: SessionEntity): Promise<void> {
    await this.sessions.delete(session.idDigest);
    if (!session.refreshToken) return;
    const refresh = this.box.open(session.refreshToken, `${session.idDigest}:refresh`);
    await this.oauth.revoke(refresh, 'refresh_token').catch((e: unknown) => {
      this.logger.warn(`could not revoke a session's refresh token: ${String(e)}`);
    });
  }

  /** The renewed (or already renewed) access token; null when the session has ended. */
  private async refreshLocked(idDigest: string, m: EntityManager): Promise<string | null> {
    const row = await this.sessions.findForUpdate(idDigest, m);
    if (!row) return null;
    // Another request may have refreshed while this one waited for the lock.
    if (row.accessExpiresAt.getTime() - this.clock.now().getTime() > REFRESH_MARGIN_MS)
      return this.box.open(row.accessToken, `${idDigest}:access`);
    let tokens: TokenSet | null = null;
    if (row.refreshToken) {
      try {
        tokens = await this.oauth.refresh(this.box.open(row.refreshToken, `${idDigest}:refresh`));
      } catch (e) {
        if (!(e instanceof OAuthRefused && e.status < 500)) throw e;
      }
    }
    if (!tokens) {
      await this.sessions.delete(idDigest, m);
      return null;
    }
    await this.sessions.update(idDigest, this.sealTokens(idDigest, tokens), m);
    return tokens.accessToken;
  }

  private sealTokens(idDigest: string, tokens: TokenSet) {
    return {
      accessToken: this.box.seal(tokens.accessToken, `${idDigest}:access`),
      refreshToken: tokens.refreshToken
        ? this.box.seal(tokens.refreshToken, `${idDigest}:refresh`)
        : null,
      accessExpiresAt: new Date(this.clock.now().getTime() + tokens.expiresIn * 1000),
      scopes: tokens.scopes.join(' '),
    };
  }

  /** Expired sessions are removed now and then (on sign-in), not by a scheduler. */
  private async sweep(): Promise<void> {
    await this.sessions.deleteExpired(this.clock.now());
  }
}
