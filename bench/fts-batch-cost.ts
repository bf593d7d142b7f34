// What indexing one message in the SQLite search index (FTS5 trigram, ADR 022) costs, by how many rows
// one transaction indexes. On a fresh database with `existing` messages already indexed, new messages
// are stored without the index, then indexed in transactions of B rows (B = 1, 16, 128, 512 …); µs per
// row counts the whole transaction (BEGIN … COMMIT). For comparison, "trigger in the send" is what the
// insert trigger adds to a one-message send transaction (the same transaction with and without it).
// No search is run here and the indexed position ("MessageSearchIndexed") is not kept: this measures FTS5 alone.
// Usage: node --import tsx bench/fts-batch-cost.ts [existing=100000] [rows per size=8192] [sizes=1,16,128,512]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import type { SqliteConnection } from '../src/db/sqlite-connection.js';

const EXISTING = Number(process.argv[2] ?? 100_000);
const ROWS = Number(process.argv[3] ?? 8192);
const SIZES = (process.argv[4] ?? '1,16,128,512').split(',').map(Number);
const TIMEOUTS = { transactionWaitMs: 5000, connectTimeoutMs: 3000, queryTimeoutMs: 5000, lockTimeoutMs: 3000, migrateOnStart: true } as const;

const WORDS = 'the a to and of meeting lunch tomorrow deploy release build failed passed review merge coffee later call zoom office café résumé ok thanks sure maybe weekend ticket bug fix prod staging cache index query'.split(' ');
let rand = 42;
const next = () => (rand = (rand * 1103515245 + 12345) & 0x7fffffff);
const text = (i: number) => Array.from({ length: 4 + (next() % 12) }, () => WORDS[next() % WORDS.length]).join(' ') + ` #${i}`;

const INSERT = `INSERT INTO "Message" ("id", "conversationId", "senderId", "content", "createdAt") VALUES (?, ?, ?, ?, ?)`;
const INDEX_RANGE = `INSERT INTO "MessageSearch" ("rowid", "content") SELECT "seq", "content" FROM "Message" WHERE "seq" > ? AND "seq" <= ? ORDER BY "seq"`;

function insertMessages(db: SqliteConnection, conversationId: string, senderId: number, n: number, perTransaction: number): void {
  for (let i = 0; i < n; i += perTransaction) {
    db.run('BEGIN IMMEDIATE');
    for (let k = i; k < Math.min(n, i + perTransaction); k++) db.run(INSERT, randomUUID(), conversationId, senderId, text(k), Date.now());
    db.run('COMMIT');
  }
}

const maxSeq = (db: SqliteConnection) => db.get<{ s: number | null }>('SELECT MAX("seq") AS s FROM "Message"')!.s ?? 0;

const dir = mkdtempSync(join(tmpdir(), 'fts-batch-'));
const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'chat.db'), checkpointIntervalMs: 0, ...TIMEOUTS }, { error: () => undefined });
if (db.kind !== 'sqlite') throw new Error('sqlite expected');
const sql = db.sqlite;
const ann = await db.prisma.user.create({ data: { username: 'ann', passwordHash: 'x' } });
const ben = await db.prisma.user.create({ data: { username: 'ben', passwordHash: 'x' } });
const conversationId = randomUUID();
await db.prisma.conversation.create({ data: { id: conversationId, participantKey: `${ann.id}_${ben.id}`, name: 'ann_ben', participants: { create: [{ userId: ann.id }, { userId: ben.id }] } } });

/** ADR 022's trigger (migration 20261203100000; dropped by 20261203180000, ADR 027) */
const INSERT_TRIGGER = `CREATE TRIGGER IF NOT EXISTS "Message_search_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "MessageSearch"("rowid", "content") VALUES (new."seq", new."content");
END`;
// the existing messages, indexed by the trigger (in big transactions, as an import would)
sql.run(INSERT_TRIGGER);
insertMessages(sql, conversationId, ann.id, EXISTING, 1000);
sql.run(`INSERT INTO "MessageSearch"("MessageSearch") VALUES ('optimize')`);

// the trigger's share of a one-message transaction, measured on the same database
const send = (n: number) => {
  const t0 = performance.now();
  insertMessages(sql, conversationId, ben.id, n, 1);
  return ((performance.now() - t0) * 1000) / n;
};
const withTrigger = send(ROWS);
sql.run('DROP TRIGGER "Message_search_insert"');
const without = send(ROWS);
// the rows just stored without the trigger are indexed here, so the index stays whole for what follows
sql.run('BEGIN IMMEDIATE');
sql.run(INDEX_RANGE, maxSeq(sql) - ROWS, maxSeq(sql));
sql.run('COMMIT');
console.log(JSON.stringify({ existing: EXISTING, sendWithTriggerUs: +withTrigger.toFixed(1), sendWithoutTriggerUs: +without.toFixed(1), triggerShareUs: +(withTrigger - without).toFixed(1) }));

for (const size of SIZES) {
  const from = maxSeq(sql);
  insertMessages(sql, conversationId, ben.id, ROWS, 256);
  const upTo = maxSeq(sql);
  const t0 = performance.now();
  let longest = 0;
  for (let at = from; at < upTo; at += size) {
    const t = performance.now();
    sql.run('BEGIN IMMEDIATE');
    sql.run(INDEX_RANGE, at, Math.min(upTo, at + size));
    sql.run('COMMIT');
    longest = Math.max(longest, performance.now() - t);
  }
  const us = ((performance.now() - t0) * 1000) / ROWS;
  console.log(JSON.stringify({ rowsPerTransaction: size, usPerRow: +us.toFixed(1), longestTransactionMs: +longest.toFixed(2) }));
}
const check = sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "MessageSearch" WHERE "MessageSearch" MATCH '"meeting"'`)!.n;
const truth = sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Message" WHERE "content" LIKE '%meeting%'`)!.n;
sql.run(`INSERT INTO "MessageSearch"("MessageSearch") VALUES ('integrity-check')`);
console.log(JSON.stringify({ integrity: 'ok', matches: check, likeMatches: truth }));
await db.close();
rmSync(dir, { recursive: true, force: true });
