import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess, type NodeProcess } from './node-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { TEST_DB, TEST_JWT_SECRET, TEST_REDIS_URL, testRedisPrefix, type Endpoint } from './server.js';
import { deleteRedisKeys } from './redis-keys.js';

/**
 * One server as a child process that a test can kill (SIGKILL) and start again on the same port with
 * the same DATA_DIR and database: a crash and restart, as a client sees it. On the postgres project it
 * runs on a fresh PostgreSQL database and the Redis bus under a key prefix of its own.
 */
export interface RestartableNode extends Endpoint {
  node: NodeProcess;
  /** SIGKILL (a crash; SIGTERM: a graceful stop, sockets closed with 1001); resolves when it has exited */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** starts it again on the same port; resolves once it listens */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartableNode(env: Record<string, string> = {}): Promise<RestartableNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-restart-'));
  let db: TestDatabase | null = null;
  const backing: Record<string, string> = { DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, ...env };
  const redisPrefix = testRedisPrefix();
  if (TEST_DB === 'postgres') {
    db = await createTestDatabase();
    Object.assign(backing, { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix });
  }
  let node = await startNodeProcess('restartable', backing);
  const port = new URL(node.url).port;
  const self: RestartableNode = {
    url: node.url,
    wsUrl: node.wsUrl,
    get node() {
      return node;
    },
    kill: (signal = 'SIGKILL') => node.kill(signal),
    async start() {
      node = await startNodeProcess('restartable', { ...backing, PORT: port });
    },
    async close() {
      await node.kill('SIGTERM');
      await db?.drop();
      if (TEST_DB === 'postgres') await deleteRedisKeys(redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

