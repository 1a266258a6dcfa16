import { PickType } from '@nestjs/swagger';
import { ListQuery } from '@platform/http';

/** The list conventions of spec §4, passed on to the gateway as they are. */
export class PageQuery extends PickType(ListQuery, [
  'limit',
  'offset',
  'filter',
  'sort',
] as const) {}
