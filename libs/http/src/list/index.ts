export * from './allow-list';
export * from './filter-ast';
export * from './filter-compiler';
export * from './filter-parser';
export * from './list-errors';
export * from './list-query.dto';
export * from './paginate';
export * from './sort';
