import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AllowList } from './allow-list';
import { FilterCompiler } from './filter-compiler';
import { FilterParser } from './filter-parser';
import { DEFAULT_LIMIT, ListQuery } from './list-query.dto';
import { parseSort } from './sort';

/** The list answer of spec §4. */
export interface Page<T> {
  offset: number;
  limit: number;
  hasNext: boolean;
  content: T[];
}

export interface PaginateOptions {
  /**
   * Public name appended as the last sort key so pages are stable (rows with equal sort keys
   * would otherwise move between pages). Default: `id` when the allow-list has it.
   */
  tieBreaker?: string;
  /** Prefix of the filter's parameter names; change it if the builder already uses `flt_`. */
  paramPrefix?: string;
}

/** Adds the caller's `filter` to the builder as one parenthesised, parameterised `AND` condition. */
export function applyFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filter: string | undefined,
  allowList: AllowList,
  paramPrefix?: string,
): SelectQueryBuilder<T> {
  const tree = filter === undefined ? undefined : new FilterParser().parse(filter);
  if (!tree) return qb;
  const { sql, params } = new FilterCompiler(allowList, paramPrefix).compile(tree);
  return qb.andWhere(`(${sql})`, params);
}

/** Adds `sort` (or `order`) and the tie-breaker to the builder. */
export function applySort<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: Pick<ListQuery, 'sort' | 'order'>,
  allowList: AllowList,
  tieBreaker = 'id',
): SelectQueryBuilder<T> {
  const source = query.sort ?? query.order;
  const keys = source?.trim() ? parseSort(source, allowList) : [];
  const tie = Object.prototype.hasOwnProperty.call(allowList, tieBreaker)
    ? allowList[tieBreaker].column
    : undefined;
  if (tie && !keys.some((k) => k.column === tie)) keys.push({ column: tie, direction: 'ASC' });
  keys.forEach((key, i) =>
    i === 0 ? qb.orderBy(key.column, key.direction) : qb.addOrderBy(key.column, key.direction),
  );
  return qb;
}

/**
 * Runs a list query: filter, sort, then one page. Fetches `limit + 1` rows so `hasNext` needs
 * no count query. Filter and sort errors are 400s ({@link InvalidListQueryError}).
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQuery,
  allowList: AllowList,
  options: PaginateOptions = {},
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  applyFilter(qb, query.filter, allowList, options.paramPrefix);
  applySort(qb, query, allowList, options.tieBreaker);
  const rows = await qb
    .limit(limit + 1)
    .offset(offset)
    .getMany();
  return { offset, limit, hasNext: rows.length > limit, content: rows.slice(0, limit) };
}

/** Maps a page's content (entities to response DTOs) keeping its paging fields. */
export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { ...page, content: page.content.map(map) };
}
