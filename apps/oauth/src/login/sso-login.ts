import { Inject, Injectable } from '@nestjs/common';
import { SsoKeys } from '../customers/sso-keys';
import { Sessions } from './sessions';
import { SessionsRepository } from './sessions.repository';

/** Spends an SSO key and opens a session for its user, in one transaction. */
@Injectable()
export class SsoLogin {
  constructor(
    @Inject(SessionsRepository) private readonly sessionRows: SessionsRepository,
    @Inject(SsoKeys) private readonly keys: SsoKeys,
    @Inject(Sessions) private readonly sessions: Sessions,
  ) {}

  /** The new session id, or undefined when the key is unknown, expired or spent. */
  async redeem(key: string): Promise<string | undefined> {
    return this.sessionRows.transaction(async (m) => {
      const userId = await this.keys.consume(key, m);
      // The SSO user came through a trusted client's custom_sso grant; it is never an admin session.
      return userId ? this.sessions.open({ id: userId, platformAdmin: false }, m) : undefined;
    });
  }
}
