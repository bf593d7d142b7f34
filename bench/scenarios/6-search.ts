// Scenario 6: search. `searchMessages` over 1,000,000 messages in 400 conversations, on SQLite (FTS5
// trigram) and on PostgreSQL (pg_trgm), as one user in 40 of those conversations sees them: a page of
// 20 for rare and common words, a prefix, CJK of two and three characters, two words, a short word
// found nowhere (the worst case: a scan), and one conversation. Each query is timed one request at a
// time (a user waits for one page), and the same page is timed as a history page (`messages`, first:
// 20) on the same server: the baseline. Reported: p50/p99 ms per query, and search p50 ÷ history p50.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migratePostgres, migrateSqlite } from '../../src/db/migrate.js';
import { participantKey } from '../../src/modules/conversations/room-name.js';
import { now } from '../lib/clock.js';
import { benchArgs, emit, log, ratio } from '../lib/harness.js';
import { indexSeededMessages, plan, type SeedConversation, type Seeded } from '../lib/seed.js';
import { makeDataDir, startServer, type ServerHandle } from '../lib/servers.js';

const SCENARIO = '6-search';
const { args, values } = benchArgs({
  messages: { type: 'string', default: '1000000' },
  requests: { type: 'string', default: '200' },
  databases: { type: 'string', default: 'sqlite,postgres' },
  'pg-admin-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
});
const MESSAGES = Number(values.messages);
const REQUESTS = Number(values.requests);
const CONVERSATIONS = 400;
const VIEWER_IN = 40;

// 400 two-person conversations over 401 users: user 0 (the viewer) talks with users 1..40; the other 360
// users each take part in two of the other 360 (neighbours (41+2k, 42+2k), then (41+2k, 44+2k) around): all distinct
const otherPair = (j: number): [number, number] => {
  const k = j % 180;
  const a = VIEWER_IN + 1 + 2 * k;
  return [a, j < 180 ? a + 1 : VIEWER_IN + 1 + ((2 * k + 3) % 360)];
};
const layout = {
  users: 401,
  conversations: Array.from({ length: CONVERSATIONS }, (_, i) => (i < VIEWER_IN ? [0, i + 1] : otherPair(i - VIEWER_IN))),
};
const seeded: Seeded = plan(layout);
const viewer = seeded.users[0]!;

/** mulberry32: the same messages on every run and on both databases */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 've', 'du', 'sha', 'qui', 'ber', 'gon', 'tel'];
const VOCABULARY = Array.from({ length: 5000 }, (_, i) => SYLLABLES[i % 15]! + SYLLABLES[Math.floor(i / 15) % 15]! + SYLLABLES[Math.floor(i / 225) % 15]!);

/** message i: 6 to 14 words (a few words very common: squared draw), and the markers the queries look for */
function content(i: number, r: () => number): string {
  const words: string[] = [];
  const n = 6 + Math.floor(r() * 9);
  for (let w = 0; w < n; w++) words.push(VOCABULARY[Math.floor(r() * r() * VOCABULARY.length)]!);
  if (i % 10 === 0) words.push('apple');
  if (i % 100 === 7) words.push('明天的会议');
  if (i % 1000 === 13) words.push('会议室');
  // in conversation 20 (i % 400), one of the viewer's, beside an apple: a rare word the viewer can find
  if (i % 100_000 === 20) words.push('zebra');
  return words.join(' ');
}

/** message i → its conversation and sender: spread evenly, so the viewer's 40 conversations hold a tenth */
function placement(i: number): { conv: SeedConversation; senderId: number } {
  const conv = seeded.conversations[i % CONVERSATIONS]!;
  return { conv, senderId: conv.members[i % 2]!.id };
}

const QUERIES: { name: string; query: string; conversation?: string }[] = [
  { name: 'rare word', query: 'zebra' },
  { name: 'common word', query: 'apple' },
  { name: 'prefix', query: 'zeb' },
  { name: 'two words', query: 'apple zebra' },
  { name: 'CJK, 2 characters', query: '会议' },
  { name: 'CJK, 3 characters', query: '会议室' },
  { name: 'short word found nowhere', query: 'xq' },
  { name: 'common word, one conversation', query: 'apple', conversation: seeded.conversations[0]!.name },
];
const SEARCH = `query($q: String!, $c: String) { searchMessages(query: $q, conversation: $c, first: 20) {
  edges { cursor node { id content createdAt conversation sender { username } } } pageInfo { hasNextPage endCursor } } }`;
const HISTORY = `query($c: String!) { messages(conversation: $c, first: 20) {
  edges { cursor node { id content createdAt conversation sender { username } } } pageInfo { hasNextPage endCursor } } }`;

