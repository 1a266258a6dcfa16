import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Postgres `integer`: the largest count or offset any list of the platform can need. */
export const MAX_QUERY_INTEGER = 2_147_483_647;

const DECIMAL = /^[+-]?\d{1,16}$/;

/**
 * An integer query parameter, bounded on both sides. Only plain decimal digits count as a number:
 * `Number()` would also take `1e21` (an integer to class-validator, out of range for Postgres),
 * `0x10`, `''` (0) or `Infinity`. Anything else stays text, so `@IsInt` refuses it by name. A
 * repeated parameter (an array) is refused the same way.
 */
export function QueryInteger(bounds: { min: number; max: number }): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => toInteger(value)),
    IsInt(),
    Min(bounds.min),
    Max(bounds.max),
  );
}

function toInteger(value: unknown): unknown {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return value;
  // `+ 0` turns -0 into 0.
  return Number(value) + 0;
}
