export * from './principal';
export * from './assertion';
export * from './decorators';
export * from './assertion.guard';
export * from './auth.module';
export * from './internal';
export * from './secret-box';
export * from './reusable-assertions';
