import { BadRequestException } from '@nestjs/common';

/**
 * A `filter` or `sort` the API cannot accept: a 400 problem+json whose detail names the
 * 0-based position of the offending token, also given as the `position` extension member.
 */
export class InvalidListQueryError extends BadRequestException {
  constructor(
    readonly parameter: 'filter' | 'sort',
    readonly reason: string,
    readonly position: number,
  ) {
    const detail = `Invalid ${parameter} at position ${position}: ${reason}`;
    super({ message: detail, position, errors: [{ field: parameter, messages: [detail] }] });
  }
}
