import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '../security/audit-trail';
import { FailureThrottle } from '../security/failure-throttle';
import { DirectoryUser, UsersDirectory } from '../users-client/users-directory';

export interface LoginAttempt {
  login: string;
  password: string;
  ip?: string;
  clientId?: string;
  requestId: string;
}

/**
 * One password check, for the login form and the password grant alike: throttled per (account,
 * source) and per source (SlowDown when locked), so a stranger's wrong guesses never lock the
 * owner's own source out; audited when it fails. `undefined` means "wrong or disabled" —
 * callers say the same thing for both, so the answer reveals nothing about the account.
 */
@Injectable()
export class UserLogin {
  constructor(
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
    @Inject(FailureThrottle) private readonly throttle: FailureThrottle,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async attempt(a: LoginAttempt): Promise<DirectoryUser | undefined> {
    const account = a.login.toLowerCase();
    this.throttle.checkLogin(account, a.ip);
    const result = await this.users.verify(a.login, a.password, a.requestId);
    if (result.ok) {
      this.throttle.loginSucceeded(account, a.ip);
      return result.user;
    }
    this.throttle.failLogin(account, a.ip);
    await this.audit.denied('oauth.login', {
      actorUser: a.login,
      actorClient: a.clientId,
      ip: a.ip,
      requestId: a.requestId,
      reason: result.reason === 'disabled' ? 'user disabled' : 'invalid credentials',
    });
    return undefined;
  }
}
