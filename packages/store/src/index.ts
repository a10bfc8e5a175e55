export * from './connect';
export * from './schema';
export * from './engine-store';
export * from './flows';
export * from './run-queries';
export * from './json';
