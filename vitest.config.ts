import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own server on port 0 with its own database.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
