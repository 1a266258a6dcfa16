import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable } from './dependency-unavailable';
import { PROBLEM_KINDS, problemKindOf, problemTypeUri } from './problem-types';

/** RFC 9457 problem details. `errors` lists each bad field for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; messages: string[] }[];
  [extension: string]: unknown;
}

/**
 * Turns every error into `application/problem+json`. Client errors keep their status and
 * message; anything unexpected is a 500 whose cause is logged, never sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = toProblem(exception);
    problem.instance = request.url?.split('?')[0];
    if (problem.status === 503 && isDependencyUnavailable(exception)) {
      this.logger.warn({ err: exception, requestId: request.id }, 'a dependency is unavailable');
      void reply.header('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }
}

export function toProblem(exception: unknown): Problem {
  return withProblemType(untypedProblem(exception));
}

/**
 * Names the platform's own kinds (problem-types.ts): a 400 that lists bad fields is a validation
 * problem, and a problem of a known kind gets that kind's title (RFC 9457 §3.1.3: the title
 * belongs to the type, not to the occurrence).
 */
export function withProblemType(problem: Problem): Problem {
  if (problem.type === 'about:blank' && problem.status === 400 && Array.isArray(problem.errors))
    problem.type = problemTypeUri('validation');
  const kind = problemKindOf(problem.type);
  if (kind) problem.title = PROBLEM_KINDS[kind].title;
  return problem;
}

function untypedProblem(exception: unknown): Problem {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const base: Problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
    if (typeof body === 'string') return { ...base, detail: body };
    const { message, error: _error, statusCode: _s, ...rest } = body as Record<string, unknown>;
    const detail = Array.isArray(message) ? message.join('; ') : (message as string | undefined);
    return { ...base, ...rest, detail } as Problem;
  }
  // Fastify's own client errors (bad JSON, body too large, unsupported media type).
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      type: 'about:blank',
      title: STATUS_CODES[statusCode] ?? 'Error',
      status: statusCode,
      detail: (exception as Error).message,
    };
  }
  if (isDependencyUnavailable(exception)) {
    return {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'A service this request needs is briefly unavailable; retry shortly.',
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred.',
  };
}

/**
 * Fastify's own refusals before any route runs (a path that is not valid percent-encoding, a
 * path parameter over the length limit), as problem+json instead of Fastify's error shape.
 */
export function frameworkErrorReply(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = toProblem(error);
  problem.instance = request.url?.split('?')[0];
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json')
    .send(problem);
}
