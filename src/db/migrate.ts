import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.js';

/**
 * Applies the committed Prisma migrations (prisma/<provider>/migrations/<name>/migration.sql) at start-up,
 * recording each in `_prisma_migrations` with Prisma's own table layout and checksum (sha256 of the file),
 * so `prisma migrate status/deploy` agree with it wherever Prisma's engine is available. See ADR 002.
 */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
}

const MIGRATIONS_TABLE_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const MIGRATIONS_TABLE_PG = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Arbitrary constant key: one node migrates at a time. */
const PG_ADVISORY_LOCK_KEY = 727_100_001;

export function migrationsDir(provider: 'sqlite' | 'postgres'): string {
  return fileURLToPath(new URL(`../../prisma/${provider}/migrations`, import.meta.url));
}

export function readMigrations(provider: 'sqlite' | 'postgres'): MigrationFile[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

function pending(applied: AppliedRow[], all: MigrationFile[]): MigrationFile[] {
  const live = applied.filter((r) => r.rolled_back_at == null);
  const unfinished = live.find((r) => r.finished_at == null);
  if (unfinished) {
    throw new Error(
      `migration ${unfinished.migration_name} started but never finished: fix the database by hand, then mark it resolved`,
    );
  }
  const done = new Map(live.map((r) => [r.migration_name, r.checksum]));
  for (const m of all) {
    const sum = done.get(m.name);
    if (sum && sum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
  }
  return all.filter((m) => !done.has(m.name));
}

export function migrateSqlite(file: string): MigrationResult {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(MIGRATIONS_TABLE_SQLITE);
    const todo = pending(
      db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations').all() as AppliedRow[],
      readMigrations('sqlite'),
    );
    for (const m of todo) {
      const id = randomUUID();
      db.transaction(() => {
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)',
        ).run(id, m.checksum, m.name, Date.now());
        db.exec(m.sql);
        db.prepare('UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?').run(Date.now(), id);
      })();
    }
    return { applied: todo.map((m) => m.name) };
  } finally {
    db.close();
  }
}

export async function migratePostgres(url: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_PG);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    const todo = pending(rows, readMigrations('postgres'));
    for (const m of todo) {
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query('UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return { applied: todo.map((m) => m.name) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function migrate(database: Config['database']): Promise<MigrationResult> {
  return database.kind === 'sqlite' ? migrateSqlite(database.file) : migratePostgres(database.url);
}
