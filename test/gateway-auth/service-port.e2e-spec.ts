import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AssertionSigner,
  ASSERTION_HEADER,
  generateAssertionKeys,
  Principal,
  Scopes,
} from '@platform/auth';
import { createServiceApp } from '@platform/http';
import { InProcessBus } from '@platform/messaging';
import {
  assertionFor,
  createTestDatabase,
  TEST_ASSERTION_KEYS,
  type TestDatabase,
} from '@platform/testing';
import { AppModule as AuditAppModule } from '../../apps/audit/src/app.module';
import { gatewayEnv, startGateway, type TestGateway } from './gateway-harness';
import { startRecordingService, type RecordingService } from './recording-service';
import { TestTokenIssuer } from './token-issuer';

const ISSUER = 'https://api.example.test';
const PROBE = '/audit/v1/probe';

/** Test-only: a protected route of the real audit shell that says who called. */
@Controller('audit/v1')
class ProbeController {
  @Get('probe')
  @Scopes('audit.read')
  probe(@Principal() caller: Principal): Principal {
    return caller;
  }
}

describe('a service reached on its own port (real audit shell, AssertionGuard)', () => {
  let db: TestDatabase;
  let audit: NestFastifyApplication;
  let auditUrl: string;
  let oauth: TestTokenIssuer;
  let gateway: TestGateway;
  /** oauth, users, authorizations and licensing as the gateway reads their snapshots: nothing revoked. */
  let owners: RecordingService;
  let callerToken: string;
  const bus = new InProcessBus();

  beforeAll(async () => {
    db = await createTestDatabase('gateway_auth_port');
    const runtime = {
      env: {
        DATABASE_URL: db.url,
        ASSERTION_PUBLIC_KEY: TEST_ASSERTION_KEYS.publicKey,
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
      bus,
    };
    @Module({ imports: [AuditAppModule.forRoot(runtime)], controllers: [ProbeController] })
    class AuditWithProbe {}
    audit = await createServiceApp(AuditWithProbe);
    await audit.listen({ port: 0, host: '127.0.0.1' });
    auditUrl = (await audit.getUrl()).replace('[::1]', '127.0.0.1');
    await bus.start();

    oauth = await TestTokenIssuer.start(ISSUER);
    callerToken = await oauth.sign({
      clientId: 'reporting',
      scopes: ['audit.read'],
      jti: 'jti-reporting',
    });
    owners = await startRecordingService('oauth', TEST_ASSERTION_KEYS.publicKey);
    gateway = await startGateway({
      env: gatewayEnv(auditUrl, {
        OAUTH_URL: owners.url,
        USERS_URL: owners.url,
        AUTHORIZATIONS_URL: owners.url,
        LICENSING_URL: owners.url,
        ASSERTION_PRIVATE_KEY: TEST_ASSERTION_KEYS.privateKey,
        PUBLIC_URL: ISSUER,
        OAUTH_JWKS_URL: oauth.jwksUrl(),
      }),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await audit?.close();
    await oauth?.close();
    await owners?.close();
    await db?.drop();
  });

  const direct = (headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${auditUrl}${PROBE}`, { headers });

  it('refuses a direct call without an assertion, with or without the caller’s token', async () => {
    expect((await direct()).status).toBe(401);
    expect((await direct({ authorization: `Bearer ${callerToken}` })).status).toBe(401);
    expect((await direct({ [ASSERTION_HEADER]: callerToken })).status).toBe(401);
  });

  it('refuses assertions meant for another service or signed by another key', async () => {
    const forUsers = await assertionFor('users', { scopes: ['audit.read'] });
    const foreign = await new AssertionSigner(generateAssertionKeys().privateKey).sign(
      { clientId: 'x', scopes: ['audit.read'], tokenId: 't', requestId: 'r' },
      'audit',
    );
    expect((await direct({ [ASSERTION_HEADER]: forUsers })).status).toBe(401);
    expect((await direct({ [ASSERTION_HEADER]: foreign })).status).toBe(401);
  });

  it('checks the route’s @Scopes again behind the gateway (defence in depth)', async () => {
    const withoutScope = await assertionFor('audit', { scopes: ['users.suite'] });
    const admin = await assertionFor('audit', { scopes: ['platform.admin'] });
    expect((await direct({ [ASSERTION_HEADER]: withoutScope })).status).toBe(403);
    expect((await direct({ [ASSERTION_HEADER]: admin })).status).toBe(200);
  });

  it('serves the same route through the gateway, knowing the caller from the assertion alone', async () => {
    const res = await fetch(`${gateway.url}${PROBE}`, {
      headers: { authorization: `Bearer ${callerToken}`, 'x-request-id': 'req-port' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      clientId: 'reporting',
      scopes: ['audit.read'],
      tokenId: 'jti-reporting',
      requestId: 'req-port',
    });
  });
});
