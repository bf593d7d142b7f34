import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfigOrExit } from '../config.js';
import { migrate } from './migrate.js';

/**
 * `npm run migrate`: applies the pending migrations to the database DATABASE_URL names, then exits
 * (0: up to date, 1: a migration failed, 2: bad configuration). Safe to run while nodes are up and
 * from several places at once: PostgreSQL migrations take an advisory lock.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExit();
  const db = config.database;
  if (db.kind === 'sqlite') mkdirSync(dirname(db.file), { recursive: true });
  const where = db.kind === 'sqlite' ? `SQLite ${db.file}` : `PostgreSQL ${redact(db.url)}`;
  const { applied } = await migrate(db);
  console.log(applied.length ? `${where}: applied ${applied.join(', ')}` : `${where}: up to date`);
  return 0;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
