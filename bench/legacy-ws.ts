/**
 * The old clients' traffic on the legacy sockets (not a test): `npx tsx bench/legacy-ws.ts`.
 *
 *   dm:    N pairs; each sender on ws/chat/<pair>/, each receiver on ws/chat/<pair>/ and ws/notification/
 *   group: one sender in a K-member id group (1_2_..._K), everyone on ws/chat/<ids>/
 *
 * Each sender keeps `--window` messages in flight (its own echo is the ack); each payload carries its send
 * time, so every receiver measures send→receive latency. Prints delivered messages/s (receptions, not
 * sends) and latency p50/p99 per scenario. The server runs as a child process on 127.0.0.1, with a temp
 * data directory (SQLite), killed at the end. Options: --pairs N --group K --seconds S --window W.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { BENCH_LIMITS, ourServerArgs } from './lib/servers.js';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '20' },
    group: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '8' },
    window: { type: 'string', default: '4' },
  },
});
const PAIRS = Number(values.pairs);
const GROUP = Number(values.group);
const SECONDS = Number(values.seconds);
const WINDOW = Number(values.window);
const WARMUP_MS = 1000;
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const now = () => performance.timeOrigin + performance.now();

interface User {
  id: number;
  username: string;
  access: string;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'legacy-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ourServerArgs(), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: 'bench-secret', LOG_LEVEL: 'warn', ...BENCH_LIMITS },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const hardStop = setTimeout(() => {
    console.error('bench: hard time limit reached');
    child.kill('SIGKILL');
    process.exit(1);
  }, (SECONDS * 2 + 120) * 1000);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);
    console.log(`legacy-ws bench: ${PAIRS} DM pairs, one sender in a ${GROUP}-member group, ${SECONDS}s each (+${WARMUP_MS} ms warm-up), window ${WINDOW}`);
    const users = await registerUsers(base, PAIRS * 2 + GROUP);
    const pairs = Array.from({ length: PAIRS }, (_, i) => [users[2 * i]!, users[2 * i + 1]!] as const);
    await runDm(base, pairs);
    await runGroup(base, users.slice(PAIRS * 2));
  } finally {
    clearTimeout(hardStop);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Latencies of receptions after the warm-up, and how many. */
class Meter {
  readonly latencies: number[] = [];
  measuring = false;
  startedAt = 0;
  stoppedAt = 0;

  record(sentAt: number): void {
    if (this.measuring) this.latencies.push(now() - sentAt);
  }

  report(label: string): void {
    const l = this.latencies.sort((a, b) => a - b);
    const pct = (p: number) => (l.length ? l[Math.min(l.length - 1, Math.floor((p / 100) * l.length))]!.toFixed(1) : '-');
    const secs = (this.stoppedAt - this.startedAt) / 1000;
    console.log(`${label.padEnd(28)} delivered ${(l.length / secs).toFixed(0).padStart(6)} msg/s   p50 ${pct(50).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms   (${l.length} receptions)`);
  }
}

async function runDm(base: string, pairs: (readonly [User, User])[]): Promise<void> {
  const chat = new Meter();
  const notes = new Meter();
  const senders: Sender[] = [];
  const sockets: WebSocket[] = [];
  for (const [from, to] of pairs) {
    const room = [from.username, to.username].sort().join('_');
    const receiver = await openSocket(`${wsBase(base)}/ws/chat/${room}/?token=${to.access}`);
    receiver.on('message', (d) => onEcho(String(d), (t) => chat.record(t)));
    const notifications = await openSocket(`${wsBase(base)}/ws/notification/?token=${to.access}`);
    notifications.on('message', (d) => {
      const f = JSON.parse(String(d)) as { type: string; message?: { content: string } };
      if (f.type === 'new_message_notification' && f.message) notes.record(sentAt(f.message.content));
    });
    sockets.push(receiver, notifications);
    senders.push(await Sender.open(`${wsBase(base)}/ws/chat/${room}/?token=${from.access}`));
  }
  await measure([chat, notes], senders);
  chat.report(`dm x${pairs.length}: chat echo`);
  notes.report(`dm x${pairs.length}: notification`);
  for (const s of [...sockets, ...senders.map((s) => s.ws)]) s.close();
}

