import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startNodeProcess, type NodeProcess } from './node-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { TEST_DB, TEST_JWT_SECRET, TEST_REDIS_URL, testRedisPrefix, type Endpoint } from './server.js';
import { deleteRedisKeys } from './redis-keys.js';

/**
 * The harness of the fuzz and slow-consumer tests: a server running as a child process (a crash is the
 * process exiting; its RSS is its own), backed per the vitest project (SQLite, or a fresh PostgreSQL
 * database and the Redis bus under a key prefix of its own), that can be restarted after a crash on the
 * same database so the properties after a crasher still run.
 */
export interface ChildServer extends Endpoint {
  readonly port: number;
  readonly pid: number;
  readonly node: NodeProcess;
  /** the process has not exited */
  alive(): boolean;
  /** every line the current process printed (pino JSON, and a crash's stack on stderr) */
  output(): string;
  /** what the previous processes printed before they died, one entry per crash */
  readonly crashes: { exitCode: number | null; signal: string | null; output: string }[];
  /** Resolves true once the process has exited, false if it is still running after `timeoutMs`. */
  exited(timeoutMs: number): Promise<boolean>;
  /**
   * Restarts the process (same database, data directory and Redis prefix) if it has exited, or if it
   * does not answer the control query (then it is given a moment to die, else killed).
   */
  ensureRunning(): Promise<void>;
  /** Stops the process and removes its database, Redis keys and data directory. */
  close(): Promise<void>;
}

