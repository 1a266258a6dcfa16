import { actorId } from './principal';

describe('actorId', () => {
  it('is the user when a user signed in', () => {
    expect(actorId({ clientId: 'c1', userId: 'u1' })).toBe('u1');
  });
  it('is the client for a service token', () => {
    expect(actorId({ clientId: 'c1' })).toBe('c1');
  });
});