function seedSqlite(dataDir: string): void {
  const file = join(dataDir, 'chat.db');
  migrateSqlite(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const t0 = Date.now();
  const addUser = db.prepare('INSERT INTO "User" (id, username, passwordHash, isActive, createdAt) VALUES (?, ?, ?, 1, ?)');
  const addConv = db.prepare('INSERT INTO "Conversation" (id, participantKey, name, createdAt, lastMessageSeq, lastActivityAt) VALUES (?, ?, ?, ?, NULL, ?)');
  const addPart = db.prepare('INSERT INTO "Participant" (conversationId, userId, lastReadSeq, unreadCount, joinedAt) VALUES (?, ?, 0, 0, ?)');
  const addMsg = db.prepare('INSERT INTO "Message" (id, conversationId, senderId, content, createdAt) VALUES (?, ?, ?, ?, ?)');
  const r = random(20261203);
  db.transaction(() => {
    for (const u of seeded.users) addUser.run(u.id, u.username, 'x', t0);
    for (const c of seeded.conversations) {
      addConv.run(c.id, participantKey(c.members.map((m) => m.id)), c.name, t0, t0);
      for (const m of c.members) addPart.run(c.id, m.id, t0);
    }
    for (let i = 0; i < MESSAGES; i++) {
      const { conv, senderId } = placement(i);
      addMsg.run(randomUUID(), conv.id, senderId, content(i, r), t0 - MESSAGES + i);
    }
  })();
  db.prepare('UPDATE "Conversation" SET lastMessageSeq = (SELECT max(seq) FROM "Message" m WHERE m.conversationId = "Conversation".id)').run();
  indexSeededMessages(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function seedPostgres(url: string): Promise<void> {
  await migratePostgres(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // the trigram index is built once after the rows are in, as a restore would (an insert per row into GIN is far slower)
    await client.query('DROP INDEX "Message_content_trgm_idx"');
    const t0 = new Date();
    for (const u of seeded.users) await client.query('INSERT INTO "User" (id, username, "passwordHash", "isActive", "createdAt") VALUES ($1, $2, $3, true, $4)', [u.id, u.username, 'x', t0]);
    await client.query(`SELECT setval(pg_get_serial_sequence('"User"', 'id'), ${seeded.users.length})`);
    for (const c of seeded.conversations) {
      await client.query('INSERT INTO "Conversation" (id, "participantKey", name, "createdAt", "lastActivityAt") VALUES ($1, $2, $3, $4, $4)', [c.id, participantKey(c.members.map((m) => m.id)), c.name, t0]);
      for (const m of c.members) await client.query('INSERT INTO "Participant" ("conversationId", "userId", "joinedAt") VALUES ($1, $2, $3)', [c.id, m.id, t0]);
    }
    const r = random(20261203);
    const BATCH = 5000;
    for (let start = 0; start < MESSAGES; start += BATCH) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(MESSAGES, start + BATCH); i++) {
        const { conv, senderId } = placement(i);
        const k = values.length;
        rows.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5})`);
        values.push(randomUUID(), conv.id, senderId, content(i, r), new Date(t0.getTime() - MESSAGES + i));
      }
      await client.query(`INSERT INTO "Message" (id, "conversationId", "senderId", content, "createdAt") VALUES ${rows.join(', ')}`, values);
    }
    const indexed = now();
    await client.query('CREATE INDEX "Message_content_trgm_idx" ON "Message" USING gin ("content" gin_trgm_ops)');
    log(`postgres: trigram index built in ${Math.round(now() - indexed)} ms`);
    await client.query('UPDATE "Conversation" c SET "lastMessageSeq" = (SELECT max(seq) FROM "Message" m WHERE m."conversationId" = c.id)');
    await client.query('VACUUM ANALYZE "Message"');
  } finally {
    await client.end();
  }
}

interface Timed {
  p50: number;
  p99: number;
  results: number;
}

/** `REQUESTS` requests one after another (after 10 not counted): a user waiting for a page. */
async function timed(server: ServerHandle, query: string, variables: Record<string, unknown>, field: 'searchMessages' | 'messages'): Promise<Timed> {
  const once = async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { edges: unknown[] }>; errors?: unknown };
    if (!body.data) throw new Error(`${field}: ${JSON.stringify(body.errors)}`);
    return body.data[field]!.edges.length;
  };
  for (let i = 0; i < 10; i++) await once();
  const ms: number[] = [];
  let results = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t = now();
    results = await once();
    ms.push(now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Number(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2));
  return { p50: at(0.5), p99: at(0.99), results };
}

const results: Record<string, Record<string, Timed & { vsHistory: number | null }>> = {};
const seeding: Record<string, number> = {};
for (const database of String(values.databases).split(',')) {
  const dir = makeDataDir('ours');
  let server: ServerHandle | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  try {
    const t0 = now();
    const env: Record<string, string> = {};
    if (database === 'sqlite') seedSqlite(dir);
    else {
      const admin = String(values['pg-admin-url']);
      const name = `chat_bench_search_${process.pid}`;
      const run = async (sql: string) => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(sql).finally(() => c.end());
      };
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await run(`CREATE DATABASE "${name}"`);
      dropDb = () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      await seedPostgres(env.DATABASE_URL);
    }
    seeding[database] = Math.round(now() - t0);
    log(`${database}: seeded ${MESSAGES} messages in ${seeding[database]} ms`);
    server = await startServer('ours', dir, { ...args, env }, SCENARIO);
    const history = await timed(server, HISTORY, { c: seeded.conversations[0]!.name }, 'messages');
    log(`${database} history page of 20: p50 ${history.p50} p99 ${history.p99} ms`);
    results[database] = { 'history page (baseline)': { ...history, vsHistory: 1 } };
    for (const q of QUERIES) {
      const t = await timed(server, SEARCH, { q: q.query, c: q.conversation ?? null }, 'searchMessages');
      results[database]![q.name] = { ...t, vsHistory: ratio(t.p50, history.p50) };
      log(`${database} ${q.name} (${q.query}): p50 ${t.p50} p99 ${t.p99} ms, ${t.results} results`);
    }
  } finally {
    await server?.stop();
    await dropDb?.();
  }
}

const summary = Object.entries(results).flatMap(([db, byQuery]) =>
  Object.entries(byQuery).map(([q, t]) => `${db} ${q}: p50 ${t.p50} ms, p99 ${t.p99} ms (${t.results} results; p50 ${t.vsHistory ?? '-'}× a history page)`),
);
emit(SCENARIO, { messages: MESSAGES, conversations: CONVERSATIONS, viewerIn: VIEWER_IN, requests: REQUESTS, seedingMs: seeding, results }, summary);
