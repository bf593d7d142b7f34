import type BetterSqlite3 from 'better-sqlite3';

type Param = string | number | bigint | null | Buffer;

/**
 * Hand-written statements on Prisma's own SQLite connection (one connection: one view of the data and
 * one writer, ADR 013). Statements are prepared once and kept; they return plain numbers (Prisma turns
 * safe integers on for the connection, these turn them off for themselves).
 */
export class SqliteConnection {
  readonly #statements = new Map<string, BetterSqlite3.Statement<Param[]>>();
  /** the same statements in raw mode (rows as arrays, in column order) */
  readonly #rawStatements = new Map<string, BetterSqlite3.Statement<Param[]>>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  get<T>(sql: string, ...params: Param[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Rows as arrays in the statement's column order (cheaper than objects on wide pages). */
  rows<T extends unknown[]>(sql: string, ...params: Param[]): T[] {
    let statement = this.#rawStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Param[]>(sql).raw(true).safeIntegers(false);
      this.#rawStatements.set(sql, statement);
    }
    return statement.all(...params) as T[];
  }

  /** Runs any statement: its rows if it returns some (a SELECT, a RETURNING), else none. */
  execute<T>(sql: string, ...params: Param[]): T[] {
    const statement = this.statement(sql);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }

  run(sql: string, ...params: Param[]): BetterSqlite3.RunResult {
    return this.statement(sql).run(...params);
  }

  /**
   * Runs `fn` (synchronous: nothing else can run in between) as one IMMEDIATE transaction, once no
   * other transaction is open on the connection: Prisma's interactive transactions span awaits, and
   * statements run meanwhile would join them.
   */
  async write<T>(fn: () => T): Promise<T> {
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.run('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.run('COMMIT');
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.run('ROLLBACK');
      throw e;
    }
  }

  private statement(sql: string): BetterSqlite3.Statement<Param[]> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Param[]>(sql);
      if (statement.reader) statement.safeIntegers(false);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
