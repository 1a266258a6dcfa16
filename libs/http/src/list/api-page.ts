import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a list route's answer (spec §4): `{offset, limit, hasNext, content: [model]}`. */
export function ApiPageResponse(
  model: Type<unknown>,
  description = 'A page of the list.',
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['offset', 'limit', 'hasNext', 'content'],
        properties: {
          offset: { type: 'integer', minimum: 0 },
          limit: { type: 'integer', minimum: 1 },
          hasNext: { type: 'boolean', description: 'True when another page follows.' },
          content: { type: 'array', items: { $ref: getSchemaPath(model) } },
        },
      },
    }),
  );
}
