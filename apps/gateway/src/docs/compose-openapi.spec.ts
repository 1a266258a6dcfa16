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
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      'AuditError',
      'Error',
      'FieldError',
      'Page',
      'Problem',
      'ValidationProblem',
    ]);
    expect(JSON.stringify(doc.paths['/audit/v1/events'])).toContain(
      '#/components/schemas/AuditError',
    );
    expect(JSON.stringify(doc.paths['/usuarios/v0.1/api/usuarios/{id}'])).toContain(
      '#/components/schemas/Error"',
    );
  });

  it('secures each operation with the oauth2 scheme and the scopes its route needs', () => {
    const op = doc.paths['/audit/v1/events']!['get']! as unknown as Record<string, unknown>;
    expect(op['security']).toEqual([{ oauth2: ['audit.read'] }, { bearer: [] }]);
    expect(op['parameters']).toContainEqual({ $ref: '#/components/parameters/UserAccess' });
    type Flow = { authorizationUrl?: string; tokenUrl: string; scopes: Record<string, string> };
    type Flows = Record<'authorizationCode' | 'clientCredentials', Flow>;
    const schemes = (
      doc as unknown as { components: { securitySchemes: Record<string, { flows: Flows }> } }
    ).components.securitySchemes;
    const flows = schemes['oauth2']!.flows;
    expect(flows.authorizationCode).toMatchObject({
      authorizationUrl: 'https://api.test/auth/oauth2/authorize',
      tokenUrl: 'https://api.test/auth/oauth2/token',
    });
    expect(Object.keys(flows.clientCredentials.scopes)).toContain('audit.read');
    expect(flows.authorizationCode.scopes['openid']).toEqual(expect.any(String));
    expect(flows.clientCredentials.scopes['openid']).toBeUndefined();
  });

  it('keeps a status a service documents with its own body, adding the problem beside it', () => {
    const licensing = {
      paths: {
        '/licenses/v0.1/api/licensing/validate': {
          get: {
            responses: {
              200: reply('Validation')[200],
              403: {
                description: 'no',
                content: { 'application/json': { schema: ref('Validation') } },
              },
            },
          },
        },
      },
      components: { schemas: { Validation: { type: 'object', properties: {} } } },
    };
    const composed = composeOpenApi([{ service: 'licensing', document: licensing }], {
      publicUrl: 'https://api.test',
      version: '1',
      unavailable: [],
    }) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: object }> }>>;
    };
    const forbidden =
      composed.paths['/licenses/v0.1/api/licensing/validate']!['get']!.responses['403']!;
    expect(Object.keys(forbidden.content).sort()).toEqual([
      'application/json',
      'application/problem+json',
    ]);
  });

  it('lists the platform problem types', () => {
    const types = (doc as unknown as { 'x-problem-types': { type: string }[] })['x-problem-types'];
    expect(types.map((t) => t.type)).toContain('/docs/problems/license-inactive');
  });

  it('names the services whose documents were missing', () => {
    expect(doc['x-unavailable-services']).toEqual(['webhooks']);
  });
});
