import { AllowList, fieldOf } from './allow-list';
import { InvalidListQueryError } from './list-errors';

export interface SortKey {
  column: string;
  direction: 'ASC' | 'DESC';
}

const MAX_SORT_KEYS = 8;
const ITEM = /^\s*([A-Za-z_][A-Za-z0-9_.]*)(?:\s+(asc|desc))?\s*$/i;

/**
 * Parses `"nome asc, id desc"` (the `sort`/`order` parameter of `002_*`) into allow-listed
 * columns; the direction defaults to ascending.
 */
export function parseSort(source: string, allowList: AllowList): SortKey[] {
  const keys: SortKey[] = [];
  let position = 0;
  for (const item of source.split(',')) {
    const match = ITEM.exec(item);
    if (!match) throw new InvalidListQueryError('sort', "expected 'field [asc|desc]'", position);
    const at = position + item.indexOf(match[1]);
    const spec = fieldOf(allowList, match[1]);
    if (!spec || spec.sortable === false)
      throw new InvalidListQueryError('sort', `unknown field '${match[1]}'`, at);
    if (keys.length === MAX_SORT_KEYS)
      throw new InvalidListQueryError('sort', `more than ${MAX_SORT_KEYS} fields`, at);
    keys.push({
      column: spec.column,
      direction: match[2]?.toLowerCase() === 'desc' ? 'DESC' : 'ASC',
    });
    position += item.length + 1;
  }
  return keys;
}
