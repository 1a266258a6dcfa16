import type { FastifyReply } from 'fastify';

/** What every openapi-fetch call resolves to. */
export interface UpstreamResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const problem = (status: number, title: string, detail: string) => ({
  type: 'about:blank',
  title,
  status,
  detail,
});

/**
 * Hands the gateway's answer to the browser as it came (status and body; problem+json stays
 * problem+json), except: a 401 means the user's platform session is gone (the SPA then signs in
 * again), and a 5xx is reported as 502 without the upstream's body.
 */
export async function relay(
  reply: FastifyReply,
  call: Promise<UpstreamResult>,
): Promise<FastifyReply> {
  const { data, error, response } = await call;
  const status = response.status;
  if (status === 401) {
    return reply
      .status(401)
      .type('application/problem+json')
      .send(
        problem(401, 'Unauthorized', 'The platform no longer accepts this session; sign in again.'),
      );
  }
  if (status >= 500) {
    return reply
      .status(502)
      .type('application/problem+json')
      .send(problem(502, 'Bad Gateway', `The platform answered ${status}.`));
  }
  if (status === 204 || (data === undefined && error === undefined))
    return reply.status(status).send();
  const type = response.headers.get('content-type') ?? 'application/json';
  return reply
    .status(status)
    .type(type)
    .send(data ?? error);
}
