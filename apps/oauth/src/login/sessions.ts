import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { OauthEnv } from '../config';
import { CookieOptions } from '../shared/cookies';
import { digest, randomToken } from '../shared/crypto';
import { SessionEntity } from './session.entities';

export const SESSION_COOKIE = 'oauth_session';
export const SESSION_TTL_MS = 12 * 3600_000;

/** Login sessions: the cookie holds a random id, the database only its digest. */
@Injectable()
export class Sessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OauthEnv) private readonly env: OauthEnv,
  ) {}

  async open(
    user: { id: string; platformAdmin: boolean },
    m: EntityManager = this.db.manager,
  ): Promise<string> {
    const id = randomToken();
    await m.getRepository(SessionEntity).insert({
      idHash: digest(id),
      userId: user.id,
      sid: randomUUID(),
      platformAdmin: user.platformAdmin,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      endedAt: null,
    });
    return id;
  }

  async find(cookie: string | undefined): Promise<SessionEntity | undefined> {
    if (!cookie) return undefined;
    const row = await this.db.getRepository(SessionEntity).findOneBy({
      idHash: digest(cookie),
      endedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    return row ?? undefined;
  }

  async endAllOf(m: EntityManager, userId: string): Promise<void> {
    await m
      .getRepository(SessionEntity)
      .update({ userId, endedAt: IsNull() }, { endedAt: new Date() });
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
