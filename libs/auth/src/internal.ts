import { SetMetadata } from '@nestjs/common';
import { AssertionVerifier } from './assertion';

/**
 * Service-to-service routes (ADR 0003 addendum "internal routes"). They take an assertion whose
 * audience is `<service>.internal`, an audience the gateway's proxy never signs for (it signs
 * for the service a public route names), so no caller's token can ever be turned into one,
 * whatever scopes that token holds.
 */
export function internalAudience(service: string): string {
  return `${service}.internal`;
}

/** The gateway reading the owners' revocation and access snapshots (ADR 0013). */
export const GATEWAY_SNAPSHOT_SCOPE = 'internal.gateway-snapshot';

export const INTERNAL_SCOPE = 'platform:internal-scope';

/**
 * Marks a route (or controller) as internal: the assertion guard then verifies the assertion for
 * the service's internal audience and requires this literal scope (`platform.admin` does not
 * stand in for it).
 */
export const Internal = (scope: string): ClassDecorator & MethodDecorator =>
  SetMetadata(INTERNAL_SCOPE, scope);

/** Verifies assertions addressed to this service's internal routes. */
export class InternalAssertionVerifier extends AssertionVerifier {
  constructor(publicKeyPem: string, service: string) {
    super(publicKeyPem, internalAudience(service));
  }
}
