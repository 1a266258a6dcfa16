import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ASSERTION_HEADER, AssertionSigner, internalAudience } from '@platform/auth';
import { LICENSE_LOOKUP_SCOPE, licenseLookupPath, type LicenseLookup } from '@platform/contracts';
import { OauthEnv } from '../config';

const TIMEOUT_MS = 5_000;

/**
 * Asks `licensing`, the owner of licenses, about the license a client is to be bound to
 * (`000_*`), on its internal route with an assertion oauth signs itself (audience
 * `licensing.internal`, scope `internal.license-lookup`; ADR 3 addendum, as ADR 5 does for users).
 * Asked rather than kept as a copy fed by `license.*` events: binding is a rare admin act, and a
 * copy would lag behind a revocation by the event's delay, exactly when it matters.
 */
@Injectable()
export class LicenseDirectory {
  private readonly logger = new Logger(LicenseDirectory.name);
  private readonly signer?: AssertionSigner;

  constructor(@Inject(OauthEnv) private readonly env: OauthEnv) {
    if (env.ASSERTION_PRIVATE_KEY) this.signer = new AssertionSigner(env.ASSERTION_PRIVATE_KEY);
  }

  /** The license and its state now; `undefined` when licensing has no such license. */
  async get(id: string, requestId: string): Promise<LicenseLookup | undefined> {
    if (!this.signer) {
      throw new ServiceUnavailableException(
        'ASSERTION_PRIVATE_KEY is not configured: licensing cannot be asked',
      );
    }
    const assertion = await this.signer.sign(
      { clientId: 'oauth', scopes: [LICENSE_LOOKUP_SCOPE], tokenId: 'internal', requestId },
      internalAudience('licensing'),
    );
    let res: Response;
    try {
      res = await fetch(`${this.env.LICENSING_URL}${licenseLookupPath(id)}`, {
        headers: { [ASSERTION_HEADER]: assertion, 'x-request-id': requestId },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      this.logger.error({ err: e }, 'licensing unreachable');
      throw new ServiceUnavailableException('Licensing is unavailable; retry shortly.');
    }
    if (res.status === 200) return (await res.json()) as LicenseLookup;
    await res.body?.cancel();
    if (res.status === 404) return undefined;
    this.logger.error(`licensing answered ${res.status} to a license lookup`);
    throw new ServiceUnavailableException('Licensing is unavailable; retry shortly.');
  }
}
