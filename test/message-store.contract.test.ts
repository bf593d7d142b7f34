import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { isUniqueViolation } from '../src/db/errors.js';
import { DomainError } from '../src/errors.js';
import type { MessageRow } from '../src/modules/messages/message.mapper.js';
import type { MessageStore, PendingSend, ReadOutcome, ReadTarget } from '../src/modules/messages/message-store.js';
import { PostgresMessageStore } from '../src/modules/messages/postgres-message-store.js';
import { forwardOnly, unreadBumps } from '../src/modules/messages/read-state.js';
import { SqliteMessageStore } from '../src/modules/messages/sqlite-message-store.js';
import { SqliteSearchIndex } from '../src/modules/messages/sqlite-search-index.js';
import type { StoredFile, UserRef } from '../src/modules/types.js';
import { createTestDatabase, type TestDatabase } from './support/postgres.js';
import { TEST_DB } from './support/server.js';

/*
 * The message store's contract, case by case, on both stores: SqliteMessageStore on a SQLite file and
 * PostgresMessageStore on a fresh PostgreSQL database, both migrated by openDatabase and seeded through
 * Prisma. Every case is written against the expected outcome (so the SQLite project checks the contract
 * on its own), and in the postgres project both stores run the same case and must give identical results.
 *
 * The PostgreSQL half is skipped under TEST_DB=sqlite: this file does not depend on the project's
 * backing (it opens its own databases), so running PostgreSQL in both projects would repeat the same run,
 * and the sqlite project stays runnable without a PostgreSQL server.
 *
 * Results are normalised to what the contract promises: seqs become the content of the message that has
 * them (seqs are increasing, not dense: PostgreSQL spends sequence values on a rolled-back insert, SQLite
 * does not), users their names, message ids and instants are compared with what insertBatch returned.
 */

interface Backend {
  name: 'sqlite' | 'postgres';
  store: MessageStore;
  database: Database;
}

const backends: Backend[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
const TIMEOUTS = { transactionWaitMs: 5000, connectTimeoutMs: 3000, queryTimeoutMs: 5000, lockTimeoutMs: 3000, migrateOnStart: true } as const;
const log = { error: (obj: unknown) => console.error('database log', obj) };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = await openDatabase({ kind: 'sqlite', file: join(dir, 'chat.db'), checkpointIntervalMs: 0, ...TIMEOUTS }, log);
  cleanup.push(() => sqlite.close());
  if (sqlite.kind !== 'sqlite') throw new Error('expected a SQLite database');
  const searchIndex = new SqliteSearchIndex(sqlite.sqlite, { delayMs: 0, batchRows: 512 }, (e) => console.error('search index', e));
  cleanup.push(() => searchIndex.close());
  backends.push({ name: 'sqlite', store: new SqliteMessageStore(sqlite.sqlite, searchIndex), database: sqlite });
  if (TEST_DB === 'postgres') {
    const pgDb: TestDatabase = await createTestDatabase();
    cleanup.push(() => pgDb.drop());
    const postgres = await openDatabase({ kind: 'postgres', url: pgDb.url, poolSize: 4, ...TIMEOUTS }, log);
    cleanup.push(() => postgres.close());
    backends.push({ name: 'postgres', store: new PostgresMessageStore(postgres.prisma), database: postgres });
  }
});

afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/**
 * One case's world on one backend: users and conversations seeded through Prisma (unique names per case,
 * so totals over all of a user's conversations only see this case), and the names of what was stored.
 */
class World {
  readonly users = new Map<string, UserRef>();
  readonly conversations = new Map<string, { id: string; name: string; participants: UserRef[] }>();
  /** seq → message label (its content) */
  readonly labels = new Map<number, string>();
  /** label → the row insertBatch returned */
  readonly inserted = new Map<string, MessageRow>();
  readonly #tag = randomBytes(4).toString('hex');

  constructor(readonly backend: Backend) {}

  get store(): MessageStore {
    return this.backend.store;
  }

  async user(name: string): Promise<UserRef> {
    const created = await this.backend.database.prisma.user.create({ data: { username: `${name}-${this.#tag}`, passwordHash: 'not-a-hash' } });
    const ref = { id: created.id, username: created.username };
    this.users.set(name, ref);
    return ref;
  }

