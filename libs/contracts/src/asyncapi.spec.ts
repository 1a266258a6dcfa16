import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildAsyncApi,
  eventDefinitions,
  validatePayload,
  InvalidEventPayload,
  UserCreated,
} from './index';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json');

/** The event types the product contract (spec section 5) promises. */
const PROMISED = [
  'user.created',
  'user.updated',
  'user.disabled',
  'access.granted',
  'access.revoked',
  'access_request.created',
  'access_request.approved',
  'access_request.denied',
  'entity.created',
  'license.created',
  'license.expired',
  'license.revoked',
  'notification.created',
  'notification.read',
  'client.created',
  'client.secret_rotated',
  'client.deleted',
  'token.revoked',
  'webhook.disabled',
];

describe('event catalogue', () => {
  it('defines every event type the contract promises', () => {
    const types = eventDefinitions().map((d) => d.type);
    expect(types).toEqual(expect.arrayContaining(PROMISED));
  });

  it('documents each type on its topic with CloudEvents headers and a payload schema', () => {
    const doc = buildAsyncApi() as {
      channels: Record<string, { messages: Record<string, unknown> }>;
      components: {
        messages: Record<
          string,
          { name: string; headers: { required: string[] }; payload: { required: string[] } }
        >;
      };
    };
    const names = Object.values(doc.components.messages).map((m) => m.name);
    expect(names.sort()).toEqual(
      eventDefinitions()
        .map((d) => d.type)
        .sort(),
    );
    const created = Object.values(doc.components.messages).find((m) => m.name === 'user.created')!;
    expect(created.headers.required).toEqual(
      expect.arrayContaining(['ce_id', 'ce_type', 'ce_subject']),
    );
    expect(created.payload.required).toEqual(expect.arrayContaining(['id', 'email', 'status']));
    expect(Object.keys(doc.channels['platform.users']!.messages)).toContain('user_created');
  });

  it('matches the committed docs/asyncapi.json (UPDATE_ASYNCAPI=1 rewrites it)', () => {
    const generated = JSON.stringify(buildAsyncApi(), null, 2) + '\n';
    if (process.env['UPDATE_ASYNCAPI'] === '1') writeFileSync(DOC, generated);
    expect(existsSync(DOC)).toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });

  it('validates payloads against their classes', () => {
    expect(() =>
      validatePayload(UserCreated, { id: 'a', name: 'A', email: 'nope', status: 'active' }),
    ).toThrow(InvalidEventPayload);
    const ok = validatePayload(UserCreated, {
      id: 'a',
      name: 'A',
      email: 'a@b.co',
      status: 'active',
    });
    expect(ok).toBeInstanceOf(UserCreated.payload);
  });
});
