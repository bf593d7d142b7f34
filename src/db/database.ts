import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { PrismaClient as SqliteClient, type Prisma } from './generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from './generated/postgres/client.js';
import { migrate, type MigrationResult } from './migrate.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { SqliteConnection } from './sqlite-connection.js';

/**
 * The database handle every service receives. Both generated clients come from the same models
 * (prisma/models.prisma; a test enforces it), so the PostgreSQL client is used through the SQLite
 * client's type: their model APIs are the same.
 */
export type Db = SqliteClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbTx = Prisma.TransactionClient;

export type Database = {
  prisma: Db;
  migrations: MigrationResult;
  close(): Promise<void>;
} & ({ kind: 'sqlite'; /** Prisma's connection, for hand-written statements */ sqlite: SqliteConnection } | { kind: 'postgres' });

/**
 * Prisma's better-sqlite3 adapter, holding on to the connection it opens so that hand-written
 * statements run on the same one (ADR 013). The adapter keeps it in its public `client` field.
 */
class SharedSqliteAdapter implements Pick<PrismaBetterSqlite3, 'provider' | 'adapterName' | 'connect' | 'connectToShadowDb'> {
  readonly provider = 'sqlite';
  readonly adapterName: string;
  connection: BetterSqlite3.Database | undefined;

  constructor(private readonly inner: PrismaBetterSqlite3) {
    this.adapterName = inner.adapterName;
  }

  async connect(): ReturnType<PrismaBetterSqlite3['connect']> {
    const adapter = await this.inner.connect();
    const client = (adapter as unknown as { client?: unknown }).client;
    if (!(client instanceof BetterSqlite3)) throw new Error('@prisma/adapter-better-sqlite3 no longer exposes its connection: see docs/decisions/013');
    this.connection = client;
    return adapter;
  }

  connectToShadowDb(): ReturnType<PrismaBetterSqlite3['connectToShadowDb']> {
    return this.inner.connectToShadowDb();
  }
}

/** A backstop for the background checkpointer: SQLite checkpoints in a commit only past this many WAL pages (40 MB). */
const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

export async function openDatabase(config: Config['database'], log: Pick<Logger, 'error'>): Promise<Database> {
  if (config.kind === 'sqlite') mkdirSync(dirname(config.file), { recursive: true });
  const migrations = config.migrateOnStart ? await migrate(config) : { applied: [] };
  // an interactive transaction may take a few statements' time, no more
  const transactionOptions = { maxWait: config.transactionWaitMs, timeout: config.queryTimeoutMs * 2 };
  if (config.kind === 'sqlite') {
    const adapter = new SharedSqliteAdapter(new PrismaBetterSqlite3({ url: config.file, timeout: 5000 }, { timestampFormat: 'unixepoch-ms' }));
    const prisma = new SqliteClient({ adapter, transactionOptions });
    // One connection: these pragmas hold for its life. WAL + NORMAL is durable across process crashes.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    if (!adapter.connection) throw new Error('Prisma did not open its SQLite connection');
    const checkpointer =
      config.checkpointIntervalMs > 0
        ? startCheckpointer(config.file, config.checkpointIntervalMs, (err) => log.error({ err }, 'SQLite background checkpoint failed'))
        : null;
    if (checkpointer) adapter.connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    const close = async () => {
      await checkpointer?.close();
      await prisma.$disconnect();
    };
    return { kind: 'sqlite', prisma, sqlite: new SqliteConnection(adapter.connection), migrations, close };
  }
  const pg = new PostgresClient({
    adapter: new PrismaPg({
      connectionString: config.url,
      max: config.poolSize,
      // a database that stops answering (a dropped link, packets black-holed) fails requests within
      // these bounds instead of hanging them; TCP keepalive finds a dead peer of an idle connection
      connectionTimeoutMillis: config.connectTimeoutMs,
      query_timeout: config.queryTimeoutMs,
      statement_timeout: config.queryTimeoutMs,
      lock_timeout: config.lockTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    }),
    transactionOptions,
  });
  await pg.$connect();
  const prisma = pg as unknown as Db;
  return { kind: 'postgres', prisma, migrations, close: () => pg.$disconnect() };
}
