import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess, type NodeProcess } from './node-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { TEST_JWT_SECRET, TEST_REDIS_URL, testRedisPrefix, type Endpoint } from './server.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { deleteRedisKeys } from './redis-keys.js';

/**
 * N server processes sharing one fresh PostgreSQL database and the machine's Redis under a key prefix
 * of their own. Each node reaches Redis through its own TCP proxy, so a test can take Redis away from
 * a node without touching the Redis server.
 */
export interface Cluster {
  db: TestDatabase;
  redisPrefix: string;
  presenceTtlSeconds: number;
  /** Starts (or restarts) a node; its Redis proxy is created on first use. */
  start(name: string): Promise<NodeProcess>;
  proxy(name: string): TcpProxy;
  close(): Promise<void>;
}

export async function startCluster(options: { presenceTtlSeconds: number; env?: Record<string, string> }): Promise<Cluster> {
  const db = await createTestDatabase();
  const redisPrefix = testRedisPrefix();
  const redisUrl = new URL(TEST_REDIS_URL);
  const proxies = new Map<string, TcpProxy>();
  const nodes = new Set<NodeProcess>();
  const dirs: string[] = [];
  return {
    db,
    redisPrefix,
    presenceTtlSeconds: options.presenceTtlSeconds,
    async start(name) {
      let proxy = proxies.get(name);
      if (!proxy) proxies.set(name, (proxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) })));
      const dataDir = mkdtempSync(join(tmpdir(), `chat-${name}-`));
      dirs.push(dataDir);
      const node = await startNodeProcess(name, {
        DATABASE_URL: db.url,
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        REDIS_KEY_PREFIX: redisPrefix,
        REDIS_COMMAND_TIMEOUT_MS: '1000',
        PRESENCE_TTL_SECONDS: String(options.presenceTtlSeconds),
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: dataDir,
        ...options.env,
      });
      nodes.add(node);
      return node;
    },
    proxy(name) {
      const proxy = proxies.get(name);
      if (!proxy) throw new Error(`no node ${name}`);
      return proxy;
    },
    async close() {
      await Promise.all([...nodes].map((n) => n.kill('SIGTERM')));
      await Promise.all([...proxies.values()].map((p) => p.close()));
      await db.drop();
      await deleteRedisKeys(redisPrefix);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}


export interface Health {
  status: number;
  body: { ok: boolean; status: string; redis?: string; node?: string };
}

export async function health(node: Endpoint): Promise<Health> {
  const res = await fetch(`${node.url}/health`);
  return { status: res.status, body: (await res.json()) as Health['body'] };
}

/** Polls /health until it answers `status` (the node notices Redis on its own schedule); fails after `timeoutMs`. */
export async function healthBecomes(node: Endpoint, status: number, timeoutMs = 15_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await health(node);
    if (h.status === status) return h;
    if (Date.now() > deadline) throw new Error(`health of ${node.url} still ${h.status} ${JSON.stringify(h.body)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