async function runGroup(base: string, members: User[]): Promise<void> {
  const room = members.map((m) => m.id).sort((a, b) => a - b).join('_');
  const meter = new Meter();
  const sockets: WebSocket[] = [];
  for (const m of members.slice(1)) {
    const ws = await openSocket(`${wsBase(base)}/ws/chat/${room}/?token=${m.access}`);
    ws.on('message', (d) => onEcho(String(d), (t) => meter.record(t)));
    sockets.push(ws);
  }
  const sender = await Sender.open(`${wsBase(base)}/ws/chat/${room}/?token=${members[0]!.access}`);
  await measure([meter], [sender]);
  meter.report(`group of ${members.length}: chat echo`);
  for (const s of [...sockets, sender.ws]) s.close();
}

/** Runs the senders for the warm-up plus SECONDS, measuring after the warm-up; then lets in-flight messages land. */
async function measure(meters: Meter[], senders: Sender[]): Promise<void> {
  for (const s of senders) s.start();
  await sleep(WARMUP_MS);
  for (const m of meters) {
    m.measuring = true;
    m.startedAt = now();
  }
  await sleep(SECONDS * 1000);
  for (const m of meters) {
    m.measuring = false;
    m.stoppedAt = now();
  }
  await Promise.all(senders.map((s) => s.stop()));
}

/** Keeps WINDOW messages in flight; its own echo acknowledges one. */
class Sender {
  #inFlight = 0;
  #running = false;
  #seq = 0;
  #drained: (() => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { type: string };
      if (f.type !== 'chat_message_echo') return;
      this.#inFlight -= 1;
      if (this.#running) this.#fill();
      else if (this.#inFlight === 0) this.#drained?.();
    });
  }

  static async open(url: string): Promise<Sender> {
    return new Sender(await openSocket(url));
  }

  start(): void {
    this.#running = true;
    this.#fill();
  }

  stop(): Promise<void> {
    this.#running = false;
    if (this.#inFlight === 0) return Promise.resolve();
    return Promise.race([new Promise<void>((r) => (this.#drained = r)), sleep(10_000)]);
  }

  #fill(): void {
    while (this.#inFlight < WINDOW) {
      this.#inFlight += 1;
      this.ws.send(JSON.stringify({ type: 'chat_message', message: `t=${now()} n=${this.#seq++}` }));
    }
  }
}

function onEcho(text: string, record: (sentAt: number) => void): void {
  const f = JSON.parse(text) as { type: string; message?: { content: string } };
  if (f.type === 'chat_message_echo' && f.message) record(sentAt(f.message.content));
}

const sentAt = (content: string) => Number(/^t=([\d.]+)/.exec(content)?.[1] ?? Number.NaN);
const wsBase = (base: string) => base.replace(/^http/, 'ws');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Opens a chat or notification socket and waits for its connect sequence to finish. */
function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  const ready = url.includes('/ws/notification/') ? 'unread_count' : 'user_join';
  return new Promise((resolveP, reject) => {
    const onMessage = (d: WebSocket.RawData) => {
      const f = JSON.parse(String(d)) as { type?: string; msg?: string };
      if (f.msg) reject(new Error(`refused: ${f.msg}`));
      if (f.type === ready) {
        ws.off('message', onMessage);
        resolveP(ws);
      }
    };
    ws.on('message', onMessage);
    ws.once('error', reject);
  });
}

async function registerUsers(base: string, count: number): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) => `bench${i + j}.${process.pid}`);
    users.push(...(await Promise.all(batch.map((username) => registerOne(base, username)))));
  }
  return users;
}

async function registerOne(base: string, username: string): Promise<User> {
  const body = JSON.stringify({ username, password: 'bench password 123' });
  const headers = { 'content-type': 'application/json' };
  const reg = await fetch(`${base}/register/`, { method: 'POST', headers, body });
  if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${await reg.text()}`);
  const { id } = (await reg.json()) as { id: number };
  const tok = await fetch(`${base}/api/token/`, { method: 'POST', headers, body });
  const { access } = (await tok.json()) as { access: string };
  return { id, username, access };
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error('server did not start within 60 s');
}

function freePort(): Promise<number> {
  return new Promise((resolveP, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolveP(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
