export * from './records';
export * from './store';
export * from './node-executor';
export * from './backoff';
export * from './engine';
export * from './memory-store';
export * from './worker';
