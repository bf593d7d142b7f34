import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, renderSchema } from '../scripts/prisma-schemas.mjs';
import { migratePostgres, migrateSqlite, readMigrations } from '../src/db/migrate.js';
import { printSchemaSDL } from '../src/schema/sdl.js';
import { createTestDatabase } from './support/postgres.js';
import { TEST_DB } from './support/server.js';
import { expectedShapes, postgresShapes, sqliteShapes } from './support/table-shapes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const MODELS = 'prisma/models.prisma';

describe('schema.graphql', () => {
  it('is what `npm run schema:print` prints from the Pothos schema', () => {
    expect(read('schema.graphql'), 'schema.graphql is stale: run `npm run schema:print` and commit it').toBe(printSchemaSDL());
  });
});

describe('the per-provider Prisma schemas', () => {
  it.each(PROVIDERS)('prisma/%s/schema.prisma is what `npm run prisma:generate` writes from prisma/models.prisma', (provider) => {
    expect(read(`prisma/${provider}/schema.prisma`), `prisma/${provider}/schema.prisma is stale: run \`npm run prisma:generate\``).toBe(
      renderSchema(provider, read(MODELS)),
    );
  });
});

describe('the committed migrations implement the Prisma models', () => {
  it('SQLite: every model column (name, type, nullability, default), key, index and foreign key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-drift-'));
    try {
      const file = join(dir, 'fresh.db');
      expect(migrateSqlite(file).applied).toEqual(readMigrations('sqlite').map((m) => m.name));
      expect(sqliteShapes(file)).toEqual(expectedShapes('sqlite', join(root, MODELS)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(TEST_DB !== 'postgres')('PostgreSQL: the same, on a fresh database', async () => {
    const db = await createTestDatabase();
    try {
      expect((await migratePostgres(db.url)).applied).toEqual(readMigrations('postgres').map((m) => m.name));
      expect(await postgresShapes(db.url)).toEqual(expectedShapes('postgres', join(root, MODELS)));
    } finally {
      await db.drop();
    }
  });
});
