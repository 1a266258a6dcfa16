import { STATUS_CODES } from 'node:http';
import {
  PROBLEM_MEDIA_TYPE,
  PROBLEM_RESPONSES,
  problemContent,
  problemResponseRef,
  problemResponses,
  problemSchemas,
  VALIDATION_PROBLEM_SCHEMA,
} from './problem-schemas';

type Json = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const CHANGES_STATE = new Set(['post', 'put', 'patch', 'delete']);
/**
 * An operation whose errors are not problems (the OAuth endpoints answer RFC 6749 JSON) names,
 * with `@ApiExtension('x-problems', [413])`, the only problem statuses it can still answer.
 */
export const PROBLEMS_EXTENSION = 'x-problems';

/**
 * The problems a service's operation can answer, from what the operation is, so that no
 * controller repeats them (the gateway adds its own: 401, 403, 429):
 * - 400 where it takes input (parameters or a body): the validation pipe and the input guard;
 * - 404 where its path names a resource;
 * - 409 where it creates or changes state (conflicts, an Idempotency-Key in use);
 * - 413 where it takes a body (the body limits);
 * - 422 where it takes an `Idempotency-Key` (a key reused for another request).
 */
export function problemStatusesOf(
  path: string,
  method: string,
  operation: Json,
  item: Json,
): number[] {
  const declared = operation[PROBLEMS_EXTENSION];
  if (Array.isArray(declared)) return declared.filter((s): s is number => typeof s === 'number');
  const parameters = [
    ...((item['parameters'] ?? []) as Json[]),
    ...((operation['parameters'] ?? []) as Json[]),
  ];
  const body = operation['requestBody'] !== undefined;
  const statuses: number[] = [];
  if (body || parameters.length > 0) statuses.push(400);
  if (path.includes('{') || parameters.some((p) => p['in'] === 'path')) statuses.push(404);
  if (CHANGES_STATE.has(method)) statuses.push(409);
  if (body) statuses.push(413);
  const idempotent = parameters.some(
    (p) => p['in'] === 'header' && String(p['name']).toLowerCase() === 'idempotency-key',
  );
  if (idempotent) statuses.push(422);
  return statuses;
}

/**
 * Gives every operation of a service's document its problem responses (`components.responses`,
 * shared) and a problem schema to every error response it declares without one. A response the
 * operation documents itself (e.g. an RFC 6749 error of the token endpoint) is left as it is.
 */
export function documentProblems<T extends object>(document: T): T {
  const doc = document as Json;
  const components = (doc['components'] ??= {}) as Record<string, Json>;
  components['schemas'] = { ...problemSchemas(), ...components['schemas'] };
  components['responses'] = { ...problemResponses(), ...components['responses'] };
  for (const [path, item] of Object.entries((doc['paths'] ?? {}) as Record<string, Json>)) {
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const operation = value as Json;
      const responses = (operation['responses'] ??= {}) as Json;
      for (const status of problemStatusesOf(path, method, operation, item))
        addProblem(responses, status);
      delete operation[PROBLEMS_EXTENSION];
      describeErrorResponses(responses);
      describeEmpty(responses);
    }
  }
  return document;
}

/**
 * The shared problem response for `status`, or, when the operation documents that status with
 * another body (e.g. `validate`'s 403 with a `LicenseValidation`), the problem as a second media
 * type of it: both can happen.
 */
export function addProblem(responses: Json, status: number): void {
  const existing = responses[String(status)] as Json | undefined;
  if (!existing) {
    responses[String(status)] = problemResponseRef(status);
    return;
  }
  const content = existing['content'] as Json | undefined;
  if (!content || '$ref' in existing || PROBLEM_MEDIA_TYPE in content) return;
  Object.assign(content, problemContent(status === 400 ? VALIDATION_PROBLEM_SCHEMA : undefined));
}

/** OpenAPI requires a description; a response the plugin inferred has an empty one. */
function describeEmpty(responses: Json): void {
  for (const [status, value] of Object.entries(responses)) {
    const response = value as Json;
    if (response['description'] === '')
      response['description'] = STATUS_CODES[Number(status)] ?? '';
  }
}

/** An error response declared with a description only (e.g. `@ApiResponse({status: 422})`). */
function describeErrorResponses(responses: Json): void {
  for (const [status, value] of Object.entries(responses)) {
    const response = value as Json;
    if (Number(status) < 400 || '$ref' in response || response['content'] !== undefined) continue;
    const known = PROBLEM_RESPONSES[Number(status)];
    response['description'] ??= known?.description ?? 'A problem.';
    response['content'] = problemContent(status === '400' ? VALIDATION_PROBLEM_SCHEMA : undefined);
  }
}
