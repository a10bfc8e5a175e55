import { defineConfig } from 'vitest/config';

// One runner for everything: unit tests beside the code, integration, PostgreSQL,
// fault and browser tests under test/. The heavy suites (several server processes,
// hundreds of runs, a browser) run one at a time after the rest, so on a 2-core
// machine none of them starves another into a timeout.
const HEAVY = [
  'test/durability/**/*.test.ts',
  'test/odoo/soak.test.ts',
  'test/governance/resilience.test.ts',
  'test/ops/runs-at-scale.test.ts',
  'test/security/fuzz.test.ts',
  'test/**/*.e2e.test.ts',
  'test/approvals/browser.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['packages/**/*.test.ts', 'nodes/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', ...HEAVY],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'heavy',
          include: HEAVY,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
