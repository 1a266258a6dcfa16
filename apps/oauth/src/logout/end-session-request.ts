import { Inject, Injectable } from '@nestjs/common';
import { ClientsRepository } from '../clients/clients.repository';
import { OauthEnv } from '../config';
import { resolveRedirectTarget } from '../shared/redirect-target';
import { IdTokenHint, IdTokens } from '../tokens/id-token';

/** The parameters of an RP-initiated logout request (OIDC RP-Initiated Logout 1.0 §2). */
export interface LogoutParams {
  id_token_hint?: string;
  client_id?: string;
  post_logout_redirect_uri?: string;
  state?: string;
}
export const LOGOUT_PARAMS = [
  'id_token_hint',
  'client_id',
  'post_logout_redirect_uri',
  'state',
] as const;

export interface CheckedLogout {
  params: LogoutParams;
  /** The verified hint: who the relying party believes is signed in, in which session. */
  hint?: IdTokenHint;
  /** Where to send the browser afterwards (with `state`), if anywhere. */
  target?: string;
}

/** A request that names something wrong: shown as a 400 page, never redirected. */
export class LogoutRefused extends Error {}

/**
 * Checks an RP-initiated logout request. The hint must be an ID token this server issued
 * (§2: "the OP MUST validate that it was the issuer"), agreeing with `client_id` when both come.
 * `post_logout_redirect_uri` must be registered, exactly, for that client (§3), and pass the same
 * resolver as every other redirect (shared/redirect-target.ts): it is then followed as parsed.
 */
@Injectable()
export class EndSessionRequests {
  constructor(
    @Inject(ClientsRepository) private readonly clients: ClientsRepository,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(IdTokens) private readonly idTokens: IdTokens,
  ) {}

  async check(params: LogoutParams): Promise<CheckedLogout> {
    const hint = params.id_token_hint
      ? await this.idTokens.verifyHint(params.id_token_hint)
      : undefined;
    if (params.id_token_hint && !hint) {
      throw new LogoutRefused('id_token_hint is not an ID token this server issued.');
    }
    if (params.client_id && hint && params.client_id !== hint.clientId) {
      throw new LogoutRefused('client_id is not the audience of id_token_hint.');
    }
    const clientId = params.client_id ?? hint?.clientId;
    const client = clientId ? await this.clients.findById(clientId) : null;
    if (params.client_id && !client) throw new LogoutRefused('client_id is not a known client.');
    const uri = params.post_logout_redirect_uri;
    if (uri === undefined) return { params, hint };
    if (!client) {
      throw new LogoutRefused('post_logout_redirect_uri needs client_id or id_token_hint.');
    }
    if (!client.postLogoutRedirectUris.includes(uri)) {
      throw new LogoutRefused('post_logout_redirect_uri is not registered for this client.');
    }
    const resolved = resolveRedirectTarget(uri, this.env.issuer);
    if (!resolved) throw new LogoutRefused('post_logout_redirect_uri is not a usable URL.');
    if (params.state !== undefined) resolved.url.searchParams.append('state', params.state);
    return { params, hint, target: resolved.url.href };
  }
}
