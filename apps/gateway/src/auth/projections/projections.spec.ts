import {
  AccessGranted,
  AccessRevoked,
  ClientDeleted,
  ClientSecretRotated,
  TokenRevoked,
  UserDisabled,
} from '@platform/contracts';
import type { EventDefinition } from '@platform/contracts';
import type { VerifiedToken } from '../tokens/access-token-verifier';
import { SecurityProjections } from './security-projections';

const T0 = Date.parse('2026-01-01T12:00:00Z');
const token = (over: Partial<VerifiedToken> = {}): VerifiedToken => ({
  jti: 'j1',
  clientId: 'c1',
  userId: 'u1',
  scopes: [],
  permissions: [],
  issuedAtMs: T0,
  expiresAtMs: T0 + 1_500_000,
  ...over,
});
let seq = 0;
const event = <T extends object>(def: EventDefinition<T>, data: T, time = new Date(T0 + 1000)) => ({
  id: `e${++seq}`,
  type: def.type,
  source: 'test',
  time: time.toISOString(),
  subject: 's',
  data,
});

describe('SecurityProjections', () => {
  let p: SecurityProjections;
  beforeEach(() => (p = new SecurityProjections()));

  it('revokes one token by jti and forgets it once it would have expired', () => {
    p.apply(
      event(TokenRevoked, {
        scope: 'token',
        jti: 'j1',
        expiresAt: new Date(T0 + 60_000).toISOString(),
      }),
    );
    expect(p.revocations.check(token())).toBe('token_revoked');
    expect(p.revocations.check(token({ jti: 'j2' }))).toBeUndefined();
    p.revocations.prune(T0 + 61_000);
    expect(p.revocations.check(token())).toBeUndefined();
  });

  it('revokes a client’s or user’s tokens issued before the cut-off only', () => {
    const at = new Date(T0 + 10).toISOString();
    p.apply(event(ClientSecretRotated, { clientId: 'c1', rotatedAt: at }));
    expect(p.revocations.check(token({ userId: undefined }))).toBe('client_revoked');
    expect(p.revocations.check(token({ issuedAtMs: T0 + 11 }))).toBeUndefined();
    p.apply(event(UserDisabled, { id: 'u2', disabledAt: at }));
    expect(p.revocations.check(token({ clientId: 'c9', userId: 'u2' }))).toBe('user_disabled');
    p.apply(event(TokenRevoked, { scope: 'user', userId: 'u3' }));
    expect(p.revocations.check(token({ clientId: 'c9', userId: 'u3' }))).toBe('token_revoked');
  });

  it('refuses every token of a deleted client', () => {
    p.apply(event(ClientDeleted, { clientId: 'c1', deletedAt: new Date(T0 - 1e6).toISOString() }));
    expect(p.revocations.check(token({ issuedAtMs: T0 + 1e9 }))).toBe('client_deleted');
  });

  it('gives the same view whatever the order and however often events arrive', () => {
    const earlier = event(ClientSecretRotated, {
      clientId: 'c1',
      rotatedAt: new Date(T0 - 5).toISOString(),
    });
    const later = event(ClientSecretRotated, {
      clientId: 'c1',
      rotatedAt: new Date(T0 + 5).toISOString(),
    });
    for (const e of [later, earlier, later]) p.apply(e);
    expect(p.revocations.check(token())).toBe('client_revoked');
  });

  it('resolves only the active accesses of their own user', () => {
    const context = { entity: 'e', database: 'd' };
    const grant = event(AccessGranted, {
      id: 'a1',
      user: 'u1',
      admin: false,
      role: 'technician',
      context,
    });
    p.apply(grant);
    expect(p.accesses.contextFor('a1', 'u1')).toEqual({
      ...context,
      accessId: 'a1',
      role: 'technician',
    });
    expect(p.accesses.contextFor('a1', 'u2')).toBeUndefined();
    expect(p.accesses.contextFor('a1', undefined)).toBeUndefined();
    p.apply(event(AccessRevoked, { id: 'a1', user: 'u1', context }));
    p.apply(grant); // redelivered after the revocation: stays revoked
    expect(p.accesses.contextFor('a1', 'u1')).toBeUndefined();
  });

  it('skips events with invalid payloads and types it does not know', () => {
    p.apply({
      ...event(TokenRevoked, { scope: 'token', jti: 'j1' }),
      data: { scope: 'everything' },
    });
    p.apply({ ...event(TokenRevoked, { scope: 'token', jti: 'j1' }), type: 'token.issued' });
    expect(p.revocations.check(token())).toBeUndefined();
  });
});
