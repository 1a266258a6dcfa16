import { BadRequestException } from '@nestjs/common';
import { fieldOf, type AllowList } from '@platform/http';

/**
 * Picks the requested fields (`?fields=esfera,nome`) from a response; `id` always stays so the
 * rows remain addressable. Unknown names are a 400 naming them, not silently dropped.
 */
export function sparseFields<T extends object>(
  fields: string | undefined,
  allowList: AllowList,
): (item: T) => Partial<T> {
  if (fields === undefined) return (item) => item;
  const names = [...new Set(['id', ...fields.split(',').map((f) => f.trim())])];
  const unknown = names.filter((n) => !fieldOf(allowList, n));
  if (unknown.length > 0) throw new BadRequestException(`unknown fields: ${unknown.join(', ')}`);
  return (item) =>
    Object.fromEntries(names.map((n) => [n, (item as Record<string, unknown>)[n]])) as Partial<T>;
}
