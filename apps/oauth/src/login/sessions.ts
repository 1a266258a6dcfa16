import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@platform/http';
import { OauthEnv } from '../config';
import { CookieOptions } from '../shared/cookies';
import { digest, randomToken } from '../shared/crypto';
import type { SessionEntity } from './session.entities';
import { SessionsRepository } from './sessions.repository';

export const SESSION_COOKIE = 'oauth_session';
export const SESSION_TTL_MS = 12 * 3600_000;

/** Login sessions: the cookie holds a random id, the database only its digest. */
@Injectable()
export class Sessions {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async open(user: { id: string; platformAdmin: boolean }, m?: EntityManager): Promise<string> {
    const id = randomToken();
    await this.sessions.insert(
      {
        idHash: digest(id),
        userId: user.id,
        sid: randomUUID(),
        platformAdmin: user.platformAdmin,
        expiresAt: new Date(this.clock.now().getTime() + SESSION_TTL_MS),
        endedAt: null,
      },
      m,
    );
    return id;
  }

  async find(cookie: string | undefined): Promise<SessionEntity | undefined> {
    if (!cookie) return undefined;
    const row = await this.sessions.findLive(digest(cookie), this.clock.now());
    return row ?? undefined;
  }

  async endAllOf(userId: string, at: Date, m: EntityManager): Promise<void> {
    await this.sessions.endAllOfUser(userId, at, m);
  }

  /** HttpOnly, SameSite=Lax (the cookie must ride the top-level redirect back into /authorize), Secure on https. */
  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.env.issuer.startsWith('https:'),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    };
  }
}
