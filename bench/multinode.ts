// node --import tsx bench/multinode.ts [--pairs 40] [--duration 15] [--warmup 3]
//
// Scale-out bench (issue 4), not a test: stored messages/s and delivery latency (send → graphql-ws
// subscriber) for the same closed-loop load against
//   1. one node, in-process bus          (the zero-setup default, on PostgreSQL)
//   2. one node, Redis bus               (what a node pays for being ready to scale out)
//   3. two nodes behind the Redis bus    (every sender on one node, its receiver on the other:
//                                          every delivery crosses Redis)
// Each configuration gets a fresh PostgreSQL database and Redis key prefix; all run in one process
// run, one after the other, on this machine (which also runs PostgreSQL, Redis and this generator).
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startNodeProcess, type NodeProcess } from '../test/support/node-process.js';
import { createTestDatabase } from '../test/support/postgres.js';
import { TEST_JWT_SECRET, TEST_REDIS_URL, testRedisPrefix, type Endpoint } from '../test/support/server.js';

const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '40' }, duration: { type: 'string', default: '15' }, warmup: { type: 'string', default: '3' } },
});
const PAIRS = Number(values.pairs);
const DURATION_S = Number(values.duration);
const WARMUP_S = Number(values.warmup);

interface User {
  id: string;
  username: string;
  access: string;
}

async function gql<T>(node: Endpoint, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${node.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

let userCounter = 0;
async function register(node: Endpoint): Promise<User> {
  const username = `bench${++userCounter}-${process.pid}`;
  const r = await gql<{ register: { access: string; user: { id: string; username: string } } }>(
    node,
    `mutation R($u: String!) { register(username: $u, password: "correct horse battery") { access user { id username } } }`,
    { u: username },
  );
  return { ...r.register.user, access: r.register.access };
}

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  config: string;
  nodes: number;
  sentPerS: number;
  deliveredPerS: number;
  lost: number;
  deliveryMs: { p50: number; p99: number; max: number };
  sendMs: { p50: number; p99: number };
}

/** One measured run: PAIRS senders each sending in a closed loop to their own receiver. */
async function run(config: string, senderNode: (i: number) => NodeProcess, receiverNode: (i: number) => NodeProcess): Promise<Result> {
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, async (_, i) => {
      const sender = await register(senderNode(i));
      const receiver = await register(receiverNode(i));
      const conv = await gql<{ startConversation: { name: string } }>(senderNode(i), `mutation S($u: [String!]) { startConversation(usernames: $u) { name } }`, { u: [receiver.username] }, sender.access);
      return { i, sender, receiver, name: conv.startConversation.name };
    }),
  );
  let measuring = false;
  let stopped = false;
  const delivery: number[] = [];
  const sendLatency: number[] = [];
  let sent = 0;
  let delivered = 0;
  const clients: Client[] = [];
  // Every receiver subscribes from the start: the opening message arrives from the replay, after which the feed is live.
  await Promise.all(
    pairs.map(async (p) => {
      const client = createClient({ url: `${receiverNode(p.i).wsUrl}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${p.receiver.access}` }, retryAttempts: 0 });
      clients.push(client);
      await gql(senderNode(p.i), `mutation M($c: String!) { sendMessage(conversation: $c, content: "opening") { id } }`, { c: p.name }, p.sender.access);
      const ready = new Promise<void>((resolve, reject) => {
        client.subscribe<{ messageAdded: { content: string } }>(
          { query: `subscription A($c: String!, $a: String) { messageAdded(conversation: $c, after: $a) { content } }`, variables: { c: p.name, a: Buffer.from('m:0').toString('base64url') } },
          {
            next: (msg) => {
              const content = msg.data?.messageAdded.content ?? '';
              if (content === 'opening') return resolve();
              const at = Number(content.split(' ')[0]);
              if (measuring && at) {
                delivery.push(now() - at);
                delivered += 1;
              }
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
      await ready;
    }),
  );
  const loops = pairs.map(async (p) => {
    const node = senderNode(p.i);
    for (let n = 0; !stopped; n++) {
      const started = now();
      const counted = measuring;
      await gql(node, `mutation M($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id } }`, { c: p.name, t: `${started} ${n}` }, p.sender.access);
      if (counted && measuring) {
        sent += 1;
        sendLatency.push(now() - started);
      }
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  measuring = true;
  const t0 = now();
  await new Promise((r) => setTimeout(r, DURATION_S * 1000));
  const seconds = (now() - t0) / 1000;
  const sentInWindow = sent;
  stopped = true;
  await Promise.all(loops);
  // let the last deliveries land, then stop counting
  await new Promise((r) => setTimeout(r, 1000));
  measuring = false;
  await Promise.all(clients.map((c) => c.dispose()));
  delivery.sort((x, y) => x - y);
  sendLatency.sort((x, y) => x - y);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    config,
    nodes: new Set(pairs.flatMap((p) => [senderNode(p.i).name, receiverNode(p.i).name])).size,
    sentPerS: Math.round(sentInWindow / seconds),
    deliveredPerS: Math.round(delivered / seconds),
    lost: Math.max(0, sent - delivered),
    deliveryMs: { p50: round(percentile(delivery, 50)), p99: round(percentile(delivery, 99)), max: round(delivery.at(-1) ?? NaN) },
    sendMs: { p50: round(percentile(sendLatency, 50)), p99: round(percentile(sendLatency, 99)) },
  };
}

async function withNodes<T>(names: string[], redis: boolean, fn: (nodes: NodeProcess[]) => Promise<T>): Promise<T> {
  const db = await createTestDatabase();
  const prefix = testRedisPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-multinode-'));
  const nodes: NodeProcess[] = [];
  try {
    for (const name of names) {
      nodes.push(
        await startNodeProcess(name, {
          DATABASE_URL: db.url,
          JWT_SECRET: TEST_JWT_SECRET,
          DATA_DIR: join(dataDir, name),
          ...(redis ? { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}),
        }),
      );
    }
    return await fn(nodes);
  } finally {
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  console.error(`multinode bench: ${PAIRS} sender→receiver pairs, closed loop, ${WARMUP_S}s warm-up + ${DURATION_S}s measured per configuration`);
  results.push(await withNodes(['one'], false, ([n]) => run('one node, in-process bus', () => n!, () => n!)));
  results.push(await withNodes(['one'], true, ([n]) => run('one node, Redis bus', () => n!, () => n!)));
  results.push(
    await withNodes(['a', 'b'], true, ([a, b]) =>
      run('two nodes, Redis bus (every delivery crosses nodes)', (i) => (i % 2 ? a! : b!), (i) => (i % 2 ? b! : a!)),
    ),
  );
  const note = `${cpus().length}x ${cpus()[0]?.model.trim()}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end, node ${process.version}`;
  console.log(JSON.stringify({ bench: 'multinode', date: new Date().toISOString(), pairs: PAIRS, durationS: DURATION_S, machine: note, results }));
  console.error('\n| configuration | stored msg/s | delivered msg/s | delivery p50 ms | delivery p99 ms | send p99 ms | lost |');
  console.error('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) console.error(`| ${r.config} | ${r.sentPerS} | ${r.deliveredPerS} | ${r.deliveryMs.p50} | ${r.deliveryMs.p99} | ${r.sendMs.p99} | ${r.lost} |`);
  console.error(`\n${note}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
