import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signatureHeaders } from './signature';

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({
    id: 'evt-1',
    action: 'user.created',
    date: '2026-01-01T00:00:00.000Z',
    data: { a: 1 },
  });

  it('verify with the reference implementation (standardwebhooks)', () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders('evt-1', new Date(), body, [secret]);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('carry one signature per secret, each verifiable on its own (rotation)', () => {
    const [next, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = signatureHeaders('evt-1', new Date(), body, [next, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it('fail verification when the body or the secret differ', () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders('evt-1', new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });
});
