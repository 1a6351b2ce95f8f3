import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One worker (2 cores, vitest's default) imports the project's modules once instead of once per
    // file: 24 minutes became about 14. Files must leave nothing behind (timers, spies, env) for the next.
    isolate: false,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
