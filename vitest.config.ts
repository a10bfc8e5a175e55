import { defineConfig } from 'vitest/config';

// One runner for everything: unit tests beside the code, integration, PostgreSQL,
// fault and browser tests under test/. Slow suites get longer timeouts in-file.
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'nodes/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
