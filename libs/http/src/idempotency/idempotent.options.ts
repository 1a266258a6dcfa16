/** Metadata key of `@Idempotent()`. */
export const IDEMPOTENT = 'platform:idempotent';

export interface IdempotentOptions {
  /**
   * The answer shows a secret once (a client secret, a signing secret, a token). It is kept sealed
   * with the service's key; a service without one keeps no answer and a retry gets a 409.
   */
  answersSecret?: boolean;
}
