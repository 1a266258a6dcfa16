import { generateAssertionKeys } from '@platform/auth';
import {
  ClientSecretRotated,
  SecurityDecision,
  Topics,
  TokenRevoked,
  UserDisabled,
  type EventDefinition,
} from '@platform/contracts';
import {
  createTestDatabase,
  describeKafka,
  eventually,
  kafkaBrokers,
  type TestDatabase,
} from '@platform/testing';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { SecurityEventFeed } from '../../apps/gateway/src/auth/events/event-feed';
import { gatewayEnv, startGateway, type TestGateway } from './gateway-harness';
import { startRecordingService, type RecordingService } from './recording-service';
import { TestTokenIssuer } from './token-issuer';

const ISSUER = 'https://api.example.test';
const USERS = '/usuarios/v0.1/api/usuarios';
const keys = generateAssertionKeys();

describeKafka(
  'gateway authentication over Kafka (revocation within 1 s, state at boot, audit)',
  () => {
    let kafka: Kafka;
    let producer: Producer;
    let oauth: TestTokenIssuer;
    let service: RecordingService;
    /** The gateways' database: the outbox of their refusals, shared as in production. */
    let db: TestDatabase;
    const gateways: TestGateway[] = [];

    /** As oauth's outbox relay writes it: CloudEvents binary mode, keyed by the aggregate id. */
    async function publish<T extends object>(
      def: EventDefinition<T>,
      subject: string,
      data: T,
    ): Promise<void> {
      await producer.send({
        topic: def.topic,
        acks: -1,
        messages: [
          {
            key: subject,
            value: JSON.stringify(data),
            headers: {
              ce_specversion: '1.0',
              ce_id: randomUUID(),
              ce_type: def.type,
              ce_source: 'oauth',
              ce_time: new Date().toISOString(),
              ce_subject: subject,
            },
          },
        ],
      });
    }

    async function bootGateway(): Promise<TestGateway> {
      const gateway = await startGateway({
        env: gatewayEnv(service.url, {
          ASSERTION_PRIVATE_KEY: keys.privateKey,
          PUBLIC_URL: ISSUER,
          OAUTH_JWKS_URL: oauth.jwksUrl(),
          KAFKA_BROKERS: kafkaBrokers()!.join(','),
          KAFKA_MAX_WAIT_MS: '50',
          DATABASE_URL: db.url,
        }),
      });
      gateways.push(gateway);
      expect(await gateway.app.get(SecurityEventFeed).waitCaughtUp(30_000)).toBe(true);
      return gateway;
    }

    const call = (
      g: TestGateway,
      token: string,
      requestId: string = randomUUID(),
    ): Promise<Response> =>
      fetch(`${g.url}${USERS}`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
      });

    beforeAll(async () => {
      kafka = new Kafka({
        clientId: 'gateway-auth-test',
        brokers: kafkaBrokers()!,
        logLevel: logLevel.NOTHING,
      });
      producer = kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      oauth = await TestTokenIssuer.start(ISSUER);
      service = await startRecordingService('users', keys.publicKey);
      db = await createTestDatabase('gateway_kafka');
    });

    afterAll(async () => {
      for (const g of gateways) await g.close();
      await producer?.disconnect();
      await service?.close();
      await oauth?.close();
      await db?.drop();
    });

    it('refuses a token within one second of its token.revoked event', async () => {
      const gateway = await bootGateway();
      const jti = randomUUID();
      const token = await oauth.sign({ clientId: 'portal', scopes: ['users.suite'], jti });
      expect((await call(gateway, token)).status).toBe(200);

      const started = performance.now();
      await publish(TokenRevoked, jti, {
        scope: 'token',
        jti,
        reason: 'revoked through /auth/oauth2/revoke',
      });
      let status = 200;
      while (status !== 401 && performance.now() - started < 5_000) {
        status = (await call(gateway, token)).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 10));
      }
      const elapsed = performance.now() - started;
      process.stdout.write(
        `\n  token.revoked → 401 at the gateway in ${elapsed.toFixed(0)} ms (Kafka)\n`,
      );
      expect(status).toBe(401);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('a new instance refuses what was revoked before it started (the owners’ snapshots), and hears what comes after (the feed)', async () => {
      const rotatedClient = `client-${randomUUID()}`;
      const beforeRotation = await oauth.sign({ clientId: rotatedClient, scopes: ['users.suite'] });
      const disabledUser = `user-${randomUUID()}`;
      const ofDisabled = await oauth.sign({
        clientId: 'portal',
        userId: disabledUser,
        scopes: ['users.suite'],
      });
      const laterUser = `user-${randomUUID()}`;
      const ofLater = await oauth.sign({
        clientId: 'portal',
        userId: laterUser,
        scopes: ['users.suite'],
      });
      await new Promise((r) => setTimeout(r, 5));
      // Before the boot: oauth and users committed these (their snapshots) and announced them.
      const rotatedAt = new Date().toISOString();
      service.snapshots.revocations = [
        {
          kind: 'client',
          subject: rotatedClient,
          issuedBefore: rotatedAt,
          expiresAt: null,
          clientDeleted: false,
        },
      ];
      service.snapshots.disabledUsers = [{ id: disabledUser, disabledAt: rotatedAt }];
      await publish(ClientSecretRotated, rotatedClient, { clientId: rotatedClient, rotatedAt });
      await publish(UserDisabled, disabledUser, { id: disabledUser, disabledAt: rotatedAt });

      const fresh = await bootGateway();
      expect((await call(fresh, beforeRotation)).status).toBe(401);
      expect((await call(fresh, ofDisabled)).status).toBe(401);
      const afterRotation = await oauth.sign({ clientId: rotatedClient, scopes: ['users.suite'] });
      expect((await call(fresh, afterRotation)).status).toBe(200);
      expect((await call(fresh, ofLater)).status).toBe(200);
      await publish(UserDisabled, laterUser, {
        id: laterUser,
        disabledAt: new Date().toISOString(),
      });
      let status = 200;
      const refused = async () =>
        (status = (await call(fresh, ofLater)).status) === 401 || undefined;
      await eventually(refused, 5_000, 20).catch(() => undefined);
      expect(status).toBe(401);
      service.snapshots.revocations = [];
      service.snapshots.disabledUsers = [];
    });

    it('refuses at boot what the owners’ snapshots say, though the topics never held those events', async () => {
      const jti = randomUUID();
      const deletedClient = `deleted-${randomUUID()}`;
      const disabledUser = `disabled-${randomUUID()}`;
      const member = `member-${randomUUID()}`;
      const context = { entity: 'e1', database: 'd1' };
      const past = new Date(Date.now() - 60_000).toISOString();
      service.snapshots.revocations = [
        { kind: 'token', subject: jti, issuedBefore: null, expiresAt: null, clientDeleted: false },
        {
          kind: 'client',
          subject: deletedClient,
          issuedBefore: past,
          expiresAt: null,
          clientDeleted: true,
        },
      ];
      service.snapshots.disabledUsers = [{ id: disabledUser, disabledAt: past }];
      service.snapshots.accesses = [
        { id: 'acc-live', user: member, role: 'user', context, active: true },
        { id: 'acc-gone', user: member, role: 'user', context, active: false },
        { id: 'acc-other', user: 'someone', role: 'user', context, active: true },
      ];
      service.snapshotRequests.length = 0;
      const gateway = await bootGateway();

      const revoked = await oauth.sign({ clientId: 'portal', scopes: ['users.suite'], jti });
      const ofDeleted = await oauth.sign({ clientId: deletedClient, scopes: ['users.suite'] });
      const ofDisabled = await oauth.sign({
        clientId: 'portal',
        userId: disabledUser,
        scopes: ['users.suite'],
      });
      for (const token of [revoked, ofDeleted, ofDisabled])
        expect((await call(gateway, token)).status).toBe(401);
      const ofMember = await oauth.sign({
        clientId: 'portal',
        userId: member,
        scopes: ['users.suite'],
      });
      const withAccess = (access: string): Promise<Response> =>
        fetch(`${gateway.url}${USERS}`, {
          headers: { authorization: `Bearer ${ofMember}`, 'user-access': access },
        });
      expect((await withAccess('acc-live')).status).toBe(200);
      expect((await withAccess('acc-gone')).status).toBe(403);
      expect((await withAccess('acc-other')).status).toBe(403);
      // Every owner was read, page by page, each time with a valid internal assertion.
      expect(service.snapshotRequests.length).toBeGreaterThan(3);
      expect(service.snapshotRequests.every((r) => r.verified)).toBe(true);
      service.snapshots.revocations = [];
      service.snapshots.disabledUsers = [];
      service.snapshots.accesses = [];
    });

    it('publishes a security.decision for a refused request (through its outbox)', async () => {
      const gateway = gateways[0]!;
      const requestId = `audit-${randomUUID()}`;
      const expired = await oauth.sign({
        clientId: 'portal',
        scopes: ['users.suite'],
        iat: 1,
        exp: 2,
      });
      expect((await call(gateway, expired, requestId)).status).toBe(401);

      const consumer: Consumer = kafka.consumer({
        groupId: `audit-reader-${randomUUID()}`,
        maxWaitTimeInMs: 50,
      });
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.Security, fromBeginning: true });
      const found = new Promise<Record<string, unknown>>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            const data = JSON.parse(message.value!.toString()) as Record<string, unknown>;
            if (
              String(message.headers?.['ce_type']) === SecurityDecision.type &&
              data['requestId'] === requestId
            ) {
              // The outbox relay's envelope (source /platform/gateway), not a direct send.
              resolve({ ...data, source: String(message.headers?.['ce_source']) });
            }
          },
        });
      });
      const decision = await Promise.race([
        found,
        new Promise((r) => setTimeout(() => r(undefined), 15_000)),
      ]);
      await consumer.disconnect();
      expect(decision).toMatchObject({
        action: 'gateway.authenticate',
        outcome: 'failed',
        reason: 'expired_token',
        target: `GET ${USERS}`,
        source: '/platform/gateway',
      });
    });
  },
);
