import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { problemBody } from '../problem/problem-types';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { IdempotencyRepository, type Claim, type KeyUse } from './idempotency.repository';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.options';
import { requestFingerprint } from './request-fingerprint';

/** The part of the gateway's assertion that says who is calling (libs/auth's Principal). */
interface Caller {
  clientId: string;
  userId?: string;
  context?: { entity: string; database: string };
}

/** Set on an answer given again for a retried key (as Stripe and others name it). */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Runs an `@Idempotent()` route at most once per key and caller (client + user + context): the
 * first request claims the key in the service's database and its answer is kept; a retry gets
 * that answer back; a retry while the first still runs is a 409; the key with another route or
 * body is a 422. Without the header the route runs as usual. A request that fails releases its
 * key: the create use cases write in one transaction, so a failure created nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const options = this.reflector.get<IdempotentOptions | undefined>(
      IDEMPOTENT,
      context.getHandler(),
    );
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Caller }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (!options || key === undefined || !request.principal) return next.handle();
    const use: KeyUse = {
      caller: callerOf(request.principal),
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    };
    const claim = await this.store.claim(use);
    if (claim.kind === 'claimed') return this.runOnce(next, reply, use, claim.claim, options);
    return this.answerRetry(claim, reply);
  }

  private runOnce(
    next: CallHandler,
    reply: FastifyReply,
    use: KeyUse,
    claim: string,
    options: IdempotentOptions,
  ): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const answer = { status: reply.statusCode, body };
        await this.store
          .complete(use, claim, answer, options.answersSecret === true)
          // The resource exists: answer it. A retry then finds the key in flight, then cut off.
          .catch((e: unknown) => this.logger.error({ err: e }, 'could not keep an answer'));
        return body;
      }),
      catchError((error: unknown) =>
        from(
          this.store
            .release(use, claim)
            .catch((e: unknown) => this.logger.error({ err: e }, 'could not release a key')),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private answerRetry(
    claim: Exclude<Claim, { kind: 'claimed' }>,
    reply: FastifyReply,
  ): Observable<unknown> {
    switch (claim.kind) {
      case 'done':
        void reply.status(claim.answer.status).header(REPLAYED_HEADER, 'true');
        return of(claim.answer.body);
      case 'mismatch':
        throw new UnprocessableEntityException(
          problemBody(
            'idempotency-key-reused',
            'This Idempotency-Key was already used for another request (another route or body): use a new key for a new request.',
          ),
        );
      case 'in-flight':
        void reply.header('retry-after', '1');
        throw new ConflictException(
          problemBody(
            'idempotency-key-in-use',
            'A request with this Idempotency-Key is still being processed: retry after it answers.',
          ),
        );
      case 'interrupted':
        throw new ConflictException(
          problemBody(
            'idempotency-outcome-unknown',
            'The request first made with this Idempotency-Key was cut off and may or may not have taken effect: look the resource up before sending it again with a new key.',
          ),
        );
      case 'withheld':
        throw new ConflictException(
          problemBody(
            'idempotency-answer-withheld',
            `The request first made with this Idempotency-Key succeeded (${claim.status}), but its answer is not kept (it held a secret): look the resource up instead of creating it again.`,
          ),
        );
    }
  }
}

/** Keys are per caller: the same key from another client, user or context is another key. */
function callerOf(p: Caller): string {
  return JSON.stringify([
    p.clientId,
    p.userId ?? null,
    p.context?.entity ?? null,
    p.context?.database ?? null,
  ]);
}