export async function startChildServer(name: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `chat-${name}-`));
  let db: TestDatabase | null = null;
  let redisPrefix: string | null = null;
  const backing: Record<string, string> = { DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET };
  if (TEST_DB === 'postgres') {
    db = await createTestDatabase();
    redisPrefix = testRedisPrefix();
    Object.assign(backing, { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix });
  }
  // every process ever started, so close() stops them all whatever happened in between
  const started = new Set<NodeProcess>();
  const start = async () => {
    const n = await startNodeProcess(name, { ...backing, ...env });
    started.add(n);
    return n;
  };
  let node: NodeProcess;
  try {
    node = await start();
  } catch (e) {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const crashes: ChildServer['crashes'] = [];
  let restarting: Promise<void> | null = null;
  const isAlive = () => node.child.exitCode === null && node.child.signalCode === null;
  const exited = async (timeoutMs: number) => {
    if (!isAlive()) return true;
    const child = node.child;
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return result;
  };
  return {
    get url() {
      return node.url;
    },
    get wsUrl() {
      return node.wsUrl;
    },
    get port() {
      return Number(new URL(node.url).port);
    },
    get pid() {
      return node.child.pid ?? -1;
    },
    get node() {
      return node;
    },
    crashes,
    alive: isAlive,
    output: () => node.output(),
    exited,
    ensureRunning() {
      // one restart at a time: callers that come while one is under way wait for it
      restarting ??= (async () => {
        if (isAlive()) {
          const answering = await controlQuery(node).then(
            () => true,
            () => false,
          );
          if (answering) return;
          if (!(await exited(3000))) await node.kill('SIGKILL');
        }
        crashes.push({ exitCode: node.child.exitCode, signal: node.child.signalCode, output: node.output() });
        node = await start();
      })().finally(() => {
        restarting = null;
      });
      return restarting;
    },
    async close() {
      try {
        await restarting?.catch(() => undefined);
        await Promise.all([...started].map((n) => n.kill('SIGTERM')));
      } finally {
        await db?.drop();
        if (redisPrefix) await deleteRedisKeys(redisPrefix);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}


/** The resident set size of a process, in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) * 1024;
}

/** The last `lines` lines of a process's output (for failure messages). */
export function tail(output: string, lines = 40): string {
  return output.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------------
// What every answer must look like

/** A stack trace line, or a path into the installation: never in what a client is sent. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at [^\n]+\(/],
  ['node_modules path', /node_modules/],
  ['/work/ path', /\/work\//],
  ['.ts:<line> location', /\.ts:\d+/],
];

/** The leaks in `text` that were not already in what the client sent (an echo of its own input is fine). */
export function leaksIn(text: string, sent = ''): string[] {
  return LEAKS.filter(([, re]) => re.test(text) && !re.test(sent)).map(([name]) => name);
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Everything wrong with one HTTP answer: a 5xx (a 503 too: the dependencies are up during these
 * tests), a leak, a JSON body that does not parse, a GraphQL error masked as INTERNAL_SERVER_ERROR
 * (an unexpected exception reached by client input).
 */
export function problemsWith(answer: HttpAnswer, sent = '', options: { head?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  // GraphiQL's bundled JavaScript names upstream source files (`// ../../node_modules/.pnpm/monaco-editor…`): not ours
  const graphiql = /text\/html/i.test(answer.contentType) && answer.body.includes('graphiql');
  for (const leak of leaksIn(answer.body, sent)) if (!(graphiql && leak === 'node_modules path')) problems.push(`body contains a ${leak}`);
  // a HEAD answer has the headers of a GET and no body
  if (/json/i.test(answer.contentType) && !(options.head && answer.body.length === 0)) {
    try {
      const value: unknown = JSON.parse(answer.body);
      problems.push(...internalErrorsIn(value));
    } catch {
      problems.push(`content-type ${answer.contentType} but the body is not JSON`);
    }
  }
  return problems;
}

/** GraphQL errors whose code says an unexpected exception was masked. */
export function internalErrorsIn(value: unknown): string[] {
  const errors = (value as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e) => (e as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'INTERNAL_SERVER_ERROR')
    .map((e) => `GraphQL error INTERNAL_SERVER_ERROR: ${JSON.stringify((e as { message?: unknown }).message)}`);
}

/** fetch, bounded: a hang is an error, not a stuck test. */
export async function fetchAnswer(url: string, init: RequestInit, timeoutMs = 5000): Promise<HttpAnswer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

/** The control query: `{ __typename }` over HTTP answers 200 within 2 s. Throws otherwise. */
export async function controlQuery(server: Endpoint): Promise<void> {
  const answer = await fetchAnswer(
    `${server.url}/graphql`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
    2000,
  );
  if (answer.status !== 200 || JSON.parse(answer.body)?.data?.__typename !== 'Query') {
    throw new Error(`control query answered ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}

/** The server is up and answering: the process has not exited and the control query works. */
export async function assertServing(server: ChildServer): Promise<void> {
  if (!server.alive()) {
    throw new Error(`the server process exited (code ${server.node.child.exitCode}, signal ${server.node.child.signalCode}):\n${tail(server.output())}`);
  }
  await controlQuery(server);
}

/** `$'…'` quoting for a bash reproduction of a byte string. */
export function bashQuote(bytes: Buffer | string, max = 4000): string {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  let out = '';
  for (const byte of b.subarray(0, max)) {
    if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${out}'${b.length > max ? ` (first ${max} of ${b.length} bytes)` : ''}`;
}

// ---------------------------------------------------------------------------------------------------
// Running a property

export interface FuzzOptions<T> {
  /** the property's default seed (FUZZ_SEED overrides every property's) */
  seed: number;
  numRuns: number;
  /** fast-check's interruptAfterTimeLimit: the property stops (passing, unless it failed) after this long */
  timeLimitMs: number;
  examples?: T[];
  /** control query every this many runs */
  controlEvery?: number;
}

/**
 * Runs `check` over `arbitrary` against `server`. A failing run is shrunk by fast-check while the
 * server still serves (after a crash, every shrink candidate is skipped: the first counterexample is
 * the one reported, with the crash output). FUZZ_KEEP_GOING=1: record every failure, restart the server
 * after a crash and go on, then fail listing all of them (no shrinking).
 */
export async function fuzz<T>(
  server: ChildServer,
  name: string,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  options: FuzzOptions<T>,
): Promise<void> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : options.seed;
  const keepGoing = process.env.FUZZ_KEEP_GOING === '1';
  const controlEvery = options.controlEvery ?? 10;
  const findings = new Map<string, { count: number; reports: string[] }>();
  let runs = 0;
  const started = Date.now();
  // fast-check's time limit races the run in progress rather than waiting for it: the run is awaited
  // here before the property returns, so no check of one property overlaps the next
  let inFlight: Promise<void> | null = null;
  const predicate = (value: T): Promise<void> => {
    fc.pre(server.alive());
    const run = checkOne(value);
    inFlight = run.catch(() => undefined);
    return run;
  };
  const checkOne = async (value: T) => {
    runs += 1;
    try {
      await check(value);
      if (!server.alive()) throw new Error('the server process exited');
      if (runs % controlEvery === 0) await controlQuery(server);
    } catch (e) {
      // a request the process died on fails before the process is seen to exit: give it a moment
      if (server.alive() && !(await controlQuery(server).then(() => true, () => false))) await server.exited(2000);
      const crashed = !server.alive();
      const message = `${(e as Error).message}${crashed ? `\n--- the server process exited (code ${server.node.child.exitCode}); its last output:\n${tail(server.output(), 30)}` : ''}`;
      if (!keepGoing) throw new Error(message);
      // one report per kind of failure (its first line, numbers and ports blurred), with a count
      const signature = (message.split('\n')[0] ?? '').replace(/\d+/g, 'N').slice(0, 200);
      const report = `${message}\n--- input: ${fc.stringify(value).slice(0, 3000)}`;
      const known = findings.get(signature);
      if (!known) findings.set(signature, { count: 1, reports: [report] });
      else if (++known.count <= 3) known.reports.push(report); // a few examples: one message can have several causes
      await server.ensureRunning();
    }
  };
  try {
    await fc.assert(fc.asyncProperty(arbitrary, predicate), {
      seed,
      numRuns: options.numRuns,
      interruptAfterTimeLimit: options.timeLimitMs,
      markInterruptAsFailure: false,
      examples: options.examples?.map((e) => [e] as [T]),
      // every run costs a round trip or more to a real server: few skips, no endless shrinking
      maxSkipsPerRun: 2,
      includeErrorInReport: true,
    });
  } catch (e) {
    throw new Error(`fuzz property "${name}" failed (replay: FUZZ_SEED=${seed}):\n${(e as Error).message}`);
  } finally {
    await inFlight;
    console.info(`[fuzz] ${name} (${process.env.TEST_DB ?? 'sqlite'}): ${runs} runs in ${Date.now() - started} ms, seed ${seed}`);
  }
  if (findings.size > 0) {
    const reports = [...findings.values()].map((f) => `[${f.count}×] ${f.reports.join('\n[another example]\n')}`);
    throw new Error(`fuzz property "${name}" found ${findings.size} kind(s) of failure (FUZZ_SEED=${seed}, FUZZ_KEEP_GOING=1):\n\n${reports.join('\n\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// A raw WebSocket whose messages and close can be awaited with timeouts

export interface WsMessage {
  text: string;
  binary: boolean;
}

export class WsProbe {
  readonly messages: WsMessage[] = [];
  /** the close the client saw (code, reason, when) */
  readonly closed: Promise<{ code: number; reason: string; at: number }>;
  /** the handshake: resolves on open, rejects on an error or an HTTP answer other than 101 */
  readonly opened: Promise<void>;
  #waiters: (() => void)[] = [];
  #closedWith: { code: number; reason: string; at: number } | null = null;

  constructor(
    url: string,
    protocols?: string | string[],
    options: WebSocket.ClientOptions = {},
  ) {
    this.ws = new WebSocket(url, protocols, { handshakeTimeout: 5000, ...options });
    this.ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      this.messages.push({ text: bytes.toString('utf8'), binary: isBinary });
      this.#wake();
    });
    // errors are reported through `opened` and `closed`
    this.ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => {
        this.#closedWith = { code, reason: reason.toString(), at: Date.now() };
        resolve(this.#closedWith);
        this.#wake();
      }),
    );
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake answered HTTP ${res.statusCode}`)));
    });
    this.opened.catch(() => undefined);
  }

  readonly ws: WebSocket;

  get isClosed(): boolean {
    return this.#closedWith !== null;
  }

  get closeInfo() {
    return this.#closedWith;
  }

  #wake() {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** The next message, or null if the socket closed (or `timeoutMs` passed) first. */
  async next(timeoutMs = 5000): Promise<WsMessage | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length === 0) {
      if (this.#closedWith) return null;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages.shift() ?? null;
  }

  /** Whether a message matching `test` has arrived (it is not consumed), waiting up to `timeoutMs` or until the close. */
  seen(test: (m: WsMessage) => boolean, timeoutMs: number): Promise<boolean> {
    return this.until(() => this.messages.some(test), timeoutMs);
  }

  /** Waits until `condition` holds (checked on every message), up to `timeoutMs` or until the close. */
  async until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return true;
      const left = deadline - Date.now();
      if (this.#closedWith || left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the close if it comes within `timeoutMs`, else null. */
  async closeWithin(timeoutMs: number): Promise<{ code: number; reason: string; at: number } | null> {
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([this.closed, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)))]);
    clearTimeout(timer);
    return result;
  }

  /** Closes (or kills, after 2 s) the socket and waits for it. */
  async dispose(): Promise<void> {
    if (this.#closedWith) return;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(1000);
    if (!(await this.closeWithin(2000))) this.ws.terminate();
    await this.closeWithin(2000);
  }
}