  async conversation(name: string, members: string[]): Promise<void> {
    const participants = members.map((m) => this.u(m));
    const id = randomUUID();
    const fullName = `${name}-${this.#tag}`;
    await this.backend.database.prisma.conversation.create({
      data: {
        id,
        name: fullName,
        participantKey: `${participants.map((p) => p.id).join('_')}-${this.#tag}-${name}`,
        participants: { create: participants.map((p) => ({ userId: p.id })) },
      },
    });
    this.conversations.set(name, { id, name: fullName, participants });
  }

  u(name: string): UserRef {
    const found = this.users.get(name);
    if (!found) throw new Error(`no user ${name}`);
    return found;
  }

  c(name: string) {
    const found = this.conversations.get(name);
    if (!found) throw new Error(`no conversation ${name}`);
    return found;
  }

  /** A pending send: `content` is also the message's label in results. */
  send(from: string, to: string, content: string, extra: { clientId?: string; file?: StoredFile } = {}): PendingSend {
    return { sender: this.u(from), conversation: this.c(to), content, clientId: extra.clientId ?? null, file: extra.file ?? null, replyToSeq: null };
  }

  /** insertBatch with the service's counter plan, remembering what each seq is. */
  async insert(items: PendingSend[]) {
    const batch = await this.store.insertBatch(items, unreadBumps(items));
    for (const { row } of batch.rows) {
      this.labels.set(row.seq, row.content);
      this.inserted.set(row.content, row);
    }
    return batch;
  }

  seq(label: string): number {
    const row = this.inserted.get(label);
    if (!row) throw new Error(`no message ${label}`);
    return row.seq;
  }

  id(label: string): string {
    return this.inserted.get(label)!.id;
  }

  /** A seq as its message's label (0 stays 0: nothing). */
  label(seq: number | null): string | number | null {
    if (seq === null || seq === 0) return seq;
    return this.labels.get(seq) ?? `unknown seq ${seq}`;
  }

  userName(id: number): string {
    for (const [name, ref] of this.users) if (ref.id === id) return name;
    return `unknown user ${id}`;
  }

  conversationName(id: string): string {
    for (const [name, conv] of this.conversations) if (conv.id === id) return name;
    return `unknown conversation ${id}`;
  }

  /**
   * A row as the contract speaks of it. Its id and instant must be the ones insertBatch returned (an
   * instant that moved on the way through the database, a time-zone shift say, shows as `createdAt moved`).
   */
  row(row: MessageRow) {
    const first = this.inserted.get(row.content);
    return {
      message: this.label(row.seq),
      conversation: this.conversationName(row.conversationId),
      sender: this.userName(row.senderId),
      clientId: row.clientId,
      file: row.fileKey ? { key: row.fileKey === first?.fileKey ? 'as inserted' : row.fileKey, name: row.fileName, size: row.fileSize, mime: row.fileMime } : null,
      sameId: row.id === first?.id,
      createdAt: row.createdAt instanceof Date && row.createdAt.getTime() === first?.createdAt.getTime() ? 'as inserted' : `createdAt moved: ${String(row.createdAt)}`,
    };
  }

  rows(rows: MessageRow[]) {
    return rows.map((r) => this.label(r.seq));
  }

  /** userId → mark as { name: label } */
  marks(marks: Record<number, number>) {
    return Object.fromEntries(Object.entries(marks).map(([userId, seq]) => [this.userName(Number(userId)), this.label(seq)]));
  }

  outcome(o: ReadOutcome) {
    if (o.status !== 'moved') return o;
    return {
      status: o.status,
      before: this.label(o.before),
      lastRead: this.label(o.lastReadSeq),
      lastReadMessage: o.lastReadMessageId === null ? null : o.lastReadMessageId === this.inserted.get(String(this.label(o.lastReadSeq)))?.id ? 'its id' : `wrong id ${o.lastReadMessageId}`,
      unreadCount: o.unreadCount,
      total: o.total,
      muted: o.muted,
    };
  }

