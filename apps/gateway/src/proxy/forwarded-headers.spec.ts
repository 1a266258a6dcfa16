import { forwardedHeaders, type ForwardingFacts } from './forwarded-headers';

const facts: ForwardingFacts = {
  requestId: 'rid-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01',
  clientIp: '10.0.0.9',
  protocol: 'https',
  host: 'api.example.test',
  assertion: 'signed.jwt.value',
  stripAuthorization: true,
};

describe('forwardedHeaders', () => {
  const incoming = {
    accept: 'application/json',
    authorization: 'Bearer caller-token',
    'x-platform-assertion': 'forged',
    connection: 'keep-alive, x-secret-hop',
    'x-secret-hop': 'only for the next hop',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
    'x-forwarded-for': '6.6.6.6',
    'x-forwarded-host': 'evil.test',
    'x-forwarded-prefix': '/admin',
    forwarded: 'for=6.6.6.6',
    'user-access': 'access-1',
  };

  it('keeps end-to-end headers and replaces everything a caller could forge', () => {
    expect(forwardedHeaders(incoming, facts)).toEqual({
      accept: 'application/json',
      'user-access': 'access-1',
      'x-request-id': 'rid-1',
      traceparent: facts.traceparent,
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'api.example.test',
      'x-platform-assertion': 'signed.jwt.value',
    });
  });

  it('passes Authorization through where oauth authenticates the client itself, with no assertion', () => {
    const headers = forwardedHeaders(incoming, {
      ...facts,
      assertion: undefined,
      stripAuthorization: false,
    });
    expect(headers['authorization']).toBe('Bearer caller-token');
    expect(headers['x-platform-assertion']).toBeUndefined();
  });
});
