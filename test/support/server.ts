import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

export const TEST_JWT_SECRET = 'test-secret-do-not-use-in-production';

/**
 * What the servers of this run are backed by, from the environment (set per vitest project in
 * vitest.config.ts): TEST_DB = sqlite (default) | postgres; TEST_BUS = memory (default) | redis.
 */
export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_BUS = process.env.TEST_BUS === 'redis' ? 'redis' : 'memory';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Where a server answers: all the protocol helpers need (a TestServer, or a node started as a process). */
export interface Endpoint {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
}

export interface TestServer extends Endpoint {
  app: App;
  dataDir: string;
  /** the server's DATABASE_URL: pass it to another startServer to share the database */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Rate limits far above anything a test does, but counted (on Redis too): the suite registers and logs in
 * many users from one address. Tests of the limits themselves set their own.
 */
export const TEST_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_MESSAGES: '100000/1m',
  RATE_LIMIT_SIGNALS: '100000/1m',
  RATE_LIMIT_LOGIN_ACCOUNT: '100000/1m',
  RATE_LIMIT_LOGIN_ADDRESS: '100000/1m',
  RATE_LIMIT_REGISTER_ADDRESS: '100000/1m',
  RATE_LIMIT_ANONYMOUS_ADDRESS: '100000/1m',
};

/** A unique Redis key/channel prefix, so parallel runs and servers never hear each other. */
export function testRedisPrefix(): string {
  return `chat-test:${randomBytes(6).toString('hex')}:`;
}

/**
 * A real server on port 0 with its own data directory and its own database: a SQLite file, or with
 * TEST_DB=postgres a fresh PostgreSQL database dropped on close. Passing DATABASE_URL shares an existing
 * database instead (it is then left alone on close); REDIS_URL / REDIS_KEY_PREFIX likewise share a bus.
 */
export async function startServer(env: Record<string, string> = {}, options: { logTo?: { write(line: string): void } } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-test-'));
  let ownDb: TestDatabase | null = null;
  const backing: Record<string, string> = {};
  if (!env.DATABASE_URL && TEST_DB === 'postgres') {
    ownDb = await createTestDatabase();
    backing.DATABASE_URL = ownDb.url;
  }
  if (!env.REDIS_URL && TEST_BUS === 'redis') {
    backing.REDIS_URL = TEST_REDIS_URL;
    backing.REDIS_KEY_PREFIX = testRedisPrefix();
  }
  try {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...TEST_RATE_LIMITS,
      ...backing,
      ...env,
    });
    const app = await createApp(config, createLogger(config.logLevel, options.logTo));
    const url = await app.listen();
    const database = config.database;
    return {
      app,
      url,
      wsUrl: url.replace(/^http/, 'ws'),
      dataDir,
      databaseUrl: database.kind === 'postgres' ? database.url : `file:${database.file}`,
      close: async () => {
        try {
          await app.close();
        } finally {
          await ownDb?.drop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await ownDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
