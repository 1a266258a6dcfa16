export * from './databases';
export * from './embedded-postgres';
export * from './migrations';
export * from './persistence.module';
export * from './free-ports';
export * from './pg-errors';
