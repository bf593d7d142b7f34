import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import type { SqliteConnection } from '../src/db/sqlite-connection.js';
import type { PendingSend } from '../src/modules/messages/message-store.js';
import { unreadBumps } from '../src/modules/messages/read-state.js';
import { SqliteMessageStore } from '../src/modules/messages/sqlite-message-store.js';
import { SqliteSearchIndex } from '../src/modules/messages/sqlite-search-index.js';
import type { UserRef } from '../src/modules/types.js';
import { TEST_DB } from './support/server.js';
import { until } from './support/wait.js';

/*
 * The SQLite search index kept off the send path (ADR 027), on a real database: batches bounded in
 * size, edits and deletes on both sides of the indexed position, and FTS5's own integrity check
 * (which compares the index with the messages' text) after each step. Does not depend on the project's
 * backing, so it runs in the sqlite project only.
 */
const TIMEOUTS = { transactionWaitMs: 5000, connectTimeoutMs: 3000, queryTimeoutMs: 5000, lockTimeoutMs: 3000, migrateOnStart: true } as const;
const BATCH = 4;

describe.skipIf(TEST_DB !== 'sqlite')('SqliteSearchIndex', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  let sql: SqliteConnection;
  let index: SqliteSearchIndex;
  let store: SqliteMessageStore;
  let send: (content: string) => Promise<{ seq: number; id: string }>;
  let ann: UserRef;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-index-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'chat.db'), checkpointIntervalMs: 0, ...TIMEOUTS }, { error: (e: unknown) => console.error(e) });
    cleanup.push(() => db.close());
    if (db.kind !== 'sqlite') throw new Error('expected a SQLite database');
    sql = db.sqlite;
    // no timer in this file's cases but the last: the batches are the ones a case asks for
    index = new SqliteSearchIndex(sql, { delayMs: 3_600_000, batchRows: BATCH }, (e) => console.error(e));
    cleanup.push(() => index.close());
    store = new SqliteMessageStore(sql, index);
    const users = await Promise.all(['ann', 'ben'].map((u) => db.prisma.user.create({ data: { username: u, passwordHash: 'x' } })));
    ann = { id: users[0]!.id, username: users[0]!.username };
    const id = randomUUID();
    await db.prisma.conversation.create({ data: { id, participantKey: users.map((u) => u.id).join('_'), name: 'ann_ben', participants: { create: users.map((u) => ({ userId: u.id })) } } });
    const conversation = { id, name: 'ann_ben', participants: users.map((u) => ({ id: u.id, username: u.username })) };
    send = async (content) => {
      const item: PendingSend = { sender: ann, conversation, content, clientId: null, file: null, replyToSeq: null };
      const { row } = (await store.insertBatch([item], unreadBumps([item]))).rows[0]!;
      return { seq: row.seq, id: row.id };
    };
  });

  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  const upTo = () => sql.get<{ upTo: number }>(`SELECT "upTo" FROM "MessageSearchIndexed"`)!.upTo;
  const lastSeq = () => sql.get<{ seq: number }>(`SELECT MAX("seq") AS "seq" FROM "Message"`)!.seq;
  /** FTS5's check of the index against the messages' text (rank 1: the external content too) */
  const integrityCheck = () => sql.run(`INSERT INTO "MessageSearch"("MessageSearch", "rank") VALUES ('integrity-check', 1)`);
  const matched = (term: string) => sql.all<{ rowid: number }>(`SELECT "rowid" FROM "MessageSearch" WHERE "MessageSearch" MATCH ? ORDER BY "rowid"`, `"${term}"`).map((r) => r.rowid);
  const containing = (term: string) => sql.all<{ seq: number }>(`SELECT "seq" FROM "Message" WHERE instr(lower("content"), lower(?)) > 0 ORDER BY "seq"`, term).map((r) => r.seq);

  it('indexes what is past its position in transactions of at most batchRows, in order, once', async () => {
    for (let i = 0; i < 10; i++) await send(`okapi number ${i}`);
    expect(upTo()).toBeLessThan(lastSeq());
    // the check sees the messages the index lacks
    expect(integrityCheck).toThrow();
    const sizes = [];
    for (let n = await index.indexBatch(); n > 0; n = await index.indexBatch()) sizes.push(n);
    expect(sizes).toEqual([BATCH, BATCH, 2]);
    expect(upTo()).toBe(lastSeq());
    integrityCheck();
    expect(matched('okapi')).toEqual(containing('okapi'));
    expect(matched('okapi').length).toBe(10);
  });

  it('keeps the index exact through edits and deletes on both sides of its position', async () => {
    const indexed = [await send('ibis alpha'), await send('ibis beta'), await send('ibis gamma')];
    await index.catchUp();
    const waiting = [await send('ibis delta'), await send('ibis epsilon'), await send('ibis zeta')];
    expect(upTo()).toBe(indexed[2]!.seq);
    // edits: one indexed (its trigger replaces the text in the index), one not (the indexer reads the new text)
    await store.edit(indexed[0]!.id, ann.id, 'ibis alpha, now with lemurs');
    await store.edit(waiting[0]!.id, ann.id, 'ibis delta, now with lemurs');
    // tombstones (the text becomes '') and deletes of the row, on both sides
    await store.remove(indexed[1]!.id, ann.id);
    await store.remove(waiting[1]!.id, ann.id);
    sql.run(`DELETE FROM "Message" WHERE "seq" IN (?, ?)`, indexed[2]!.seq, waiting[2]!.seq);
    await index.catchUp();
    expect(upTo()).toBe(waiting[1]!.seq);
    integrityCheck();
    for (const term of ['ibis', 'lemurs', 'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'now with']) expect(matched(term), term).toEqual(containing(term));
    expect(matched('lemurs')).toEqual([indexed[0]!.seq, waiting[0]!.seq]);
  });

  it('a search catches up first; the timer indexes soon after a write without one', async () => {
    await send('tapir one');
    expect(await store.search({ viewerId: ann.id, conversationId: null, terms: ['tapir'], before: null, limit: 10 })).toHaveLength(1);
    expect(upTo()).toBe(lastSeq());
    const soon = new SqliteSearchIndex(sql, { delayMs: 0, batchRows: BATCH }, (e) => console.error(e));
    const timed = new SqliteMessageStore(sql, soon);
    try {
      const conversation = { id: (await store.byId((await send('tapir two')).id))!.conversationId, name: 'ann_ben', participants: [ann] };
      const items: PendingSend[] = Array.from({ length: 9 }, (_, i) => ({ sender: ann, conversation, content: `tapir batch ${i}`, clientId: null, file: null, replyToSeq: null }));
      await timed.insertBatch(items, []);
      await until(() => upTo() === lastSeq(), { what: 'the timer indexed the new messages' });
      integrityCheck();
      expect(matched('tapir')).toEqual(containing('tapir'));
    } finally {
      await soon.close();
    }
  });
});
