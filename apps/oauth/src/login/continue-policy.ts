import { Inject, Injectable } from '@nestjs/common';
import { ClientsRepository } from '../clients/clients.repository';
import { OauthEnv } from '../config';
import { resolveRedirectTarget } from '../shared/redirect-target';

/**
 * `continue` never leads off-platform (no open redirect): it is resolved against the issuer
 * (PUBLIC_URL) as a browser would, and followed only to the issuer's origin or to a redirect URI
 * some client registered, compared exactly (RFC 9700 §4.1.3). See shared/redirect-target.ts.
 */
@Injectable()
export class ContinuePolicy {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(OauthEnv) private readonly env: OauthEnv,
  ) {}

  /** The absolute URL to go to (the parsed URL, never the raw input), or undefined. */
  async resolve(target: string | undefined): Promise<string | undefined> {
    const resolved = resolveRedirectTarget(target, this.env.issuer);
    if (!resolved) return undefined;
    const { href } = resolved.url;
    if (resolved.sameOrigin) return href;
    return (await this.clients.anyRedirectUri(target, href)) ? href : undefined;
  }
}
