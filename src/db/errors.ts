/**
 * A unique-index violation, from a Prisma model query (P2002) or from raw SQL through a driver adapter
 * (P2010 whose cause is UniqueConstraintViolation), on either dialect.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, meta } = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return code === 'P2002' || (code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation');
}
