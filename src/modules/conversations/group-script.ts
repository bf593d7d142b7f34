import type { Db } from '../../db/database.js';
import type { SqliteConnection } from '../../db/sqlite-connection.js';
import { changeLogLock, numbered } from '../messages/postgres-message-store.js';

type Param = string | number | Date | null;
type Row = Record<string, unknown>;

/** One statement of a script (`?` placeholders, the same text on both databases). */
export type Step =
  /** forUpdate: PostgreSQL locks the rows read (SQLite has one writer already) */
  | { sql: string; params: Param[]; forUpdate?: boolean }
  /** PostgreSQL only: the change log's transaction lock (SQLite has one writer: nothing to do) */
  | { lock: 'change-log' };

/**
 * A transaction written once for both databases: a generator that yields its statements and is given
 * back each one's rows. SQLite runs it synchronously inside one IMMEDIATE transaction (nothing can
 * interleave); PostgreSQL inside an interactive transaction. Throwing anywhere rolls it back.
 */
export type Script<T> = Generator<Step, T, Row[]>;

/** Runs scripts on the configured database. */
export interface ScriptRunner {
  run<T>(script: () => Script<T>): Promise<T>;
}

export function sqliteRunner(db: SqliteConnection): ScriptRunner {
  return {
    run: (script) =>
      db.write(() => {
        const it = script();
        for (let r = it.next([]); ; ) {
          if (r.done) return r.value;
          const step = r.value;
          if ('lock' in step) r = it.next([]);
          else {
            const params = step.params.map((p) => (p instanceof Date ? p.getTime() : p));
            r = it.next(db.execute<Row>(step.sql, ...params));
          }
        }
      }),
  };
}

export function postgresRunner(db: Db): ScriptRunner {
  return {
    run: (script) =>
      db.$transaction(async (tx) => {
        const it = script();
        for (let r = it.next([]); ; ) {
          if (r.done) return r.value;
          const step = r.value;
          if ('lock' in step) {
            await changeLogLock(tx);
            r = it.next([]);
          } else r = it.next(await tx.$queryRawUnsafe<Row[]>(numbered(step.forUpdate ? `${step.sql} FOR UPDATE` : step.sql), ...step.params));
        }
      }),
  };
}

/** A statement step. */
export const sql = (text: string, ...params: Param[]): Step => ({ sql: text, params });
