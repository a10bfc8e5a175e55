export * from './connect';
export * from './schema';
export * from './engine-store';
export * from './flows';
export * from './run-queries';
export * from './failure-queries';
export * from './json';
export * from './publishing';
