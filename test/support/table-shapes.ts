import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { getDatamodel } from '../../src/db/generated/pothos-types.js';

/**
 * What a table looks like, in terms both the Prisma models and a live database can be described in, so
 * a test can compare the committed migrations with the models they are meant to implement.
 */
export interface TableShape {
  /** sorted by name */
  columns: { name: string; type: string; required: boolean; hasDefault: boolean }[];
  primaryKey: string[];
  /** sorted by name; the primary key's own index is not listed */
  indexes: { name: string; unique: boolean; columns: string[] }[];
  /** sorted by target table, then columns */
  foreignKeys: { columns: string[]; table: string }[];
}

export type Dialect = 'sqlite' | 'postgres';

/** Prisma scalar → the column type Prisma's migrations write (SQLite: declared type; PostgreSQL: data_type). */
const COLUMN_TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: { Int: 'INTEGER', String: 'TEXT', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Float: 'REAL', BigInt: 'BIGINT', Bytes: 'BLOB' },
  postgres: {
    Int: 'integer',
    String: 'text',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone',
    Float: 'double precision',
    BigInt: 'bigint',
    Bytes: 'bytea',
  },
};

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const byTarget = (a: { table: string; columns: string[] }, b: { table: string; columns: string[] }) =>
  `${a.table}:${a.columns.join(',')}`.localeCompare(`${b.table}:${b.columns.join(',')}`);

/** `@@index([a, b])` lines per model: the generated datamodel does not carry plain indexes. */
function plainIndexes(modelsPrisma: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [, model, body] of modelsPrisma.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    if (!model || body === undefined) continue;
    if (/@@map|@map\(|@@schema/.test(body)) throw new Error(`${model}: @map/@@map is not handled by this comparison yet`);
    const sets = [...body.matchAll(/^\s*@@index\(\s*\[([^\]]*)\]/gm)].map((m) => (m[1] ?? '').split(',').map((s) => s.trim()));
    out.set(model, sets);
  }
  return out;
}

/** Every model of prisma/models.prisma (via the generated datamodel) as the table Prisma would create. */
export function expectedShapes(dialect: Dialect, modelsPrismaFile: string): Record<string, TableShape> {
  const models = getDatamodel().datamodel.models;
  const indexes = plainIndexes(readFileSync(modelsPrismaFile, 'utf8'));
  const shapes: Record<string, TableShape> = {};
  for (const [model, { fields, primaryKey, uniqueIndexes }] of Object.entries(models)) {
    const scalars = fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    const columns = scalars.map((f) => {
      const type = COLUMN_TYPES[dialect][f.type];
      if (!type) throw new Error(`${model}.${f.name}: no ${dialect} column type known for Prisma type ${f.type}`);
      // SQLite's AUTOINCREMENT has no column default; PostgreSQL's SERIAL is a nextval() default
      const autoincrement = f.isId && f.type === 'Int' && f.hasDefaultValue;
      return { name: f.name, type, required: f.isRequired, hasDefault: f.hasDefaultValue && !(autoincrement && dialect === 'sqlite') };
    });
    const unique = [...scalars.filter((f) => f.isUnique).map((f) => [f.name]), ...uniqueIndexes.map((u) => [...u.fields])];
    shapes[model] = {
      columns: columns.sort(byName),
      primaryKey: primaryKey ? [...primaryKey.fields] : scalars.filter((f) => f.isId).map((f) => f.name),
      indexes: [
        ...unique.map((cols) => ({ name: `${model}_${cols.join('_')}_key`, unique: true, columns: cols })),
        ...(indexes.get(model) ?? []).map((cols) => ({ name: `${model}_${cols.join('_')}_idx`, unique: false, columns: cols })),
      ].sort(byName),
      foreignKeys: fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => ({ columns: [...(f.relationFromFields ?? [])], table: f.type }))
        .sort(byTarget),
    };
  }
  return shapes;
}

/**
 * What the migrations add that Prisma does not model (ADR 022: the search index): the FTS5 table, its
 * shadow tables and its indexed position (MessageSearchIndexed, ADR 027) on SQLite, the trigram index
 * on PostgreSQL. Left out of the comparison.
 */
const UNMODELED_TABLES = /^MessageSearch/;
const UNMODELED_INDEXES = new Set(['Message_content_trgm_idx']);

/** The tables of a SQLite file, from PRAGMA table_info / index_list / index_info / foreign_key_list. */
export function sqliteShapes(file: string): Record<string, TableShape> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .all() as { name: string }[];
    const shapes: Record<string, TableShape> = {};
    for (const { name: table } of tables.filter((t) => !UNMODELED_TABLES.test(t.name))) {
      const info = db.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
      const indexList = db.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[];
      const fks = db.pragma(`foreign_key_list("${table}")`) as { id: number; seq: number; table: string; from: string }[];
      shapes[table] = {
        columns: info.map((c) => ({ name: c.name, type: c.type, required: c.notnull === 1, hasDefault: c.dflt_value !== null })).sort(byName),
        primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        indexes: indexList
          .filter((i) => i.origin !== 'pk')
          .map((i) => ({
            name: i.name,
            unique: i.unique === 1,
            columns: (db.pragma(`index_info("${i.name}")`) as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
          }))
          .sort(byName),
        foreignKeys: [...new Set(fks.map((f) => f.id))]
          .map((id) => {
            const parts = fks.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
            return { columns: parts.map((p) => p.from), table: parts[0]?.table ?? '' };
          })
          .sort(byTarget),
      };
    }
    return shapes;
  } finally {
    db.close();
  }
}

/** The tables of a PostgreSQL database's public schema, from information_schema and the catalogs. */
export async function postgresShapes(url: string): Promise<Record<string, TableShape>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; name: string; type: string; nullable: string; dflt: string | null }>(
      `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
              array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    );
    const fks = await client.query<{ table: string; target: string; columns: string[] }>(
      `SELECT t.relname AS table, f.relname AS target,
              array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const shapes: Record<string, TableShape> = {};
    for (const table of new Set(columns.rows.map((c) => c.table))) {
      const own = indexes.rows.filter((i) => i.table === table);
      shapes[table] = {
        columns: columns.rows
          .filter((c) => c.table === table)
          .map((c) => ({ name: c.name, type: c.type, required: c.nullable === 'NO', hasDefault: c.dflt !== null }))
          .sort(byName),
        primaryKey: own.find((i) => i.primary)?.columns ?? [],
        indexes: own
          .filter((i) => !i.primary && !UNMODELED_INDEXES.has(i.name))
          .map((i) => ({ name: i.name, unique: i.unique, columns: i.columns }))
          .sort(byName),
        foreignKeys: fks.rows.filter((f) => f.table === table).map((f) => ({ columns: f.columns, table: f.target })).sort(byTarget),
      };
    }
    return shapes;
  } finally {
    await client.end();
  }
}
