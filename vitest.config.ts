import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Files that start their own PostgreSQL + Redis servers (several nodes): nothing to vary per project. */
const POSTGRES_ONLY = ['test/multinode.test.ts', 'test/multinode-failures.test.ts'];

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node, and so every dependency, loads the CJS
    // one; vite would give our sources the ESM one: two graphql instances ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own server on port 0 with its own database.
    fileParallelism: true,
    maxWorkers: 2,
    // Every test file runs twice: on the zero-setup stack, and on the production one (a fresh PostgreSQL
    // database per server, the Redis bus and presence store under a per-server key prefix); see
    // test/support/server.ts. `npx vitest run --project sqlite test/x.test.ts` runs one of them.
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', env: { TEST_DB: 'sqlite', TEST_BUS: 'memory' }, exclude: [...configDefaults.exclude, ...POSTGRES_ONLY] },
      },
      { extends: true, test: { name: 'postgres', env: { TEST_DB: 'postgres', TEST_BUS: 'redis' } } },
    ],
  },
});
