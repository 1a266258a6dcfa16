import { Injectable } from '@nestjs/common';
import { SecretBox } from '@platform/auth';
import type { OAuth2Settings, SubscriptionEntity } from '../subscriptions/subscription.entity';

type SealedField = 'secret' | 'previous_secret' | 'client_headers' | 'oauth2_secret';

/**
 * The AAD of each sealed column: a ciphertext only opens in its own row and field — and, given
 * `boundTo`, only for that target (see `oauth2Target`).
 */
export const binding = (subscriptionId: string, field: SealedField, boundTo?: string): string =>
  `webhook_subscriptions/${subscriptionId}/${field}${boundTo === undefined ? '' : `#${boundTo}`}`;

/**
 * What an OAuth2 client secret is given for: the token URL it is sent to and the postback origin
 * the bearer tokens it buys are sent to. The secret is sealed bound to both, so a subscription
 * whose postback origin or token URL changed without the secret being given again (item 4 of
 * the security issue) cannot open it, whatever path led there: the delivery fails instead.
 */
export function oauth2Target(
  postbackUrl: string,
  oauth2: Pick<OAuth2Settings, 'tokenUrl'>,
): string {
  return `${new URL(postbackUrl).origin} ${oauth2.tokenUrl}`;
}

export class OAuth2SecretNotForThisTarget extends Error {
  constructor() {
    super(
      'the OAuth2 client secret was given for another postback origin or token URL: give it again (PUT)',
    );
    this.name = 'OAuth2SecretNotForThisTarget';
  }
}

/** Opens a subscription's sealed values for sending; nothing here is ever returned by the API. */
@Injectable()
export class SubscriptionSecrets {
  constructor(private readonly box: SecretBox) {}

  seal(
    subscriptionId: string,
    field: Exclude<SealedField, 'oauth2_secret'>,
    value: string,
  ): string {
    return this.box.seal(value, binding(subscriptionId, field));
  }

  /** The secrets that sign at `now`: the current one, plus each rotated out within 24 h. */
  signingSecrets(s: SubscriptionEntity, now: Date): string[] {
    const secrets = [this.currentSecret(s)];
    for (const retiring of s.retiringSecrets) {
      if (Date.parse(retiring.until) > now.getTime())
        secrets.push(this.box.open(retiring.secretEnc, binding(s.id, 'previous_secret')));
    }
    return secrets;
  }

  currentSecret(s: SubscriptionEntity): string {
    return this.box.open(s.secretEnc, binding(s.id, 'secret'));
  }

  clientHeaders(s: SubscriptionEntity): Record<string, string> {
    if (!s.clientHeadersEnc) return {};
    return JSON.parse(this.box.open(s.clientHeadersEnc, binding(s.id, 'client_headers'))) as Record<
      string,
      string
    >;
  }

  /** Seals an OAuth2 client secret for the subscription's current postback origin and token URL. */
  sealOAuth2Secret(
    s: Pick<SubscriptionEntity, 'id' | 'postbackUrl'>,
    oauth2: OAuth2Settings,
    secret: string,
  ): string {
    return this.box.seal(
      secret,
      binding(s.id, 'oauth2_secret', oauth2Target(s.postbackUrl, oauth2)),
    );
  }

  /**
   * The OAuth2 client secret, only if it was given for the subscription's current postback origin
   * and token URL. A secret sealed before secrets were bound (an unbound binding) still opens:
   * every save since binds it again or asks for it (`SaveSubscriptionUseCase`).
   */
  oauth2ClientSecret(s: SubscriptionEntity): string {
    if (!s.oauth2SecretEnc || !s.oauth2)
      throw new Error(`subscription ${s.id} has no OAuth2 client secret`);
    const bound = binding(s.id, 'oauth2_secret', oauth2Target(s.postbackUrl, s.oauth2));
    for (const aad of [bound, binding(s.id, 'oauth2_secret')]) {
      try {
        return this.box.open(s.oauth2SecretEnc, aad);
      } catch {
        // not sealed with this binding: try the next one
      }
    }
    throw new OAuth2SecretNotForThisTarget();
  }
}
