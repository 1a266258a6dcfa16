import { accessTokenHash } from './id-token';

describe('ID token at_hash (OIDC Core §3.1.3.6)', () => {
  it('is the left half of SHA-256 of the access token, base64url: the example of OIDC Core Appendix A.4', () => {
    expect(accessTokenHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y')).toBe(
      '77QmUPtjPfzWtF2AnpK9RQ',
    );
  });
});
