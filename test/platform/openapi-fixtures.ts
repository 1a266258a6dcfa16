/**
 * OpenAPI documents of two fake services: one with a path the route table does not expose and
 * a `Problem` schema that the other defines differently, to exercise the gateway's merge.
 */
export const serviceA = {
  openapi: '3.0.0',
  info: { title: 'a', version: '1' },
  paths: {
    '/usuarios/v0.1/api/usuarios/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
          },
        },
      },
    },
    '/auth/oauth2/token': { post: { responses: { 200: { description: 'ok' } } } },
    '/internal/credentials/check': { post: { responses: { 204: { description: 'internal' } } } },
  },
  components: {
    schemas: {
      User: { type: 'object', properties: { id: { type: 'string' } } },
      Problem: { type: 'object', properties: { title: { type: 'string' } } },
    },
  },
};
export const notificationsDoc = {
  openapi: '3.0.0',
  info: { title: 'notifications', version: '1' },
  paths: {
    '/notifications/api/messages': {
      get: {
        responses: {
          400: {
            description: 'bad',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: { Problem: { type: 'object', properties: { code: { type: 'integer' } } } },
  },
};
