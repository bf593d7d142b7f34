import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Config } from '../config.js';
import { PrismaClient as SqliteClient, type Prisma } from './generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from './generated/postgres/client.js';
import { migrate, type MigrationResult } from './migrate.js';

/**
 * The database handle every service receives. Both generated clients come from the same models
 * (prisma/models.prisma; a test enforces it), so the PostgreSQL client is used through the SQLite
 * client's type: their model APIs are the same.
 */
export type Db = SqliteClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbTx = Prisma.TransactionClient;

export interface Database {
  kind: 'sqlite' | 'postgres';
  prisma: Db;
  migrations: MigrationResult;
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'sqlite') mkdirSync(dirname(config.file), { recursive: true });
  const migrations = config.migrateOnStart ? await migrate(config) : { applied: [] };
  const transactionOptions = { maxWait: config.transactionWaitMs };
  if (config.kind === 'sqlite') {
    const prisma = new SqliteClient({
      adapter: new PrismaBetterSqlite3({ url: config.file, timeout: 5000 }, { timestampFormat: 'unixepoch-ms' }),
      transactionOptions,
    });
    // One connection: these pragmas hold for its life. WAL + NORMAL is durable across process crashes.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return { kind: 'sqlite', prisma, migrations, close: () => prisma.$disconnect() };
  }
  const pg = new PostgresClient({ adapter: new PrismaPg({ connectionString: config.url, max: config.poolSize }), transactionOptions });
  await pg.$connect();
  const prisma = pg as unknown as Db;
  return { kind: 'postgres', prisma, migrations, close: () => pg.$disconnect() };
}
