import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_RATE_LIMITS, type Endpoint } from './server.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A server node running as its own process (`node --import tsx src/main.ts`), as in production. */
export interface NodeProcess extends Endpoint {
  name: string;
  child: ChildProcess;
  /** everything it printed (pino JSON lines), for failure messages */
  output(): string;
  /** Sends `signal` and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a node with exactly `env` (plus PATH/HOME) on PORT=0 and resolves with its URL once it logs
 * that it listens. Fails with its output if it exits or is not up within `timeoutMs`.
 */
export function startNodeProcess(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ID: name, ...TEST_RATE_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const node: Omit<NodeProcess, 'url' | 'wsUrl'> = {
    name,
    child,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void node.kill('SIGKILL');
      reject(new Error(`node ${name} not listening within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onLine = (line: string) => {
      let entry: { url?: unknown; msg?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (typeof entry.url === 'string' && typeof entry.msg === 'string' && entry.msg.includes('listening')) {
        clearTimeout(timer);
        resolve({ ...node, url: entry.url, wsUrl: entry.url.replace(/^http/, 'ws') });
      }
    };
    let partial = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`node ${name} exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}
