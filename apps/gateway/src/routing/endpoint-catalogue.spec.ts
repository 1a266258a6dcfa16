import { EndpointCatalogue } from './endpoint-catalogue';

const op = { responses: {} };
const document = (extra: Record<string, unknown> = {}) => ({
  paths: {
    '/usuarios/v0.1/api/usuarios': { get: op, post: op },
    '/usuarios/v0.1/api/usuarios/{id}': { get: op, patch: op, parameters: [] },
    '/usuarios/v0.1/api/usuarios/{id}/photo': { get: op, put: op },
    '/licenses/v0.1/api/licensing/validate': { get: op },
    '/licenses/v0.1/api/licensing/{id}': { patch: op },
    '/licenses/v0.1/api/licensing/{id}/revoke': { post: op },
  },
  ...extra,
});

describe('EndpointCatalogue', () => {
  const catalogue = new EndpointCatalogue();
  beforeAll(() => catalogue.load(document()));

  it('names the documented operation a request is, as METHOD /template', () => {
    expect(catalogue.resolve('GET', '/usuarios/v0.1/api/usuarios/kaio.stricker', 'users')).toEqual({
      kind: 'operation',
      endpoint: 'GET /usuarios/v0.1/api/usuarios/{id}',
    });
    expect(catalogue.resolve('PUT', '/usuarios/v0.1/api/usuarios/k/photo', 'users')).toEqual({
      kind: 'operation',
      endpoint: 'PUT /usuarios/v0.1/api/usuarios/{id}/photo',
    });
    expect(catalogue.resolve('GET', '/usuarios/v0.1/api/usuarios/k/', 'users')).toMatchObject({
      endpoint: 'GET /usuarios/v0.1/api/usuarios/{id}',
    });
  });

  it('prefers a static segment to a parameter, as the services route', () => {
    expect(catalogue.resolve('GET', '/licenses/v0.1/api/licensing/validate', 'licensing')).toEqual({
      kind: 'operation',
      endpoint: 'GET /licenses/v0.1/api/licensing/validate',
    });
    expect(catalogue.resolve('PATCH', '/licenses/v0.1/api/licensing/abc', 'licensing')).toEqual({
      kind: 'operation',
      endpoint: 'PATCH /licenses/v0.1/api/licensing/{id}',
    });
  });

  it('resolves nothing for an undocumented method, path or extra segment', () => {
    for (const [method, path] of [
      ['DELETE', '/usuarios/v0.1/api/usuarios/k'],
      ['GET', '/usuarios/v0.1/api/usuarios/k/photo/x'],
      ['GET', '/usuarios/v0.1/api/other'],
      ['GET', '/USUARIOS/v0.1/api/usuarios'],
    ] as const) {
      expect(catalogue.resolve(method, path, 'users')).toEqual({ kind: 'unknown' });
    }
  });

  it('says "incomplete", not "unknown", before it is loaded or for a service it lacks', () => {
    expect(new EndpointCatalogue().resolve('GET', '/a', 'users')).toEqual({ kind: 'incomplete' });
    const partial = new EndpointCatalogue();
    partial.load(document({ 'x-unavailable-services': ['webhooks'] }));
    expect(partial.isComplete).toBe(false);
    expect(partial.resolve('GET', '/api/v1/webhooks', 'webhooks')).toEqual({ kind: 'incomplete' });
    expect(partial.resolve('GET', '/usuarios/v0.1/api/x/y', 'users')).toEqual({ kind: 'unknown' });
  });
});
