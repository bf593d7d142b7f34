/**
 * A unique-index violation, from a Prisma model query (P2002), from raw SQL through a driver adapter
 * (P2010 whose cause is UniqueConstraintViolation), or from a statement run on the driver itself
 * (better-sqlite3's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505), on either dialect.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, meta } = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return (
    code === 'P2002' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === '23505' ||
    (code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation')
  );
}
