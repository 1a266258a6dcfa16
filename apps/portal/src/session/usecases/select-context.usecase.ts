import { Inject, Injectable } from '@nestjs/common';
import { ContextPicker } from '../context-picker';
import { SessionEntity } from '../session.entity';
import { SessionStore } from '../session.store';

/** Picks the session's context (spec §2 `User-Access`): only an active access of this user; null leaves it. */
@Injectable()
export class SelectContextUseCase {
  constructor(
    @Inject(ContextPicker) private readonly contexts: ContextPicker,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  async execute(session: SessionEntity, accessId: string | null): Promise<void> {
    if (accessId) await this.contexts.assertOwn(session, accessId);
    await this.sessions.selectAccess(session, accessId);
  }
}
