import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { AssertionSigner, ASSERTION_HEADER } from '@platform/auth';
import { OauthEnv } from '../config';

/** A user as `users` describes it on its internal routes (users/oauth contract). */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  status: 'active' | 'disabled';
  platformAdmin: boolean;
  permissions: string[];
}

export type VerifyResult =
  { ok: true; user: DirectoryUser } | { ok: false; reason: 'invalid' | 'disabled' };

const TIMEOUT_MS = 5_000;

/**
 * The `users` service owns credentials; oauth asks it (ADR 0005) over its internal routes, with an
 * assertion it signs itself (audience `users`, scope `internal.credentials`).
 */
@Injectable()
export class UsersDirectory {
  private readonly logger = new Logger(UsersDirectory.name);
  private readonly signer?: AssertionSigner;

  constructor(@Inject(OauthEnv) private readonly env: OauthEnv) {
    if (env.ASSERTION_PRIVATE_KEY) this.signer = new AssertionSigner(env.ASSERTION_PRIVATE_KEY);
  }

  async verify(login: string, password: string, requestId: string): Promise<VerifyResult> {
    const res = await this.call('POST', '/internal/v1/credentials/verify', requestId, {
      login,
      password,
    });
    if (res.status === 200) return { ok: true, user: (await res.json()) as DirectoryUser };
    if (res.status === 403) return { ok: false, reason: 'disabled' };
    if (res.status === 401) return { ok: false, reason: 'invalid' };
    throw this.unavailable(res.status);
  }

  async get(id: string, requestId: string): Promise<DirectoryUser | undefined> {
    const res = await this.call('GET', `/internal/v1/users/${encodeURIComponent(id)}`, requestId);
    if (res.status === 200) return (await res.json()) as DirectoryUser;
    if (res.status === 404) return undefined;
    throw this.unavailable(res.status);
  }

  private async call(
    method: string,
    path: string,
    requestId: string,
    body?: unknown,
  ): Promise<Response> {
    if (!this.signer)
      throw new ServiceUnavailableException(
        'ASSERTION_PRIVATE_KEY is not configured: users cannot be asked',
      );
    const assertion = await this.signer.sign(
      { clientId: 'oauth', scopes: ['internal.credentials'], tokenId: 'internal', requestId },
      'users',
    );
    try {
      return await fetch(`${this.env.USERS_URL}${path}`, {
        method,
        headers: {
          [ASSERTION_HEADER]: assertion,
          'content-type': 'application/json',
          'x-request-id': requestId,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      this.logger.error({ err: e }, 'users service unreachable');
      throw new ServiceUnavailableException('The user directory is unavailable.');
    }
  }

  private unavailable(status: number): ServiceUnavailableException {
    this.logger.error(`users answered ${status}`);
    return new ServiceUnavailableException('The user directory is unavailable.');
  }
}
