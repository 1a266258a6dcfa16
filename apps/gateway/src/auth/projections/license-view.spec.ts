import {
  ClientCreated,
  ClientDeleted,
  ClientUpdated,
  LicenseCreated,
  LicenseExpired,
  LicenseRevoked,
  LicenseUpdated,
  type EventDefinition,
  type LicensePayload,
  type LicenseRecord,
} from '@platform/contracts';
import { SecurityProjections } from './security-projections';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
let seq = 0;
const event = <T extends object>(def: EventDefinition<T>, data: T, atMs: number) => ({
  id: `e${++seq}`,
  type: def.type,
  source: 'test',
  time: iso(atMs),
  subject: 's',
  data,
});
const license = (over: Partial<LicensePayload> = {}): LicensePayload => ({
  id: 'L1',
  entity: 'E',
  database: 'D',
  system: 'S',
  validFrom: iso(T0 - 3_600_000),
  validUntil: iso(T0 + 3_600_000),
  ...over,
});
const client = (license?: string) => ({
  clientId: 'c1',
  name: 'app',
  kind: 'service',
  scopes: [],
  ...(license ? { license } : {}),
});
const updated = (license?: string) => ({
  ...client(license),
  changes: ['license'],
  grantTypes: [],
  redirectUris: [],
  refreshTokens: false,
  removedScopes: [],
});
const record = (over: Partial<LicenseRecord> = {}): LicenseRecord => ({
  ...license(),
  revoked: false,
  expired: false,
  updatedAt: iso(T0),
  ...over,
});

describe('LicenseView (000_*: a client access bound to a license)', () => {
  let p: SecurityProjections;
  beforeEach(() => (p = new SecurityProjections()));
  const check = (at = T0) => p.licenses.check('c1', at);

  it('lets an unbound client in and refuses a bound one whose license it does not know', () => {
    p.apply(event(ClientCreated, client(), T0));
    expect(check()).toBeUndefined();
    p.apply(event(ClientUpdated, updated('L1'), T0 + 1));
    expect(check()).toEqual({ license: 'L1', code: 'NOT_FOUND' });
    p.apply(event(LicenseCreated, license(), T0 + 2));
    expect(check()).toBeUndefined();
    expect(p.licenses.licenseOf('c1')).toBe('L1');
  });

  it('judges time against the clock, so an expiry holds even when license.expired is late', () => {
    p.apply(event(ClientCreated, client('L1'), T0));
    p.apply(event(LicenseCreated, license(), T0));
    expect(check(T0 + 3_600_000 - 1)).toBeUndefined();
    expect(check(T0 + 3_600_000)).toEqual({ license: 'L1', code: 'EXPIRED' });
    expect(check(T0 - 3_600_001)).toEqual({ license: 'L1', code: 'NOT_YET_VALID' });
  });

  it('believes license.expired over its own clock, until new dates reopen the license', () => {
    p.apply(event(ClientCreated, client('L1'), T0));
    p.apply(event(LicenseCreated, license(), T0));
    p.apply(event(LicenseExpired, license(), T0 + 5));
    expect(check()).toEqual({ license: 'L1', code: 'EXPIRED' });
    p.apply(event(LicenseUpdated, license({ validUntil: iso(T0 + 7_200_000) }), T0 + 10));
    expect(check()).toBeUndefined();
  });

  it('keeps a revoked license revoked, whatever arrives after', () => {
    p.apply(event(ClientCreated, client('L1'), T0));
    p.apply(event(LicenseRevoked, license(), T0 + 5));
    p.apply(event(LicenseCreated, license(), T0)); // redelivered, older
    p.applyLicenses([record({ updatedAt: iso(T0 + 99) })]); // a snapshot read before the revoke
    expect(check()).toEqual({ license: 'L1', code: 'REVOKED' });
  });

  it('lets a client in again once it is bound to a new valid license', () => {
    p.apply(event(ClientCreated, client('L1'), T0));
    p.apply(event(LicenseRevoked, license(), T0));
    p.apply(event(LicenseCreated, license({ id: 'L2' }), T0 + 1));
    expect(check()).toMatchObject({ code: 'REVOKED' });
    p.apply(event(ClientUpdated, updated('L2'), T0 + 2));
    expect(check()).toBeUndefined();
    p.apply(event(ClientUpdated, updated(), T0 + 3)); // unbound: its scopes alone decide
    expect(p.licenses.licenseOf('c1')).toBeUndefined();
  });

  it('orders bindings and dates by time: a snapshot read before an event does not undo it', () => {
    p.apply(event(ClientUpdated, updated('L2'), T0 + 10));
    p.applyClientLicenses([{ clientId: 'c1', license: 'L1', boundAt: iso(T0) }]);
    expect(p.licenses.licenseOf('c1')).toBe('L2');
    p.apply(event(LicenseUpdated, license({ validUntil: iso(T0 - 1) }), T0 + 10));
    p.applyLicenses([record({ updatedAt: iso(T0) })]);
    expect(p.licenses.check('c1', T0)).toBeDefined();
    p.apply(event(LicenseCreated, license({ id: 'L2' }), T0));
    expect(check()).toBeUndefined();
  });

  it('rebuilds from the owners’ snapshots what the events would have said', () => {
    p.applyClientLicenses([
      { clientId: 'c1', license: 'L1', boundAt: iso(T0) },
      { clientId: 'c2', license: 'L2', boundAt: iso(T0) },
      { clientId: 'c3', license: 'L3', boundAt: iso(T0) },
    ]);
    p.applyLicenses([
      record({ id: 'L1' }),
      record({ id: 'L2', revoked: true }),
      record({ id: 'L3', expired: true }),
    ]);
    expect(p.licenses.check('c1', T0)).toBeUndefined();
    expect(p.licenses.check('c2', T0)).toEqual({ license: 'L2', code: 'REVOKED' });
    expect(p.licenses.check('c3', T0)).toEqual({ license: 'L3', code: 'EXPIRED' });
  });

  it('forgets a deleted client for good', () => {
    p.apply(event(ClientDeleted, { clientId: 'c1', deletedAt: iso(T0) }, T0 + 5));
    p.apply(event(ClientCreated, client('L1'), T0));
    p.applyClientLicenses([{ clientId: 'c1', license: 'L1', boundAt: iso(T0) }]);
    expect(p.licenses.licenseOf('c1')).toBeUndefined();
  });
});
