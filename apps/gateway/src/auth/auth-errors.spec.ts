import { toProblem, withProblemType } from '@platform/http';
import {
  endpointNotAllowed,
  insufficientScope,
  invalidToken,
  licenseInactive,
  missingToken,
  rateLimited,
} from './auth-errors';

const problemOf = (e: unknown) => withProblemType(toProblem(e));

describe('gateway refusals as problems', () => {
  it('give each refusal kind its type URI and keep the extension members', () => {
    expect(problemOf(licenseInactive({ license: 'L1', code: 'EXPIRED' }))).toMatchObject({
      type: '/docs/problems/license-inactive',
      status: 403,
      code: 'license_inactive',
      reason: 'EXPIRED',
      license: 'L1',
    });
    expect(problemOf(endpointNotAllowed('GET /x'))).toMatchObject({
      type: '/docs/problems/endpoint-not-allowed',
      code: 'endpoint_not_allowed',
    });
    expect(problemOf(insufficientScope(['a'], 'needs a')).type).toBe(
      '/docs/problems/insufficient-scope',
    );
    expect(problemOf(invalidToken('expired_token', 'expired')).type).toBe(
      '/docs/problems/invalid-token',
    );
    expect(problemOf(rateLimited({}, 3)).type).toBe('/docs/problems/rate-limited');
  });

  it('leave a request without any token a plain 401', () => {
    expect(problemOf(missingToken())).toMatchObject({ type: 'about:blank', title: 'Unauthorized' });
  });
});
