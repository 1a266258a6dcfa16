import { PROBLEM_KINDS, PROBLEM_TYPES_PATH, problemTypeUri } from '../problem/problem-types';

type Json = Record<string, unknown>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_SCHEMA = 'Problem';
export const VALIDATION_PROBLEM_SCHEMA = 'ValidationProblem';
export const FIELD_ERROR_SCHEMA = 'FieldError';

const ref = (kind: 'schemas' | 'responses', name: string): Json => ({
  $ref: `#/components/${kind}/${name}`,
});

/** The platform's problem kinds as the document lists them (`x-problem-types`). */
export function problemTypesList(): Json[] {
  return Object.entries(PROBLEM_KINDS).map(([name, kind]) => ({
    type: problemTypeUri(name as keyof typeof PROBLEM_KINDS),
    status: kind.status,
    title: kind.title,
    description: kind.description,
  }));
}

const problemDescription = [
  'An RFC 9457 problem (`application/problem+json`). `type` is `about:blank` for a plain HTTP',
  `status, or one of the platform's own kinds, a path under \`${PROBLEM_TYPES_PATH}\` (resolved`,
  'against the request URL it is a page describing the kind; `x-problem-types` lists them all):',
  ...Object.entries(PROBLEM_KINDS).map(([name, k]) => `- \`${name}\` (${k.status}): ${k.title}.`),
].join('\n');

function problemProperties(): Json {
  return {
    type: {
      type: 'string',
      format: 'uri-reference',
      default: 'about:blank',
      example: problemTypeUri('validation'),
      description: "The problem's kind: `about:blank`, or a platform kind (see above).",
    },
    title: { type: 'string', description: 'A short summary of the kind; the same every time.' },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status.' },
    detail: { type: 'string', description: 'What went wrong this time, for a person to read.' },
    instance: {
      type: 'string',
      format: 'uri-reference',
      description: 'The path of the request that failed.',
    },
  };
}

/** `components.schemas` every service's document carries (the gateway merges identical ones). */
export function problemSchemas(): Record<string, Json> {
  return {
    [PROBLEM_SCHEMA]: {
      type: 'object',
      description: problemDescription,
      required: ['type', 'title', 'status'],
      properties: problemProperties(),
      // RFC 9457 §3.2 extension members, e.g. `code`, `reason`, `license`, `position`.
      additionalProperties: true,
    },
    [FIELD_ERROR_SCHEMA]: {
      type: 'object',
      description: 'One bad field of a request and what is wrong with it.',
      required: ['field', 'messages'],
      properties: {
        field: {
          type: 'string',
          description:
            'The parameter, header or body field (a dotted path for nested ones, e.g. `context.entity`).',
        },
        messages: { type: 'array', items: { type: 'string' } },
      },
    },
    [VALIDATION_PROBLEM_SCHEMA]: {
      type: 'object',
      description: `A 400 problem. When it lists \`errors\` its type is \`${problemTypeUri('validation')}\`; a 400 about the request as a whole (e.g. an image whose bytes are not its declared type) has no \`errors\`.`,
      required: ['type', 'title', 'status'],
      properties: {
        ...problemProperties(),
        errors: { type: 'array', items: ref('schemas', FIELD_ERROR_SCHEMA) },
      },
      additionalProperties: true,
    },
  };
}

/** The problem responses an operation may get, by status; shared `components.responses`. */
export const PROBLEM_RESPONSES: Record<number, { name: string; description: string }> = {
  400: {
    name: 'BadRequestProblem',
    description: 'The request is not valid: `errors` names each bad field.',
  },
  401: { name: 'UnauthorizedProblem', description: 'No valid credentials.' },
  403: { name: 'ForbiddenProblem', description: 'The caller may not do this.' },
  404: {
    name: 'NotFoundProblem',
    description: 'No such resource (or not one the caller may see).',
  },
  409: {
    name: 'ConflictProblem',
    description:
      'The change conflicts with the current state (e.g. it exists already), or the request first made with this Idempotency-Key is still running (`idempotency-key-in-use`), was cut off (`idempotency-outcome-unknown`) or answered a secret that is not kept (`idempotency-answer-withheld`).',
  },
  413: { name: 'PayloadTooLargeProblem', description: 'The body is over the size limit.' },
  422: {
    name: 'UnprocessableProblem',
    description:
      'This Idempotency-Key was first used for another request (`idempotency-key-reused`).',
  },
  429: { name: 'TooManyRequestsProblem', description: 'Too many requests: see `Retry-After`.' },
};

export function problemContent(schema: string = PROBLEM_SCHEMA): Json {
  return { [PROBLEM_MEDIA_TYPE]: { schema: ref('schemas', schema) } };
}

export function problemResponses(): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(PROBLEM_RESPONSES).map(([status, { name, description }]) => [
      name,
      {
        description,
        content: problemContent(status === '400' ? VALIDATION_PROBLEM_SCHEMA : PROBLEM_SCHEMA),
      },
    ]),
  );
}

export const problemResponseRef = (status: number): Json | undefined => {
  const known = PROBLEM_RESPONSES[status];
  return known ? ref('responses', known.name) : undefined;
};
