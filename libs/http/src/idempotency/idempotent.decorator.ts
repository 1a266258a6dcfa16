import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.options';

/**
 * Makes a create route honour `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a
 * retry with the key answers the first answer again without running the route twice. The
 * service registers IdempotencyModule and the idempotencyMigrations (docs/idempotency.md).
 * Its 409 and 422 are documented from the header by the OpenAPI problem mechanism (document-problems.ts),
 * not here: a declared response would stop the swagger plugin from documenting the success answer.
 */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A unique value per intended request (e.g. a UUID). A retry with the same key, by the same caller, with the same body, answers the first answer again (kept 24 h).',
    }),
  );
