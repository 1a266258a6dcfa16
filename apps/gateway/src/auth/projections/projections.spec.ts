import {
  AccessGranted,
  AccessRevoked,
  ClientDeleted,
  ClientSecretRotated,
  TokenRevoked,
  UserDisabled,
  UserUpdated,
} from '@platform/contracts';
import type { EventDefinition, RevocationRecord } from '@platform/contracts';
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

const person = (id: string) => ({ id, name: id, email: `${id}@example.com` });

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
    p.apply(event(UserUpdated, { ...person('u2'), status: 'active' }, new Date(T0 + 20)));
    expect(p.revocations.check(token({ clientId: 'c9', userId: 'u2' }))).toBe('token_revoked');
    p.apply(event(TokenRevoked, { scope: 'user', userId: 'u3' }));
    expect(p.revocations.check(token({ clientId: 'c9', userId: 'u3' }))).toBe('token_revoked');
  });

  it('refuses every token of a disabled user, even one issued after the disable, until re-enabled', () => {
    const disabledAt = T0 + 1_000;
    const later = token({ userId: 'u1', issuedAtMs: disabledAt + 60_000 });
    p.apply(event(UserDisabled, { id: 'u1', disabledAt: new Date(disabledAt).toISOString() }));
    expect(p.revocations.check(later)).toBe('user_disabled');
    // Status news out of order: the latest change wins, a stale "active" does not re-enable.
    p.apply(event(UserUpdated, { ...person('u1'), status: 'active' }, new Date(disabledAt - 5)));
    expect(p.revocations.check(later)).toBe('user_disabled');
    p.apply(event(UserUpdated, { ...person('u1'), status: 'active' }, new Date(disabledAt + 5)));
    expect(p.revocations.check(later)).toBeUndefined();
    expect(p.revocations.check(token({ userId: 'u1', issuedAtMs: disabledAt - 1 }))).toBe(
      'token_revoked',
    );
    p.apply(event(UserDisabled, { id: 'u1', disabledAt: new Date(disabledAt).toISOString() }));
    expect(p.revocations.check(later)).toBeUndefined();
  });

  it('rebuilds the same view from the owners’ snapshots as from the events', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const row = (
      kind: RevocationRecord['kind'],
      subject: string,
      over: Partial<RevocationRecord>,
    ): RevocationRecord => ({
      kind,
      subject,
      issuedBefore: null,
      expiresAt: null,
      clientDeleted: false,
      ...over,
    });
    p.applyRevocations([
      row('token', 'j1', { expiresAt: iso(T0 + 9e9) }),
      row('client', 'c2', { issuedBefore: iso(T0 + 10) }),
      row('client', 'c3', { issuedBefore: iso(T0 - 1e6), clientDeleted: true }),
      row('user', 'u4', { issuedBefore: iso(T0 + 10) }),
    ]);
    p.applyDisabledUsers([{ id: 'u5', disabledAt: iso(T0 - 1e6) }]);
    expect(p.revocations.check(token())).toBe('token_revoked');
    expect(p.revocations.check(token({ jti: 'x', clientId: 'c2', userId: undefined }))).toBe(
      'client_revoked',
    );
    expect(p.revocations.check(token({ jti: 'x', clientId: 'c3', issuedAtMs: T0 + 1e9 }))).toBe(
      'client_deleted',
    );
    expect(p.revocations.check(token({ jti: 'x', userId: 'u4' }))).toBe('token_revoked');
    expect(p.revocations.check(token({ jti: 'x', userId: 'u5', issuedAtMs: T0 + 1e9 }))).toBe(
      'user_disabled',
    );
    expect(p.revocations.check(token({ jti: 'x', userId: 'u6' }))).toBeUndefined();
  });

  it('keeps an access revoked whether the revocation comes before or after its grant', () => {
    const context = { entity: 'e', database: 'd' };
    const record = { id: 'a1', user: 'u1', role: 'user' as const, context };
    p.apply(event(AccessRevoked, { id: 'a1', user: 'u1', context }));
    p.applyAccesses([{ ...record, active: true }]); // a snapshot read before the revocation
    expect(p.accesses.contextFor('a1', 'u1')).toBeUndefined();
    p.applyAccesses([{ ...record, id: 'a2', active: false }]);
    p.apply(event(AccessGranted, { ...record, id: 'a2', admin: false }));
    expect(p.accesses.contextFor('a2', 'u1')).toBeUndefined();
    p.applyAccesses([{ ...record, id: 'a3', active: true }]);
    expect(p.accesses.contextFor('a3', 'u1')).toMatchObject({ accessId: 'a3', role: 'user' });
  });

  it('tells its listeners of every change', () => {
    let heard = 0;
    const stop = p.onChange(() => heard++);
    p.apply(event(TokenRevoked, { scope: 'token', jti: 'j9' }));
    p.applyAccesses([]);
    stop();
    p.apply(event(TokenRevoked, { scope: 'token', jti: 'j10' }));
    expect(heard).toBe(2);
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
