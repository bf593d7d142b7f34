import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gql, gqlOk, registerUser } from './support/graphql.js';
import { FrameSocket, dmName } from './support/legacy.js';
import { createTestDatabase } from './support/postgres.js';
import { TEST_DB, TEST_JWT_SECRET, TEST_RATE_LIMITS, startServer } from './support/server.js';

// What an operator meets: `npm start` stopped by SIGTERM (Docker, systemd, pm2) drains and exits,
// nothing acknowledged is lost; a second server on the same SQLite database refuses to start; start-up
// failures are one line naming the setting and the fix, exit status 2.
const REPO = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs the server from source until it exits (or `timeoutMs`): its exit code and what it printed. */
function runUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** A copy of the repository's sources (node_modules linked), so `npm start` builds into a dist/ of its own. */
function sourceCopy(): string {
  const dir = tempDir('chat-npm-start-');
  for (const entry of ['package.json', 'scripts', 'src', 'client', 'demo', 'prisma']) {
    cpSync(join(REPO, entry), join(dir, entry), { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src) });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Started {
  npm: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(cwd: string, env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['start'], { cwd, env: { ...process.env, ...TEST_RATE_LIMITS, HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
    const timer = setTimeout(() => reject(new Error(`npm start did not listen:\n${out}`)), 90_000);
    const onData = (chunk: string) => {
      out += chunk;
      const url = /"url":"(http:[^"]+)"/.exec(out)?.[1];
      if (url && out.includes('listening')) {
        clearTimeout(timer);
        resolve({ npm, url: url.replace('localhost', '127.0.0.1'), output: () => out, exited });
      }
    };
    npm.stdout.setEncoding('utf8').on('data', onData);
    npm.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    void exited.then(() => reject(new Error(`npm start exited before listening:\n${out}`)));
  });
}

describe.skipIf(TEST_DB !== 'sqlite')('npm start and SIGTERM', () => {
  it('drains: sockets closed with 1001, every acknowledged send stored, the server exits (no orphan)', async () => {
    const cwd = sourceCopy();
    const dataDir = tempDir('chat-drain-data-');
    const port = String(await freePort());
    const first = await npmStart(cwd, { PORT: port, DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_SECONDS: '5' });
    const server = { url: first.url, wsUrl: first.url.replace('http', 'ws') };
    const [alice, bob] = [await registerUser(server, 'drain'), await registerUser(server, 'drain')];
    const room = dmName(alice, bob);
    await gqlOk(server, `mutation($u: [String!]) { startConversation(usernames: $u) { id } }`, { u: [bob.username] }, alice.access);
    const legacy = await FrameSocket.joined(server, room, bob.access);
    const graphqlWs = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
    const wsClosed = new Promise<number>((resolve) => graphqlWs.once('close', (code) => resolve(code)));
    await new Promise((resolve) => graphqlWs.once('open', resolve));

    // sends in flight when the signal comes
    const sends = Array.from({ length: 40 }, (_, i) =>
      gql<{ sendMessage: { id: string } }>(server, `mutation($c: String!, $t: String!, $k: String) { sendMessage(conversation: $c, content: $t, clientId: $k) { id } }`, { c: room, t: `in flight ${i}`, k: `k${i}` }, alice.access).catch(
        () => null,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const signalled = Date.now();
    first.npm.kill('SIGTERM');
    const acknowledged = (await Promise.all(sends)).flatMap((r) => (r?.data?.sendMessage ? [r.data.sendMessage.id] : []));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect((await legacy.closed).code).toBe(1001);
    expect(await wsClosed).toBe(1001);
    expect(await first.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(first.output()).toContain('shutting down');
    // nothing of it is left running: the port is free again
    expect(await new Promise((resolve) => createServer().once('error', () => resolve(false)).listen(Number(port), '127.0.0.1', function (this: ReturnType<typeof createServer>) { this.close(() => resolve(true)); }))).toBe(true);

    // a new start on the same data: every acknowledged send is there
    const second = await npmStart(cwd, { PORT: port, DATA_DIR: dataDir });
    try {
      const history = await gqlOk<{ messages: { edges: { node: { id: string } }[] } }>(
        { url: second.url, wsUrl: '' },
        `query($c: String!) { messages(conversation: $c, first: 100) { edges { node { id } } } }`,
        { c: room },
        alice.access,
      );
      const stored = new Set(history.messages.edges.map((e) => e.node.id));
      for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
    } finally {
      second.npm.kill('SIGTERM');
      await second.exited;
    }
  }, 180_000);
});

describe.skipIf(TEST_DB !== 'sqlite')('one server per SQLite database', () => {
  it('a second server on the same DATA_DIR refuses to start, in one line', async () => {
    const first = await startServer();
    try {
      const second = await runUntilExit({ PORT: '0', DATA_DIR: first.dataDir });
      expect(second.code).toBe(2);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toMatch(/^cannot start: DATA_DIR: the database .*chat\.db is in use by another running server/);
    } finally {
      await first.close();
    }
  });
});

describe('start-up failures: one line naming the setting and the fix, exit status 2', () => {
  it('a port in use', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const run = await runUntilExit({ PORT: String(port), DATA_DIR: tempDir('chat-port-') });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`cannot start: PORT ${port} on 127.0.0.1 is in use (another server?): stop it, or set PORT to a free port`);
    } finally {
      blocker.close();
    }
  });

  it.skipIf(TEST_DB !== 'postgres').each([
    ['a database that does not exist', (url: URL) => void (url.pathname = '/chat_no_such_database'), /database "chat_no_such_database" does not exist.*createdb/],
    ['a role that does not exist', (url: URL) => void (url.username = 'no_such_role'), /role "no_such_role" does not exist.*createuser/],
    ['nothing listening at the address', (url: URL) => void (url.port = '1'), /refuses connections at 127\.0\.0\.1:1/],
  ])('DATABASE_URL: %s', async (_what, change, expected) => {
    const db = await createTestDatabase();
    try {
      const url = new URL(db.url);
      change(url);
      const run = await runUntilExit({ PORT: '0', DATA_DIR: tempDir('chat-db-'), DATABASE_URL: url.toString() });
      expect(run.code).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^cannot start: DATABASE_URL: /);
      expect(lines[0]).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await db.drop();
    }
  });
});
