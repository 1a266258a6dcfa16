import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { findInputFaults, printable, type InputFault } from './well-formed';
import { malformedParameters } from './url-encoded';

interface ParsedRequest {
  query?: unknown;
  params?: unknown;
  body?: unknown;
}

/**
 * Refuses a request whose query, path parameters or body (JSON, deeply, keys too; forms) hold a
 * string the database cannot store, or a parameter that was not valid percent-encoded UTF-8:
 * a 400 naming each field. A guard, registered by `createServiceApp` for every route, so it runs
 * before any route guard that may already look a parameter up; its error goes through the
 * route's own exception filter (problem+json, or RFC 6749 JSON on the OAuth endpoints).
 */
@Injectable()
export class WellFormedInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const faults = requestFaults(context.switchToHttp().getRequest<ParsedRequest>());
    if (faults.length === 0) return true;
    throw new BadRequestException({
      message: faults.map((f) => f.message).join('; '),
      errors: faults.map((f) => ({ field: f.field, messages: [f.message] })),
    });
  }
}

export function requestFaults(request: ParsedRequest): InputFault[] {
  return [
    ...badlyEncoded(request.query, 'query parameter'),
    ...findInputFaults(request.query, 'query'),
    ...findInputFaults(request.params, 'path'),
    ...badlyEncoded(request.body, 'field'),
    ...findInputFaults(request.body, 'body'),
  ];
}

function badlyEncoded(parsed: unknown, what: string): InputFault[] {
  return malformedParameters(parsed).map((name) => {
    const field = printable(name);
    return { field, message: `${what} ${field} is not valid percent-encoded UTF-8` };
  });
}