  async counters(conversations: string[], users: string[]) {
    const out: Record<string, unknown> = {};
    for (const c of conversations) {
      out[`${c}.messageCount`] = await this.store.messageCount(this.c(c).id);
      out[`${c}.lastSeq`] = this.label(await this.store.lastSeq(this.c(c).id));
      out[`${c}.readMarks`] = this.marks(await this.store.readMarks(this.c(c).id));
    }
    for (const u of users) out[`${u}.unreadTotal`] = await this.store.unreadTotal(this.u(u).id);
    return out;
  }

  async participantCounts(conversation: string) {
    const rows = await this.backend.database.prisma.participant.findMany({ where: { conversationId: this.c(conversation).id }, orderBy: { userId: 'asc' } });
    return Object.fromEntries(rows.map((r) => [this.userName(r.userId), r.unreadCount]));
  }
}

/** The failure a promise ends with, as the contract names it. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return 'succeeded';
  } catch (e) {
    if (isUniqueViolation(e)) return 'unique violation';
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    return { unexpected: String(e) };
  }
}

/** Runs a case on every backend (one after the other), checks each result, then that they are identical. */
async function onEveryStore<T>(run: (w: World) => Promise<T>, expected: T): Promise<void> {
  const results: { backend: string; result: T }[] = [];
  for (const backend of backends) results.push({ backend: backend.name, result: await run(new World(backend)) });
  for (const { backend, result } of results) expect({ backend, result }).toEqual({ backend, result: expected });
  for (const { result } of results.slice(1)) expect(result).toEqual(results[0]!.result);
}

