import type { EventEnvelope } from '@platform/contracts';
import { contextAudience } from './event-audience';

const event = (type: string, data: object, entity?: string): EventEnvelope<unknown> => ({
  id: 'e1',
  type,
  source: 'test',
  time: '2026-01-01T00:00:00Z',
  subject: 's1',
  data,
  ...(entity === undefined ? {} : { entity }),
});
const context = { entity: 'E', database: 'D1' };

describe('contextAudience: which context subscriptions an event may reach', () => {
  it('is the exact context an access or license event names', () => {
    const access = { id: 'a', user: 'u', admin: false, role: 'user', context };
    expect(contextAudience(event('access.granted', access, 'E'))).toEqual(context);
    const license = { id: 'l', ...context, system: 's', validFrom: 'x', validUntil: 'y' };
    expect(contextAudience(event('license.created', license, 'E'))).toEqual(context);
  });

  it('is no context for an entity-level or platform-level event', () => {
    expect(contextAudience(event('entity.created', { id: 'E', nome: 'n' }, 'E'))).toBeNull();
    expect(
      contextAudience(event('access.granted', { id: 'a', context: { entity: 'E' } }, 'E')),
    ).toBeNull();
    const user = { id: 'u', name: 'U', email: 'u@example.com', status: 'active' };
    expect(contextAudience(event('user.created', user, 'E'))).toBeNull();
  });

  it('is no context for a message addressed to a user, even one that names a context', () => {
    const toUser = { id: 'm', destination: 'USER', user: 'bob', ...context, text: 't' };
    expect(contextAudience(event('notification.created', toUser, 'E'))).toBeNull();
    const toContext = { id: 'm', destination: 'CONTEXT', ...context, text: 't' };
    expect(contextAudience(event('notification.created', toContext, 'E'))).toEqual(context);
  });

  it('is no context when the envelope entity and the payload disagree', () => {
    const license = { id: 'l', ...context, system: 's', validFrom: 'x', validUntil: 'y' };
    expect(contextAudience(event('license.created', license, 'F'))).toBeNull();
    expect(contextAudience(event('license.created', license))).toEqual(context);
  });
});
