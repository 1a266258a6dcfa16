import { composeOpenApi } from './compose-openapi';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const reply = (name: string) => ({
  200: { description: 'ok', content: { 'application/json': { schema: ref(name) } } },
});

describe('composeOpenApi', () => {
  const users = {
    paths: {
      '/usuarios/v0.1/api/usuarios/{id}': { get: { responses: reply('Error') } },
      '/internal/credentials': { post: { responses: reply('Error') } },
    },
    components: {
      schemas: {
        Error: { type: 'object', properties: { a: { type: 'string' } } },
        Page: { type: 'object' },
      },
    },
  };
  const audit = {
    paths: { '/audit/v1/events': { get: { responses: reply('Error') } } },
    components: {
      schemas: {
        Error: { type: 'object', properties: { b: { type: 'string' } } },
        Page: { type: 'object' },
      },
    },
  };
  const doc = composeOpenApi(
    [
      { service: 'users', document: users },
      { service: 'audit', document: audit },
    ],
    { publicUrl: 'https://api.test', version: '1', unavailable: ['webhooks'] },
  ) as {
    paths: Record<
      string,
      Record<string, { responses: unknown; security: unknown; 'x-required-scopes'?: unknown }>
    >;
    components: { schemas: Record<string, unknown> };
    'x-unavailable-services': string[];
  };

  it('keeps only the operations the gateway exposes, marked with the scopes they need', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/audit/v1/events',
      '/usuarios/v0.1/api/usuarios/{id}',
    ]);
    expect(doc.paths['/audit/v1/events']!['get']!['x-required-scopes']).toEqual(['audit.read']);
    expect(doc.paths['/audit/v1/events']!['get']!.responses).toMatchObject({
      200: expect.anything(),
      401: { $ref: '#/components/responses/GatewayUnauthorized' },
    });
  });

  it('prefixes a schema name two services define differently and shares an identical one', () => {
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['AuditError', 'Error', 'Page']);
    expect(JSON.stringify(doc.paths['/audit/v1/events'])).toContain(
      '#/components/schemas/AuditError',
    );
    expect(JSON.stringify(doc.paths['/usuarios/v0.1/api/usuarios/{id}'])).toContain(
      '#/components/schemas/Error"',
    );
  });

  it('names the services whose documents were missing', () => {
    expect(doc['x-unavailable-services']).toEqual(['webhooks']);
  });
});