describe(`MessageStore contract (${TEST_DB === 'postgres' ? 'SQLite and PostgreSQL, compared' : 'SQLite; PostgreSQL in the postgres project'})`, () => {
  it('runs on the stores this project covers', () => {
    expect(backends.map((b) => b.name)).toEqual(TEST_DB === 'postgres' ? ['sqlite', 'postgres'] : ['sqlite']);
  });

  it('insertBatch: rows in the order given, increasing seqs, a previousSeq chain per conversation, unread bumped per the plan', async () => {
    await onEveryStore(
      async (w) => {
        for (const name of ['ann', 'bob', 'cat', 'dan']) await w.user(name);
        await w.conversation('G', ['ann', 'bob', 'cat']);
        await w.conversation('D', ['ann', 'dan']);
        // several senders in G, one in D, interleaved
        const first = await w.insert([w.send('ann', 'G', 'g1'), w.send('bob', 'G', 'g2'), w.send('ann', 'G', 'g3'), w.send('dan', 'D', 'd1'), w.send('cat', 'G', 'g4')]);
        const seqs = first.rows.map((r) => r.row.seq);
        const firstBatch = {
          rows: first.rows.map((r) => ({ ...w.row(r.row), previous: w.label(r.previousSeq) })),
          seqsIncrease: seqs.every((s, i) => i === 0 || s > seqs[i - 1]!),
          oneInstant: new Set(first.rows.map((r) => r.row.createdAt.getTime())).size === 1,
          unread: Object.fromEntries([...first.unread].map(([k, v]) => [`${w.conversationName(k.split(':')[0]!)}.${w.userName(Number(k.split(':')[1]))}`, v])),
          totals: Object.fromEntries([...first.totals].map(([k, v]) => [w.userName(k), v])),
        };
        // a second batch continues each conversation's chain; one sender: everyone else +1
        const second = await w.insert([w.send('cat', 'G', 'g5'), w.send('ann', 'D', 'd2')]);
        const secondBatch = {
          rows: second.rows.map((r) => ({ message: w.label(r.row.seq), previous: w.label(r.previousSeq) })),
          seqsAfterFirst: second.rows.every((r) => r.row.seq > Math.max(...seqs)),
          unread: Object.fromEntries([...second.unread].map(([k, v]) => [`${w.conversationName(k.split(':')[0]!)}.${w.userName(Number(k.split(':')[1]))}`, v])),
          totals: Object.fromEntries([...second.totals].map(([k, v]) => [w.userName(k), v])),
        };
        return {
          firstBatch,
          secondBatch,
          readBack: await w.counters(['G', 'D'], ['ann', 'bob', 'cat', 'dan']),
          storedCounts: { G: await w.participantCounts('G'), D: await w.participantCounts('D') },
          storedRows: (await w.store.oldestAfter(w.c('G').id, 0, null, 100)).map((r) => w.row(r)),
        };
      },
      {
        firstBatch: {
          rows: [
            { message: 'g1', conversation: 'G', sender: 'ann', clientId: null, file: null, sameId: true, createdAt: 'as inserted', previous: null },
            { message: 'g2', conversation: 'G', sender: 'bob', clientId: null, file: null, sameId: true, createdAt: 'as inserted', previous: 'g1' },
            { message: 'g3', conversation: 'G', sender: 'ann', clientId: null, file: null, sameId: true, createdAt: 'as inserted', previous: 'g2' },
            { message: 'd1', conversation: 'D', sender: 'dan', clientId: null, file: null, sameId: true, createdAt: 'as inserted', previous: null },
            { message: 'g4', conversation: 'G', sender: 'cat', clientId: null, file: null, sameId: true, createdAt: 'as inserted', previous: 'g3' },
          ],
          seqsIncrease: true,
          oneInstant: true,
          // G: 4 messages, each participant minus their own; D: 1 message from dan
          unread: { 'G.ann': 2, 'G.bob': 3, 'G.cat': 3, 'D.ann': 1, 'D.dan': 0 },
          totals: { ann: 3, bob: 3, cat: 3, dan: 0 },
        },
        secondBatch: {
          rows: [
            { message: 'g5', previous: 'g4' },
            { message: 'd2', previous: 'd1' },
          ],
          seqsAfterFirst: true,
          unread: { 'G.ann': 3, 'G.bob': 4, 'G.cat': 3, 'D.ann': 1, 'D.dan': 1 },
          totals: { ann: 4, bob: 4, cat: 3, dan: 1 },
        },
        readBack: {
          'G.messageCount': 5,
          'G.lastSeq': 'g5',
          'G.readMarks': { ann: 0, bob: 0, cat: 0 },
          'D.messageCount': 2,
          'D.lastSeq': 'd2',
          'D.readMarks': { ann: 0, dan: 0 },
          'ann.unreadTotal': 4,
          'bob.unreadTotal': 4,
          'cat.unreadTotal': 3,
          'dan.unreadTotal': 1,
        },
        storedCounts: { G: { ann: 3, bob: 4, cat: 3 }, D: { ann: 1, dan: 1 } },
        storedRows: [
          ['g1', 'ann'],
          ['g2', 'bob'],
          ['g3', 'ann'],
          ['g4', 'cat'],
          ['g5', 'cat'],
        ].map(([message, sender]) => ({
          message: message!,
          conversation: 'G',
          sender: sender!,
          clientId: null,
          file: null,
          sameId: true,
          createdAt: 'as inserted',
        })),
      },
    );
  });

  it('insertBatch: a message to a conversation that does not exist fails the whole batch (NOT_FOUND), storing nothing', async () => {
    await onEveryStore(
      async (w) => {
        await w.user('ann');
        await w.user('bob');
        await w.conversation('G', ['ann', 'bob']);
        await w.insert([w.send('ann', 'G', 'before')]);
        const ghost = { id: randomUUID(), name: 'ghost', participants: [w.u('ann'), w.u('bob')] };
        const items: PendingSend[] = [w.send('ann', 'G', 'lost'), { ...w.send('ann', 'G', 'to-ghost'), conversation: ghost }];
        const refused = await failure(w.store.insertBatch(items, unreadBumps(items)));
        return { refused, after: await w.counters(['G'], ['ann', 'bob']), rows: w.rows(await w.store.newest(w.c('G').id, null, 10)) };
      },
      {
        refused: { code: 'NOT_FOUND', message: 'Conversation not found.' },
        after: { 'G.messageCount': 1, 'G.lastSeq': 'before', 'G.readMarks': { ann: 0, bob: 0 }, 'ann.unreadTotal': 0, 'bob.unreadTotal': 1 },
        rows: ['before'],
      },
    );
  });

  it('insertBatch: a clientId the sender already used fails the whole batch as a unique violation, storing nothing', async () => {
    await onEveryStore(
      async (w) => {
        await w.user('ann');
        await w.user('bob');
        await w.conversation('G', ['ann', 'bob']);
        await w.insert([w.send('ann', 'G', 'first', { clientId: 'dup' }), w.send('bob', 'G', 'bobs', { clientId: 'dup' })]);
        const before = await w.counters(['G'], ['ann', 'bob']);
        const reused = [w.send('bob', 'G', 'innocent'), w.send('ann', 'G', 'again', { clientId: 'dup' })];
        const reusedFails = await failure(w.store.insertBatch(reused, unreadBumps(reused)));
        const twiceInOne = [w.send('ann', 'G', 'x1', { clientId: 'twice' }), w.send('ann', 'G', 'x2', { clientId: 'twice' })];
        const twiceFails = await failure(w.store.insertBatch(twiceInOne, unreadBumps(twiceInOne)));
        const after = await w.counters(['G'], ['ann', 'bob']);
        // the store still takes the next batch, and the chain continues from what was stored
        const next = await w.insert([w.send('ann', 'G', 'next', { clientId: 'twice' })]);
        return {
          reusedFails,
          twiceFails,
          unchanged: JSON.stringify(after) === JSON.stringify(before),
          stored: w.rows(await w.store.oldestAfter(w.c('G').id, 0, null, 10)),
          byClientId: w.label((await w.store.byClientId(w.u('ann').id, 'dup'))?.seq ?? null),
          next: { message: w.label(next.rows[0]!.row.seq), previous: w.label(next.rows[0]!.previousSeq) },
          counts: await w.participantCounts('G'),
        };
      },
      {
        reusedFails: 'unique violation',
        twiceFails: 'unique violation',
        unchanged: true,
        stored: ['first', 'bobs', 'next'],
        byClientId: 'first',
        next: { message: 'next', previous: 'bobs' },
        counts: { ann: 1, bob: 2 },
      },
    );
  });

  it('markRead: forward only with forwardOnly, to a message or the latest, recounting the reader’s unread', async () => {
    await onEveryStore(
      async (w) => {
        for (const name of ['ann', 'bob', 'cat']) await w.user(name);
        await w.conversation('G', ['ann', 'bob', 'cat']);
        await w.conversation('D', ['bob', 'cat']);
        await w.insert([w.send('ann', 'G', 'm1'), w.send('bob', 'G', 'm2'), w.send('cat', 'G', 'm3'), w.send('ann', 'G', 'm4')]);
        await w.insert([w.send('cat', 'D', 'd1')]);
        const read = (user: string, target: ReadTarget, decide = forwardOnly) => w.store.markRead(w.c('G').id, w.u(user).id, target, decide).then((o) => w.outcome(o));
        const steps = {
          bobToM3: await read('bob', { messageId: w.id('m3') }),
          bobBackToM1: await read('bob', { messageId: w.id('m1') }),
          bobLatest: await read('bob', 'latest'),
          bobLatestAgain: await read('bob', 'latest'),
          // own messages never count: ann's unread are m2 and m3
          annToM2: await read('ann', { messageId: w.id('m2') }),
          // the store applies the decision it is given (forward-only is the service's rule)
          annBackwards: await read('ann', { messageId: w.id('m1') }, (_current, target) => target),
          catToOwnMessage: await read('cat', { messageId: w.id('m3') }),
        };
        return { steps, after: await w.counters(['G', 'D'], ['ann', 'bob', 'cat']), counts: await w.participantCounts('G') };
      },
      {
        steps: {
          // bob's total counts d1 in D too
          bobToM3: { status: 'moved', before: 0, lastRead: 'm3', lastReadMessage: 'its id', unreadCount: 1, total: 2, muted: false },
          bobBackToM1: { status: 'moved', before: 'm3', lastRead: 'm3', lastReadMessage: 'its id', unreadCount: 1, total: 2, muted: false },
          bobLatest: { status: 'moved', before: 'm3', lastRead: 'm4', lastReadMessage: 'its id', unreadCount: 0, total: 1, muted: false },
          bobLatestAgain: { status: 'moved', before: 'm4', lastRead: 'm4', lastReadMessage: 'its id', unreadCount: 0, total: 1, muted: false },
          annToM2: { status: 'moved', before: 0, lastRead: 'm2', lastReadMessage: 'its id', unreadCount: 1, total: 1, muted: false },
          annBackwards: { status: 'moved', before: 'm2', lastRead: 'm1', lastReadMessage: 'its id', unreadCount: 2, total: 2, muted: false },
          catToOwnMessage: { status: 'moved', before: 0, lastRead: 'm3', lastReadMessage: 'its id', unreadCount: 1, total: 1, muted: false },
        },
        after: {
          'G.messageCount': 4,
          'G.lastSeq': 'm4',
          'G.readMarks': { ann: 'm1', bob: 'm4', cat: 'm3' },
          'D.messageCount': 1,
          'D.lastSeq': 'd1',
          'D.readMarks': { bob: 0, cat: 0 },
          'ann.unreadTotal': 2,
          // bob: 0 in G, d1 in D
          'bob.unreadTotal': 1,
          'cat.unreadTotal': 1,
        },
        counts: { ann: 2, bob: 0, cat: 1 },
      },
    );
  });

  it('markRead: not_participant, unknown_message (another conversation’s message, no such id), and latest in an empty conversation', async () => {
    await onEveryStore(
      async (w) => {
        for (const name of ['ann', 'bob', 'eve']) await w.user(name);
        await w.conversation('G', ['ann', 'bob']);
        await w.conversation('Other', ['ann', 'eve']);
        await w.conversation('Empty', ['ann', 'bob']);
        await w.insert([w.send('ann', 'G', 'g1'), w.send('eve', 'Other', 'o1')]);
        const g = w.c('G').id;
        return {
          eveInG: w.outcome(await w.store.markRead(g, w.u('eve').id, 'latest', forwardOnly)),
          eveToMessageInG: w.outcome(await w.store.markRead(g, w.u('eve').id, { messageId: w.id('g1') }, forwardOnly)),
          unknownUser: w.outcome(await w.store.markRead(g, 2_000_000_000, 'latest', forwardOnly)),
          unknownConversation: w.outcome(await w.store.markRead(randomUUID(), w.u('ann').id, 'latest', forwardOnly)),
          otherConversationsMessage: w.outcome(await w.store.markRead(g, w.u('bob').id, { messageId: w.id('o1') }, forwardOnly)),
          noSuchMessage: w.outcome(await w.store.markRead(g, w.u('bob').id, { messageId: randomUUID() }, forwardOnly)),
          emptyLatest: w.outcome(await w.store.markRead(w.c('Empty').id, w.u('bob').id, 'latest', forwardOnly)),
          // refusals moved nothing
          after: await w.counters(['G'], ['ann', 'bob', 'eve']),
        };
      },
      {
        eveInG: { status: 'not_participant' },
        eveToMessageInG: { status: 'not_participant' },
        unknownUser: { status: 'not_participant' },
        unknownConversation: { status: 'not_participant' },
        otherConversationsMessage: { status: 'unknown_message' },
        noSuchMessage: { status: 'unknown_message' },
        emptyLatest: { status: 'moved', before: 0, lastRead: 0, lastReadMessage: null, unreadCount: 0, total: 1, muted: false },
        after: { 'G.messageCount': 1, 'G.lastSeq': 'g1', 'G.readMarks': { ann: 0, bob: 0 }, 'ann.unreadTotal': 1, 'bob.unreadTotal': 1, 'eve.unreadTotal': 0 },
      },
    );
  });

  it('markRead: recounts the reader’s unread from the messages, whatever the counter said', async () => {
    await onEveryStore(
      async (w) => {
        await w.user('ann');
        await w.user('bob');
        await w.conversation('G', ['ann', 'bob']);
        await w.insert([w.send('ann', 'G', 'a1'), w.send('ann', 'G', 'a2'), w.send('bob', 'G', 'b1'), w.send('ann', 'G', 'a3')]);
        await w.backend.database.prisma.participant.update({ where: { conversationId_userId: { conversationId: w.c('G').id, userId: w.u('bob').id } }, data: { unreadCount: 99 } });
        const drifted = await w.store.unreadTotal(w.u('bob').id);
        const moved = w.outcome(await w.store.markRead(w.c('G').id, w.u('bob').id, { messageId: w.id('a1') }, forwardOnly));
        return { drifted, moved, total: await w.store.unreadTotal(w.u('bob').id) };
      },
      {
        drifted: 99,
        // a2 and a3 (b1 is bob's own)
        moved: { status: 'moved', before: 0, lastRead: 'a1', lastReadMessage: 'its id', unreadCount: 2, total: 2, muted: false },
        total: 2,
      },
    );
  });

  it('setMuted: the count stays, the total leaves it out (a hidden row too); sends mark muted and hidden recipients; null for a stranger', async () => {
    await onEveryStore(
      async (w) => {
        await w.user('ann');
        await w.user('bob');
        await w.user('cy');
        await w.conversation('D', ['ann', 'bob']);
        await w.conversation('G', ['ann', 'bob', 'cy']);
        await w.insert([w.send('ann', 'D', 'd1'), w.send('ann', 'G', 'g1'), w.send('cy', 'G', 'g2')]);
        const before = await w.store.unreadTotal(w.u('bob').id);
        const muted = await w.store.setMuted(w.c('G').id, w.u('bob').id, true);
        const stranger = await w.store.setMuted(w.c('D').id, w.u('cy').id, true);
        // bob's side of D hidden (ann blocked him), as BlocksService marks it
        await w.backend.database.prisma.participant.update({ where: { conversationId_userId: { conversationId: w.c('D').id, userId: w.u('bob').id } }, data: { hidden: true } });
        const batch = await w.insert([w.send('ann', 'D', 'd2'), w.send('ann', 'G', 'g3')]);
        const flags = (set: Set<string>) => [...set].map((k) => `${w.conversationName(k.split(':')[0]!)}.${w.userName(Number(k.split(':')[1]))}`).sort();
        const read = w.outcome(await w.store.markRead(w.c('G').id, w.u('bob').id, 'latest', forwardOnly));
        const unmuted = await w.store.setMuted(w.c('G').id, w.u('bob').id, false);
        return { before, muted, stranger, batchMuted: flags(batch.muted), batchHidden: flags(batch.hidden), bobTotal: batch.totals.get(w.u('bob').id), read, unmuted, counts: await w.participantCounts('D') };
      },
      {
        before: 3,
        muted: { unreadCount: 2, total: 1 },
        stranger: null,
        batchMuted: ['G.bob'],
        batchHidden: ['D.bob'],
        // D (2, hidden) and G (3, muted) are out of it
        bobTotal: 0,
        read: { status: 'moved', before: 0, lastRead: 'g3', lastReadMessage: 'its id', unreadCount: 0, total: 0, muted: true },
        unmuted: { unreadCount: 0, total: 0 },
        counts: { ann: 0, bob: 2 },
      },
    );
  });

  it('reads: newest, newestFrom, oldestAfter, byClientId, byFileKey, bySeqs, readMarks, messageCount, unreadTotal, lastSeq', async () => {
    await onEveryStore(
      async (w) => {
        for (const name of ['ann', 'bob', 'cat']) await w.user(name);
        await w.conversation('H', ['ann', 'bob']);
        await w.conversation('I', ['bob', 'cat']);
        await w.conversation('Empty', ['ann', 'cat']);
        const fileKey = `file-${randomUUID()}`;
        // I's messages between H's, so every read must keep to its conversation
        await w.insert([w.send('ann', 'H', 'h1', { clientId: 'c-1' }), w.send('bob', 'H', 'h2'), w.send('bob', 'I', 'i1', { clientId: 'c-1' })]);
        await w.insert([w.send('ann', 'H', 'h3', { file: { key: fileKey, name: 'photo.png', size: 1234, mimeType: 'image/png' } })]);
        await w.insert([w.send('bob', 'H', 'h4'), w.send('cat', 'I', 'i2'), w.send('ann', 'H', 'h5'), w.send('bob', 'H', 'h6')]);
        const h = w.c('H').id;
        await w.store.markRead(h, w.u('bob').id, { messageId: w.id('h3') }, forwardOnly);
        const nobody = randomUUID();
        return {
          newest: {
            first3: w.rows(await w.store.newest(h, null, 3)),
            beforeH4: w.rows(await w.store.newest(h, w.seq('h4'), 2)),
            beforeH1: w.rows(await w.store.newest(h, w.seq('h1'), 10)),
            all: w.rows(await w.store.newest(h, null, 100)),
            empty: w.rows(await w.store.newest(w.c('Empty').id, null, 10)),
          },
          newestFrom: {
            from0: w.rows(await w.store.newestFrom(h, 0, 2)),
            from4: w.rows(await w.store.newestFrom(h, 4, 10)),
            pastEnd: w.rows(await w.store.newestFrom(h, 6, 10)),
          },
          oldestAfter: {
            fromStart: w.rows(await w.store.oldestAfter(h, 0, null, 3)),
            bounded: w.rows(await w.store.oldestAfter(h, w.seq('h2'), w.seq('h5'), 10)),
            boundedAndLimited: w.rows(await w.store.oldestAfter(h, w.seq('h2'), w.seq('h5'), 2)),
            afterLast: w.rows(await w.store.oldestAfter(h, w.seq('h6'), null, 10)),
            inI: w.rows(await w.store.oldestAfter(w.c('I').id, 0, null, 10)),
          },
          byClientId: {
            ann: w.row((await w.store.byClientId(w.u('ann').id, 'c-1'))!),
            bob: w.label((await w.store.byClientId(w.u('bob').id, 'c-1'))?.seq ?? null),
            cat: await w.store.byClientId(w.u('cat').id, 'c-1'),
            none: await w.store.byClientId(w.u('ann').id, 'never-used'),
          },
          byFileKey: {
            found: w.row((await w.store.byFileKey(fileKey))!),
            none: await w.store.byFileKey(`file-${randomUUID()}`),
          },
          bySeqs: {
            some: w.rows(await w.store.bySeqs([w.seq('h5'), w.seq('i1'), w.seq('h2')])).sort(),
            withUnknown: w.rows(await w.store.bySeqs([w.seq('h1'), 2_147_483_000])),
            none: await w.store.bySeqs([]),
          },
          readMarks: { H: w.marks(await w.store.readMarks(h)), unknown: await w.store.readMarks(nobody) },
          messageCount: { H: await w.store.messageCount(h), I: await w.store.messageCount(w.c('I').id), Empty: await w.store.messageCount(w.c('Empty').id), unknown: await w.store.messageCount(nobody) },
          unreadTotal: { ann: await w.store.unreadTotal(w.u('ann').id), bob: await w.store.unreadTotal(w.u('bob').id), cat: await w.store.unreadTotal(w.u('cat').id), unknown: await w.store.unreadTotal(2_000_000_000) },
          lastSeq: { H: w.label(await w.store.lastSeq(h)), I: w.label(await w.store.lastSeq(w.c('I').id)), Empty: await w.store.lastSeq(w.c('Empty').id), unknown: await w.store.lastSeq(nobody) },
        };
      },
      {
        newest: { first3: ['h6', 'h5', 'h4'], beforeH4: ['h3', 'h2'], beforeH1: [], all: ['h6', 'h5', 'h4', 'h3', 'h2', 'h1'], empty: [] },
        newestFrom: { from0: ['h6', 'h5'], from4: ['h2', 'h1'], pastEnd: [] },
        oldestAfter: { fromStart: ['h1', 'h2', 'h3'], bounded: ['h3', 'h4', 'h5'], boundedAndLimited: ['h3', 'h4'], afterLast: [], inI: ['i1', 'i2'] },
        byClientId: {
          ann: { message: 'h1', conversation: 'H', sender: 'ann', clientId: 'c-1', file: null, sameId: true, createdAt: 'as inserted' },
          bob: 'i1',
          cat: null,
          none: null,
        },
        byFileKey: {
          found: {
            message: 'h3',
            conversation: 'H',
            sender: 'ann',
            clientId: null,
            file: { key: 'as inserted', name: 'photo.png', size: 1234, mime: 'image/png' },
            sameId: true,
            createdAt: 'as inserted',
          },
          none: null,
        },
        bySeqs: { some: ['h2', 'h5', 'i1'], withUnknown: ['h1'], none: [] },
        readMarks: { H: { ann: 0, bob: 'h3' }, unknown: {} },
        messageCount: { H: 6, I: 2, Empty: 0, unknown: 0 },
        // ann: h2, h4, h6 from bob; bob: h5 in H (read up to h3) and i2 in I; cat: i1
        unreadTotal: { ann: 3, bob: 2, cat: 1, unknown: 0 },
        lastSeq: { H: 'h6', I: 'i2', Empty: 0, unknown: 0 },
      },
    );
  });
});
