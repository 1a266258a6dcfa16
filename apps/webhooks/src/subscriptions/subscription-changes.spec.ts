import type { SaveSubscriptionDto } from './dto/save-subscription.dto';
import {
  changedFields,
  oauth2SecretProblem,
  withoutQuery,
  type SubscriptionSnapshot,
} from './subscription-changes';

const oauth2 = {
  tokenUrl: 'https://idp.example/token',
  clientId: 'c',
  authType: 'client_secret_basic' as const,
};
const stored = { postbackUrl: 'https://erp.example/hooks/a', oauth2, hasSecret: true };
const body = (postbackUrl: string, o2: Record<string, unknown> = oauth2): SaveSubscriptionDto =>
  ({
    action: '*',
    postbackUrl,
    techOwnerName: 'T',
    techOwnerEmail: 't@example.com',
    oauth2: o2,
  }) as unknown as SaveSubscriptionDto;

describe('oauth2SecretProblem: when a save may keep the stored OAuth2 client secret', () => {
  it('keeps it for the same origin, token URL and client id (another path is fine)', () => {
    expect(oauth2SecretProblem(stored, body('https://erp.example/hooks/b?x=1'))).toBeNull();
  });

  it('asks for it again when the postback origin, token URL or client id changes', () => {
    expect(oauth2SecretProblem(stored, body('https://evil.example/hooks/a'))).toMatch(/origin/);
    expect(oauth2SecretProblem(stored, body('http://erp.example/hooks/a'))).toMatch(/origin/);
    expect(oauth2SecretProblem(stored, body('https://erp.example:8443/hooks/a'))).toMatch(/origin/);
    expect(
      oauth2SecretProblem(
        stored,
        body(stored.postbackUrl, { ...oauth2, tokenUrl: 'https://idp.example/t2' }),
      ),
    ).toMatch(/tokenUrl/);
    expect(
      oauth2SecretProblem(stored, body(stored.postbackUrl, { ...oauth2, clientId: 'd' })),
    ).toMatch(/clientId/);
    expect(oauth2SecretProblem(null, body(stored.postbackUrl))).toBe('clientSecret is required');
    expect(oauth2SecretProblem({ ...stored, hasSecret: false }, body(stored.postbackUrl))).toBe(
      'clientSecret is required',
    );
  });

  it('has nothing to say when the secret is given, or there is no OAuth2', () => {
    expect(
      oauth2SecretProblem(stored, body('https://evil.example/', { ...oauth2, clientSecret: 's' })),
    ).toBeNull();
    expect(
      oauth2SecretProblem(stored, { ...body('https://evil.example/'), oauth2: undefined }),
    ).toBeNull();
  });
});

describe('changedFields', () => {
  const snapshot: SubscriptionSnapshot = {
    actions: '*',
    status: 'active',
    postbackUrl: 'https://erp.example/h',
    techOwnerName: 'T',
    techOwnerEmail: 't@example.com',
    clientHeaders: { token: 'a', accept: 'application/json' },
    rateLimit: null,
    timeoutMs: 30000,
    oauth2: { ...oauth2, scope: 'hooks' },
  };

  it('names nothing when only key order differs (jsonb reorders stored objects)', () => {
    const reordered = {
      ...snapshot,
      clientHeaders: { accept: 'application/json', token: 'a' },
      oauth2: {
        scope: 'hooks',
        clientId: 'c',
        authType: 'client_secret_basic' as const,
        tokenUrl: oauth2.tokenUrl,
      },
    };
    expect(changedFields(snapshot, reordered, false)).toEqual([]);
  });

  it('names changed fields, never values, and a newly given secret', () => {
    const after = {
      ...snapshot,
      postbackUrl: 'https://erp.example/h2',
      clientHeaders: { token: 'b', accept: 'application/json' },
    };
    expect(changedFields(snapshot, after, true)).toEqual([
      'postbackUrl',
      'clientHeaders',
      'oauth2.clientSecret',
    ]);
  });
});

describe('withoutQuery', () => {
  it('keeps scheme, host, port and path; drops the query and fragment', () => {
    expect(withoutQuery('https://erp.example:8443/h/1?token=s3cr3t#x')).toBe(
      'https://erp.example:8443/h/1',
    );
  });
});
