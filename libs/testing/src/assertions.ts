import { AssertionSigner, generateAssertionKeys, type Principal } from '@platform/auth';

/**
 * One assertion key pair per test worker: boot services with `TEST_ASSERTION_KEYS.publicKey`
 * and call them with `assertionFor(...)`, as the gateway would.
 */
export const TEST_ASSERTION_KEYS = generateAssertionKeys();
const signer = new AssertionSigner(TEST_ASSERTION_KEYS.privateKey);

export function assertionFor(service: string, principal: Partial<Principal> = {}): Promise<string> {
  return signer.sign(
    {
      clientId: 'test-client',
      scopes: [],
      tokenId: 'test-token',
      requestId: 'test-request',
      ...principal,
    },
    service,
  );
}
