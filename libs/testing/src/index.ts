export * from './backends';
export * from './database';
export * from './mock-broker';
export * from './assertions';
export * from './polling';
