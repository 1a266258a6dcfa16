import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a list route's answer (spec §4): `{offset, limit, hasNext, content: [model]}`. */
export function ApiPageResponse(model: Type<unknown>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['offset', 'limit', 'hasNext', 'content'],
        properties: {
          offset: { type: 'integer' },
          limit: { type: 'integer' },
          hasNext: { type: 'boolean' },
          content: { type: 'array', items: { $ref: getSchemaPath(model) } },
        },
      },
    }),
  );
}
