import { Injectable } from '@nestjs/common';
import { SecretBox } from '../shared/secret-box';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';

/** The AAD of each sealed column: a ciphertext only opens in its own row and field. */
export const binding = (
  subscriptionId: string,
  field: 'secret' | 'previous_secret' | 'client_headers' | 'oauth2_secret',
): string => `webhook_subscriptions/${subscriptionId}/${field}`;

/** Opens a subscription's sealed values for sending; nothing here is ever returned by the API. */
@Injectable()
export class SubscriptionSecrets {
  constructor(private readonly box: SecretBox) {}

  seal(subscriptionId: string, field: Parameters<typeof binding>[1], value: string): string {
    return this.box.seal(value, binding(subscriptionId, field));
  }

  /** The secrets that sign now: the current one, plus the previous one during its 24 h grace. */
  signingSecrets(s: SubscriptionEntity, now: Date): string[] {
    const secrets = [this.box.open(s.secretEnc, binding(s.id, 'secret'))];
    if (s.previousSecretEnc && s.previousSecretUntil && s.previousSecretUntil > now) {
      secrets.push(this.box.open(s.previousSecretEnc, binding(s.id, 'previous_secret')));
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

  oauth2ClientSecret(s: SubscriptionEntity): string {
    if (!s.oauth2SecretEnc) throw new Error(`subscription ${s.id} has no OAuth2 client secret`);
    return this.box.open(s.oauth2SecretEnc, binding(s.id, 'oauth2_secret'));
  }
}
