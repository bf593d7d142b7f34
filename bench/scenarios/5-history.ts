// Scenario 5: history. One page (50, newest first) of a conversation holding 1,000,000 messages, over
// our GraphQL (`messages(conversation, first: 50)`), our legacy REST (GET /messages/?conversation=)
// when it exists, and the floor's /history endpoint (one raw prepared query + JSON.stringify), each
// hammered with autocannon (keep-alive connections) in turn; plus the same query run raw in-process on
// our database file, the DB's own ceiling. Reported: req/s and p99, ours ÷ floor.
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { now } from '../lib/clock.js';
import { benchArgs, emit, log, ratio, wanted } from '../lib/harness.js';
import { plan, seedFloor, seedOurs } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';

const SCENARIO = '5-history';
const { args, values } = benchArgs({ messages: { type: 'string', default: '1000000' }, connections: { type: 'string', default: '8' } });
const MESSAGES = Number(values.messages);
const CONNECTIONS = Number(values.connections);
const seconds = args.duration ?? (args.full ? 30 : 8);
const layout = { users: 2, conversations: [[0, 1]] };
const seeded = plan(layout);
const conv = seeded.conversations[0]!;
const viewer = conv.members[0]!;

const HISTORY_QUERY = `query($c: String!) { messages(conversation: $c, first: 50) {
  edges { cursor node { id content createdAt conversation read sender { id username } } }
  pageInfo { hasNextPage endCursor } } }`;

interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** the response holds a page of 50 */
  check(body: string): boolean;
}

interface Hammered {
  requestsPerS: number;
  p50: number;
  p99: number;
  p999: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
}

async function hammer(t: Target): Promise<Hammered> {
  // 2 s not counted first: the JIT warm-up of a big server is not its steady rate
  await autocannon({ url: t.url, method: t.method, headers: t.headers, body: t.body, connections: CONNECTIONS, duration: 2 });
  const r = await autocannon({ url: t.url, method: t.method, headers: t.headers, body: t.body, connections: CONNECTIONS, duration: seconds });
  return {
    requestsPerS: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    p999: r.latency.p99_9 ?? r.latency.p999,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    bytesPerResponse: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
  };
}

async function probe(t: Target): Promise<boolean> {
  const res = await fetch(t.url, { method: t.method, headers: t.headers, body: t.body });
  const body = await res.text();
  const ok = res.ok && t.check(body);
  if (!ok) log(`${t.name}: unexpected answer ${res.status} ${body.slice(0, 200)}`);
  return ok;
}

/** The page query, raw on our database in this process: what the database alone can do. */
function rawOnOurDb(dataDir: string): { queriesPerS: number } {
  const db = new Database(join(dataDir, 'chat.db'), { readonly: true });
  try {
    const q = db.prepare('SELECT * FROM "Message" WHERE conversationId = ? ORDER BY seq DESC LIMIT 51');
    const until = now() + Math.min(5, seconds) * 1000;
    let n = 0;
    const started = now();
    while (now() < until) {
      JSON.stringify(q.all(conv.id));
      n++;
    }
    return { queriesPerS: Math.round(n / ((now() - started) / 1000)) };
  } finally {
    db.close();
  }
}

const servers: ServerHandle[] = [];
const targets: Target[] = [];
const results: Record<string, Hammered> = {};
let raw: { queriesPerS: number } | undefined;
try {
  if (wanted(args, 'floor')) {
    const dir = makeDataDir('floor');
    const t0 = now();
    seedFloor(dir, seeded, MESSAGES);
    log(`floor: seeded ${MESSAGES} messages in ${Math.round(now() - t0)} ms`);
    const floor = await startServer('floor', dir, args, SCENARIO);
    servers.push(floor);
    targets.push({
      name: 'floor',
      url: `${floor.url}/history?conversation=${conv.id}&limit=50`,
      method: 'GET',
      headers: {},
      check: (b) => (JSON.parse(b) as { messages: unknown[] }).messages.length === 50,
    });
  }
  if (wanted(args, 'ours')) {
    const dir = makeDataDir('ours');
    const t0 = now();
    seedOurs(dir, { ...layout, historyMessages: MESSAGES }, seeded);
    log(`ours: seeded ${MESSAGES} messages in ${Math.round(now() - t0)} ms`);
    const ours = await startServer('ours', dir, args, SCENARIO);
    servers.push(ours);
    raw = rawOnOurDb(dir);
    log(`raw query on our database: ${raw.queriesPerS} pages/s`);
    targets.push({
      name: 'graphql',
      url: `${ours.url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
      body: JSON.stringify({ query: HISTORY_QUERY, variables: { c: conv.name } }),
      check: (b) => (JSON.parse(b) as { data?: { messages: { edges: unknown[] } } }).data?.messages.edges.length === 50,
    });
    const rest: Target = {
      name: 'rest',
      url: `${ours.url}/messages/?conversation=${conv.name}`,
      method: 'GET',
      headers: { authorization: `Bearer ${viewer.token}` },
      check: (b) => (JSON.parse(b) as { results?: unknown[] }).results?.length === 50,
    };
    if (args.legacy && (await fetch(rest.url, { headers: rest.headers }).then((r) => r.status !== 404, () => false))) targets.push(rest);
    else log('legacy REST /messages/ not available on our server: skipped');
  }
  for (const t of targets) {
    if (!(await probe(t))) throw new Error(`${t.name} did not answer a page of 50`);
  }
  for (const t of targets) {
    results[t.name] = await hammer(t);
    log(`${t.name}: ${JSON.stringify(results[t.name])}`);
  }
} finally {
  for (const s of servers) await s.stop();
}

const summary = Object.entries(results).map(
  ([k, r]) => `${k}: ${r.requestsPerS} req/s, p50 ${r.p50} p99 ${r.p99} ms, ${r.bytesPerResponse} B/response, non-2xx ${r.non2xx}, errors ${r.errors}`,
);
if (raw) summary.push(`raw query on our database (in-process, no HTTP): ${raw.queriesPerS} pages/s`);
const ratios = {
  graphql: ratio(results.graphql?.requestsPerS, results.floor?.requestsPerS),
  rest: ratio(results.rest?.requestsPerS, results.floor?.requestsPerS),
  graphqlVsRawQuery: ratio(results.graphql?.requestsPerS, raw?.queriesPerS),
};
summary.push(`req/s ours/floor: graphql ${ratios.graphql ?? '-'}, rest ${ratios.rest ?? '-'} (target ≥ 0.5)`);
emit(SCENARIO, { messages: MESSAGES, pageSize: 50, connections: CONNECTIONS, seconds, results, rawQueryOnOurDb: raw, ratios }, summary);
