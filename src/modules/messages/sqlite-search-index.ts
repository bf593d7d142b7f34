import type { SqliteConnection } from '../../db/sqlite-connection.js';

/** What the SQLite store asks of the search index: told after each stored batch, caught up before each search. */
export interface SearchBacklog {
  /** Messages were stored: index them soon (not in the caller's transaction). */
  soon(): void;
  /** Resolves once every message stored before the call is in the index. */
  catchUp(): Promise<void>;
}

export interface SearchIndexSettings {
  /** how long after a stored message its batch is indexed (0: on the next turn of the event loop) */
  delayMs: number;
  /** the most messages one indexing transaction takes (it holds the write lock meanwhile) */
  batchRows: number;
}

const SQL = {
  indexedUpTo: `SELECT "upTo" FROM "MessageSearchIndexed" WHERE "id" = 1`,
  lastSeq: `SELECT COALESCE(MAX("seq"), 0) AS "seq" FROM "Message"`,
  /** the next batch past the indexed position: its last seq and its size */
  nextBatch: `SELECT MAX("seq") AS "last", COUNT(*) AS "rows" FROM (SELECT "seq" FROM "Message" WHERE "seq" > ? ORDER BY "seq" LIMIT ?)`,
  index: `INSERT INTO "MessageSearch" ("rowid", "content") SELECT "seq", "content" FROM "Message" WHERE "seq" > ? AND "seq" <= ? ORDER BY "seq"`,
  moveTo: `UPDATE "MessageSearchIndexed" SET "upTo" = ? WHERE "id" = 1`,
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The SQLite search index (FTS5 trigram over Message.content, ADR 022), kept off the send path
 * (ADR 027): one FTS5 insert per send transaction costs ~110 µs a message (each transaction writes a
 * new index segment), one transaction of hundreds of messages a few µs each. Messages past the indexed
 * position ("MessageSearchIndexed"."upTo", durable: a restart resumes from it) are indexed in batches
 * of at most `batchRows`, `delayMs` after a write, and before any search runs. Each batch is one write
 * transaction that reads the position, indexes the rows after it as they are then and moves it, so
 * batches from the timer and from searches never index a message twice; the triggers on edits and
 * deletes only touch the index for messages at or before the position (migration 20261203180000).
 */
export class SqliteSearchIndex implements SearchBacklog {
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** the timer's pass in progress (close waits for it) */
  #running: Promise<void> | null = null;

  constructor(
    private readonly db: SqliteConnection,
    private readonly settings: SearchIndexSettings,
    /** where a failed background batch is reported (the next write or search tries again) */
    private readonly onError: (error: unknown) => void,
  ) {}

  soon(): void {
    if (this.#timer || this.#closed) return;
    // not pushed back by later writes: under a steady stream a batch still goes every delayMs
    this.#timer = setTimeout(() => {
      const pass = this.#pass().finally(() => {
        if (this.#running === pass) this.#running = null;
      });
      this.#running = pass;
    }, this.settings.delayMs);
    this.#timer.unref();
  }

  async catchUp(): Promise<void> {
    // nothing past the position (the usual case once the timer has run): no write transaction
    const target = this.db.get<{ seq: number }>(SQL.lastSeq)!.seq;
    // up to what was stored when the search came (a flood of sends meanwhile does not hold it longer);
    // a batch that is not full has indexed every message stored before it
    while (this.#indexedUpTo() < target && (await this.indexBatch()) === this.settings.batchRows) await nextTurn();
  }

  /** Indexes the next batch past the indexed position (one transaction); how many messages it took. */
  async indexBatch(): Promise<number> {
    return this.db.write(() => {
      const from = this.#indexedUpTo();
      const { last, rows } = this.db.get<{ last: number | null; rows: number }>(SQL.nextBatch, from, this.settings.batchRows)!;
      if (last === null || rows === 0) return 0;
      this.db.run(SQL.index, from, last);
      this.db.run(SQL.moveTo, last);
      return rows;
    });
  }

  /** Stops the timer; what is left unindexed is indexed after the next start (or by its first search). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** The timer's work: batches until none is full, each on its own turn, so sends get the lock in between. */
  async #pass(): Promise<void> {
    // writes from now on schedule the next pass (batches of two passes never overlap: each is one transaction)
    this.#timer = null;
    try {
      while (!this.#closed && (await this.indexBatch()) === this.settings.batchRows) await nextTurn();
    } catch (e) {
      this.onError(e);
    }
  }

  #indexedUpTo(): number {
    return this.db.get<{ upTo: number }>(SQL.indexedUpTo)!.upTo;
  }
}
