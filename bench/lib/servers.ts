import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './clock.js';
import { canPin, SERVER_CORE } from './proc.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The HS256 key the bench gives our server, so it can mint tokens for seeded users without logging in. */
export const BENCH_JWT_SECRET = 'bench-only-secret-not-for-production-0123456789';

/**
 * The server's rate limits and per-user socket cap, raised out of the way: the load generator is one
 * address sending as a few users far faster than any chat client, and the floor has no limits. What is
 * measured is the work; the limiter's own calls still run.
 */
export const BENCH_LIMITS: Record<string, string> = {
  RATE_LIMIT_MESSAGES: '100000000/1s',
  RATE_LIMIT_SIGNALS: '100000000/1s',
  RATE_LIMIT_LOGIN_ACCOUNT: '100000000/1s',
  RATE_LIMIT_LOGIN_ADDRESS: '100000000/1s',
  RATE_LIMIT_REGISTER_ADDRESS: '100000000/1s',
  RATE_LIMIT_ANONYMOUS_ADDRESS: '100000000/1s',
  WS_CONNECTIONS_PER_USER: '1000000',
};

export type ServerKind = 'ours' | 'floor';

export interface Profiling {
  /** --cpu-prof: a .cpuprofile per server child, in bench/profiles/ */
  cpuProf: ServerKind[];
  /** --prof: a V8 tick log per server child, in bench/profiles/ (node --prof-process to read) */
  prof: ServerKind[];
}

export interface ServerOptions {
  profiling: Profiling;
  /** run the server child under `nice -n` (negative: ahead of other work on a shared machine; root only) */
  nice: number;
  /** more settings for our server (e.g. DATABASE_URL) */
  env?: Record<string, string>;
}

export interface ServerHandle {
  kind: ServerKind;
  /** http://127.0.0.1:port */
  url: string;
  wsUrl: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

let built = false;
/** Node's arguments to run our server as `npm start` does: the production build (made once per bench process), then dist/main.js. */
export function ourServerArgs(): string[] {
  if (!built) {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    built = true;
  }
  return ['--enable-source-maps', join(REPO_ROOT, 'dist', 'main.js')];
}

/** Children still running: killed if the bench exits early (an error, Ctrl-C). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export function makeDataDir(kind: ServerKind): string {
  return mkdtempSync(join(tmpdir(), `chat-bench-${kind}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolveP, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolveP(port));
    });
  });
}

/**
 * Starts a server under test as a child process pinned to the server core, on 127.0.0.1 and a free
 * port, with its own data directory (seeded by the caller beforehand). Resolves once /health answers.
 */
export async function startServer(kind: ServerKind, dataDir: string, options: ServerOptions, scenario: string): Promise<ServerHandle> {
  const { profiling } = options;
  const port = await freePort();
  const nodeArgs: string[] = [];
  const profileDir = join(REPO_ROOT, 'bench', 'profiles');
  const stamp = `${scenario}-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  // one directory per server run: every thread writes its own profile (tsx's loader hooks run in a
  // worker thread), the main thread's is the one with the server's work (thread id 0 in the name)
  const runDir = join(profileDir, stamp);
  if (profiling.cpuProf.includes(kind)) {
    mkdirSync(runDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${runDir}`);
  }
  if (profiling.prof.includes(kind)) {
    mkdirSync(runDir, { recursive: true });
    nodeArgs.push('--prof', `--logfile=${join(runDir, 'v8.log')}`);
  }
  const entry = kind === 'ours' ? ourServerArgs() : [join('bench', 'floor', 'server.mjs')];
  const command = [...(options.nice ? ['nice', '-n', String(options.nice)] : []), process.execPath, ...nodeArgs, ...entry];
  const pinned = canPin();
  const log = join(dataDir, 'server.log');
  const out = openSync(log, 'a');
  const child: ChildProcess = spawn(pinned ? 'taskset' : command[0]!, pinned ? ['-c', SERVER_CORE, ...command] : command.slice(1), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JWT_SECRET: BENCH_JWT_SECRET,
      NODE_ENV: 'production',
      ...BENCH_LIMITS,
      ...options.env,
    },
    stdio: ['ignore', out, out],
  });
  live.add(child);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      live.delete(child);
      r(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let up = false;
  while (Date.now() < deadline && child.exitCode === null) {
    up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (up) break;
    await sleep(200);
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`${kind} server did not come up; its log:\n${readFileSync(log, 'utf8').slice(-3000)}`);
  }
  return {
    kind,
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        // SIGTERM: both servers exit cleanly on it, which is when --cpu-prof/--prof write their files
        child.kill('SIGTERM');
        const code = await Promise.race([exited, sleep(20_000).then(() => 'timeout' as const)]);
        if (code === 'timeout') child.kill('SIGKILL');
      }
      if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
