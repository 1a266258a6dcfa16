import { documentProblems } from './document-problems';

type Json = Record<string, unknown>;
const ok = {
  200: { description: '', content: { 'application/json': { schema: { type: 'object' } } } },
};

function responsesOf(doc: Json, path: string, method: string): Record<string, Json> {
  const paths = doc['paths'] as Record<string, Record<string, { responses: Record<string, Json> }>>;
  return paths[path]![method]!.responses;
}

describe('documentProblems', () => {
  const doc = documentProblems({
    paths: {
      '/things': {
        get: { responses: ok },
        post: {
          parameters: [{ name: 'Idempotency-Key', in: 'header' }],
          requestBody: { content: {} },
          responses: { 201: { description: '' } },
        },
      },
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path' }],
        delete: { responses: { 204: { description: '' } } },
      },
      '/oauth/token': {
        post: {
          'x-problems': [413],
          requestBody: { content: {} },
          responses: {
            ...ok,
            400: { description: 'RFC 6749', content: { 'application/json': {} } },
          },
        },
      },
    },
  }) as Json;
  const statuses = (path: string, method: string) =>
    Object.keys(responsesOf(doc, path, method)).sort();

  it('gives each operation the problems its shape allows', () => {
    expect(statuses('/things', 'get')).toEqual(['200']);
    expect(statuses('/things', 'post')).toEqual(['201', '400', '409', '413', '422']);
    expect(statuses('/things/{id}', 'delete')).toEqual(['204', '400', '404', '409']);
  });

  it('points at shared problem responses whose 400 lists field errors', () => {
    expect(responsesOf(doc, '/things', 'post')['400']).toEqual({
      $ref: '#/components/responses/BadRequestProblem',
    });
    const components = doc['components'] as Record<string, Record<string, Json>>;
    expect(components['responses']!['BadRequestProblem']).toMatchObject({
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/ValidationProblem' } },
      },
    });
    expect(components['schemas']!['ValidationProblem']).toMatchObject({
      properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } } },
    });
  });

  it('keeps an operation’s own error answers and names only the problems it declares', () => {
    expect(statuses('/oauth/token', 'post')).toEqual(['200', '400', '413']);
    expect(responsesOf(doc, '/oauth/token', 'post')['400']).toMatchObject({
      description: 'RFC 6749',
    });
    expect(JSON.stringify(doc)).not.toContain('x-problems');
  });

  it('describes responses the plugin left without a description', () => {
    expect(responsesOf(doc, '/things', 'get')['200']!['description']).toBe('OK');
  });
});
