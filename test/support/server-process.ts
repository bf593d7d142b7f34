import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess, type NodeProcess } from './node-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { TEST_BUS, TEST_DB, TEST_JWT_SECRET, TEST_REDIS_URL, testRedisPrefix } from './server.js';

export interface ServerProcess extends NodeProcess {
  dataDir: string;
  /** true while the process has not exited */
  alive(): boolean;
  /** stops it (SIGKILL if it does not exit) and removes its data */
  close(): Promise<void>;
}

/**
 * A server in a process of its own on this run's stack (TEST_DB / TEST_BUS), for tests where the
 * server's own fate is the point: a crash must show as an exit, not as an error inside the test runner.
 */
export async function startServerProcess(name: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `chat-${name}-`));
  let db: TestDatabase | null = null;
  const backing: Record<string, string> = {};
  if (TEST_DB === 'postgres') {
    db = await createTestDatabase();
    backing.DATABASE_URL = db.url;
  }
  if (TEST_BUS === 'redis') {
    backing.REDIS_URL = TEST_REDIS_URL;
    backing.REDIS_KEY_PREFIX = testRedisPrefix();
  }
  try {
    const node = await startNodeProcess(name, { DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, ...backing, ...env });
    return {
      ...node,
      dataDir,
      alive: () => node.child.exitCode === null && node.child.signalCode === null,
      close: async () => {
        const killer = setTimeout(() => node.child.kill('SIGKILL'), 5000);
        await node.kill('SIGTERM');
        clearTimeout(killer);
        await db?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
