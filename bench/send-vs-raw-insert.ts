// Issue 2's closing number: messages/s through `sendMessage` (GraphQL over HTTP) and delivered to a
// graphql-ws subscriber, against the raw insert rate of the same SQLite database, in one run.
// Usage: npx tsx bench/send-vs-raw-insert.ts [--seconds 10] [--connections 50]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { BENCH_LIMITS, ourServerArgs } from './lib/servers.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 10);
const connections = arg('connections', 50);
const dataDir = mkdtempSync(join(tmpdir(), 'send-vs-raw-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const url = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ourServerArgs(), {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: 'bench', LOG_LEVEL: 'warn', ...BENCH_LIMITS },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: Record<string, { access: string; user: { username: string } }> };
};
for (let i = 0; ; i++) {
  if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
  if (i > 100) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 200));
}
const REGISTER = 'mutation($u: String!) { register(username: $u, password: "bench-password") { access user { username } } }';
const sender = (await gql(REGISTER, { u: 'sender' })).data.register!;
const receiver = (await gql(REGISTER, { u: 'receiver' })).data.register!;
const room = 'receiver_sender';
await gql('mutation($c: String!) { sendMessage(conversation: $c, content: "first") { id } }', { c: room }, sender.access);

// The subscriber: counts what it receives.
const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${receiver.access}` } });
let delivered = 0;
const live = new Promise<void>((resolve) => {
  client.subscribe({ query: 'subscription($c: String!) { messageAdded(conversation: $c, after: "bTow") { id } }', variables: { c: room } }, {
    next: () => {
      delivered += 1;
      resolve();
    },
    error: (e) => console.error(e),
    complete: () => undefined,
  });
});
await live; // the replay of "first" proves the subscription is live
delivered = 0;

const result = await autocannon({
  url: `${url}/graphql`,
  method: 'POST',
  connections,
  duration: seconds,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${sender.access}` },
  body: JSON.stringify({ query: 'mutation($c: String!) { sendMessage(conversation: $c, content: "hello from the bench") { id } }', variables: { c: room } }),
});
await new Promise((r) => setTimeout(r, 1000)); // let the last deliveries arrive
const sent = result.non2xx === 0 ? result.requests.total : result.requests.total - result.non2xx;
const deliveredTotal = delivered;
await client.dispose();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

// The same database, raw: one prepared INSERT per message, each its own transaction (as each send is).
const db = new Database(join(dataDir, 'chat.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const conv = db.prepare('SELECT id FROM Conversation LIMIT 1').get() as { id: string };
const insert = db.prepare('INSERT INTO Message (id, conversationId, senderId, content, createdAt) VALUES (?, ?, 1, ?, ?)');
let raw = 0;
const end = performance.now() + seconds * 1000;
while (performance.now() < end) {
  insert.run(randomUUID(), conv.id, 'hello from the bench', Date.now());
  raw += 1;
}
db.close();
rmSync(dataDir, { recursive: true, force: true });

const line = {
  bench: 'send-vs-raw-insert',
  date: new Date().toISOString(),
  seconds,
  connections,
  // autocannon counts the responses it read before stopping; deliveries include the few still in flight then
  sendMessagePerS: Math.round(sent / seconds),
  deliveredPerS: Math.round(deliveredTotal / seconds),
  sendLatencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  rawInsertPerS: Math.round(raw / seconds),
  ratio: Number((deliveredTotal / seconds / (raw / seconds)).toFixed(3)),
};
console.log(JSON.stringify(line));
console.error(`sendMessage → subscriber: ${line.deliveredPerS} msg/s delivered (${line.sendMessagePerS} sent, p99 ${line.sendLatencyMs.p99} ms); raw insert on the same database: ${line.rawInsertPerS}/s; ratio ${line.ratio}`);
