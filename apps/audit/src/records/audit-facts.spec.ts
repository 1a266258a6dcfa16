import type { EventEnvelope } from '@platform/contracts';
import { auditFactsOf } from './audit-facts';

const envelope = (
  type: string,
  data: object,
  extra: Partial<EventEnvelope> = {},
): EventEnvelope<unknown> => ({
  id: 'e1',
  type,
  source: 'test',
  time: '2024-01-01T00:00:00Z',
  subject: 'subject-1',
  data,
  ...extra,
});

describe('auditFactsOf', () => {
  it('takes who/what/where/outcome of a security decision from its payload', () => {
    const facts = auditFactsOf(
      envelope('security.decision', {
        action: 'token.password',
        outcome: 'denied',
        actorClient: 'app',
        actorUser: 'kaio',
        ip: '10.0.0.1',
        target: '/auth/oauth2/token',
        requestId: 'r1',
      }),
    );
    expect(facts).toEqual({
      action: 'token.password',
      outcome: 'denied',
      actorClient: 'app',
      actorUser: 'kaio',
      target: '/auth/oauth2/token',
      ip: '10.0.0.1',
      entity: null,
      requestId: 'r1',
    });
  });

  it("records a context's self-homologation check: who ran it, its context, and whether it passed", () => {
    const check = (passed: boolean) =>
      auditFactsOf(
        envelope('integration.check_completed', {
          context: { entity: 'ent-1', database: 'db-1' },
          run: 'run-1',
          check: 'wrong-signature-rejected',
          passed,
          actorClient: 'platform-portal',
          actorUser: 'ana',
          requestId: 'r9',
        }),
      );
    expect(check(false)).toMatchObject({
      action: 'integration.check_completed',
      outcome: 'failed',
      actorUser: 'ana',
      target: 'run-1',
      entity: 'ent-1',
      requestId: 'r9',
    });
    expect(check(true).outcome).toBe('passed');
  });

  it('records a token issued by client and user, targeting the token id', () => {
    expect(
      auditFactsOf(
        envelope('token.issued', {
          jti: 'j1',
          clientId: 'c1',
          userId: 'u1',
          grantType: 'password',
          scope: 's',
          ip: '1.2.3.4',
        }),
      ),
    ).toMatchObject({
      action: 'token.issued',
      outcome: 'succeeded',
      actorClient: 'c1',
      actorUser: 'u1',
      target: 'j1',
      ip: '1.2.3.4',
    });
  });

  it('takes the entity from an access context, and the envelope entity over the payload', () => {
    const access = {
      id: 'a1',
      user: 'u1',
      admin: true,
      role: 'admin',
      context: { entity: '10', database: '20' },
      grantedBy: 'boss',
    };
    expect(auditFactsOf(envelope('access.granted', access))).toMatchObject({
      entity: '10',
      actorUser: 'boss',
      target: 'a1',
    });
    expect(auditFactsOf(envelope('access.granted', access, { entity: '11' }))).toMatchObject({
      entity: '11',
    });
  });

  it('attributes a pending access request to its user and a decision to the decider', () => {
    const request = { id: 'r1', user: 'u1', context: { entity: '10', database: '20' } };
    expect(
      auditFactsOf(envelope('access_request.created', { ...request, status: 'pending' })).actorUser,
    ).toBe('u1');
    expect(
      auditFactsOf(
        envelope('access_request.denied', { ...request, status: 'denied', decidedBy: 'boss' }),
      ).actorUser,
    ).toBe('boss');
  });

  it('falls back to the subject as target and replaces NUL characters Postgres cannot store', () => {
    expect(auditFactsOf(envelope('client.deleted', { deletedAt: 'x' })).target).toBe('subject-1');
    expect(
      auditFactsOf(envelope('user.disabled', { id: 'a\u0000b', disabledAt: 'x' })).target,
    ).toBe('a\uFFFDb');
  });

  it('records who made an oauth admin change, from where, on what', () => {
    const actor = { actorClient: 'admin-app', actorUser: 'root', ip: '10.0.0.7', requestId: 'r9' };
    const cases: [string, object, string][] = [
      [
        'client.updated',
        { clientId: 'c1', name: 'n', kind: 'service', scopes: [], changes: ['scopes'] },
        'c1',
      ],
      ['client.secret_rotated', { clientId: 'c2', rotatedAt: 'x' }, 'c2'],
      ['customer.created', { customerId: 'k1', name: 'Prefeitura' }, 'k1'],
      [
        'customer.identifier_mapped',
        { customerId: 'k1', clientApplicationId: 'c1', identifier: 'e', userLogin: 'u' },
        'k1',
      ],
      [
        'signing_key.rotated',
        { kid: 'kid-2', previousKid: 'kid-1', rotatedAt: 'x', reason: 'requested' },
        'kid-2',
      ],
    ];
    for (const [type, data, target] of cases) {
      expect(auditFactsOf(envelope(type, { ...data, ...actor }))).toEqual({
        action: type,
        outcome: 'succeeded',
        actorClient: 'admin-app',
        actorUser: 'root',
        target,
        ip: '10.0.0.7',
        entity: null,
        requestId: 'r9',
      });
    }
  });

  it('attributes a client access token issued by an administrator to the administrator', () => {
    const data = {
      jti: 'j9',
      clientId: 'svc',
      grantType: 'client_token',
      scope: 's',
      actorClient: 'admin-app',
      actorUser: 'root',
    };
    expect(auditFactsOf(envelope('token.issued', data))).toMatchObject({
      actorClient: 'admin-app',
      actorUser: 'root',
      target: 'j9',
    });
  });
});

describe('auditFactsOf: admin changes name who made them', () => {
  it('records a webhook change by its actor, never by the owner it names', () => {
    const change = {
      id: 'w1',
      action: '*',
      status: 'active',
      postbackUrl: 'https://r.example/hook',
      entity: '10',
      database: '20',
      actorClient: 'portal',
      actorUser: 'ana',
      requestId: 'r9',
      changed: ['postbackUrl'],
    };
    expect(auditFactsOf(envelope('webhook.updated', change))).toMatchObject({
      action: 'webhook.updated',
      actorClient: 'portal',
      actorUser: 'ana',
      target: 'w1',
      entity: '10',
      requestId: 'r9',
    });
  });

  it('records license, reseller and system changes by their actor', () => {
    const license = {
      id: 'l1',
      entity: '10',
      database: '20',
      system: 's',
      validFrom: 'a',
      validUntil: 'b',
    };
    expect(
      auditFactsOf(
        envelope('license.updated', { ...license, actorClient: 'admin-app', actorUser: 'root' }),
      ),
    ).toMatchObject({ actorClient: 'admin-app', actorUser: 'root', target: 'l1', entity: '10' });
    expect(
      auditFactsOf(envelope('reseller.created', { id: 'r1', nome: 'R', actorClient: 'admin-app' })),
    ).toMatchObject({ actorClient: 'admin-app', actorUser: null, target: 'r1', entity: null });
    expect(auditFactsOf(envelope('system.created', { id: 's1', nome: 'S' })).target).toBe('s1');
  });
});
