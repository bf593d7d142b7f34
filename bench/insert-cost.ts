// The cost of storing one message on SQLite, piece by piece: the store's insertBatch (one message per
// batch, as a DM at low rates commits), with the search index as shipped (batches off the send path,
// ADR 027: their time is counted, as they run on the same thread, and so is indexing what is left at
// the end), without any search indexing, and with the insert trigger of ADR 022 (every send indexing
// its own message). Prints µs per message for each variant. Usage: node --import tsx bench/insert-cost.ts [count] [per batch]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { SqliteMessageStore } from '../src/modules/messages/sqlite-message-store.js';
import { SqliteSearchIndex, type SearchBacklog } from '../src/modules/messages/sqlite-search-index.js';
import { unreadBumps } from '../src/modules/messages/read-state.js';
import type { PendingSend } from '../src/modules/messages/message-store.js';

const COUNT = Number(process.argv[2] ?? 5000);
/** messages per batch (group commit: one at low rates, more under load) */
const BATCH = Number(process.argv[3] ?? 1);
const TIMEOUTS = { transactionWaitMs: 5000, connectTimeoutMs: 3000, queryTimeoutMs: 5000, lockTimeoutMs: 3000, migrateOnStart: true } as const;

/** the search index a variant runs with: as shipped, or none (indexing left out, or done by a trigger) */
type Indexing = 'deferred' | 'none';
const NO_INDEXING: SearchBacklog = { soon: () => undefined, catchUp: async () => undefined };

async function run(variant: string, indexing: Indexing, prepare: (exec: (sql: string) => void) => void): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'insert-cost-'));
  const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'chat.db'), checkpointIntervalMs: 0, ...TIMEOUTS }, { error: () => undefined });
  if (db.kind !== 'sqlite') throw new Error('sqlite expected');
  const index = indexing === 'deferred' ? new SqliteSearchIndex(db.sqlite, { delayMs: 100, batchRows: 512 }, (e) => console.error(e)) : null;
  const store = new SqliteMessageStore(db.sqlite, index ?? NO_INDEXING);
  const ann = await db.prisma.user.create({ data: { username: `ann-${variant}`, passwordHash: 'x' } });
  const ben = await db.prisma.user.create({ data: { username: `ben-${variant}`, passwordHash: 'x' } });
  const id = randomUUID();
  await db.prisma.conversation.create({
    data: { id, participantKey: `${ann.id}_${ben.id}`, name: `${ann.username}_${ben.username}`, participants: { create: [{ userId: ann.id }, { userId: ben.id }] } },
  });
  prepare((sql) => db.sqlite.run(sql));
  const conversation = { id, name: `${ann.username}_${ben.username}`, participants: [ann, ben].map((u) => ({ id: u.id, username: u.username })) };
  const item = (i: number): PendingSend => ({ sender: conversation.participants[i % 2]!, conversation, content: `message ${i} with a few words of text in it`, clientId: null, file: null, replyToSeq: null });
  for (let i = 0; i < 200; i++) await store.insertBatch([item(i)], unreadBumps([item(i)])); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i += BATCH) {
    const items = Array.from({ length: BATCH }, (_, k) => item(i + k));
    await store.insertBatch(items, unreadBumps(items));
    // each send on its own turn of the event loop, as requests arrive (the index's timer runs in between)
    await new Promise((resolve) => setImmediate(resolve));
  }
  await index?.catchUp();
  const us = ((performance.now() - t0) * 1000) / COUNT;
  await index?.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return us;
}

/** ADR 022's trigger: each send indexes its own message, in its transaction */
const INSERT_TRIGGER = `CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "MessageSearch"("rowid", "content") VALUES (new."seq", new."content");
END`;
const variants: [string, Indexing, (exec: (sql: string) => void) => void][] = [
  ['as shipped', 'deferred', () => undefined],
  ['without search indexing', 'none', () => undefined],
  ['with the insert trigger (ADR 022)', 'none', (exec) => exec(INSERT_TRIGGER)],
];
for (const [name, indexing, prepare] of variants) console.log(JSON.stringify({ variant: name, usPerMessage: Math.round(await run(name.replace(/\W+/g, '-'), indexing, prepare)) }));
