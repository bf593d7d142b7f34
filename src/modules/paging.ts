import type { Limits } from '../config.js';
import { badInput } from '../errors.js';

/** `first` → a page size within limits (default PAGE_DEFAULT_SIZE, at most PAGE_MAX_SIZE). */
export function pageSize(first: number | null | undefined, limits: Limits): number {
  const n = first ?? limits.pageDefaultSize;
  if (!Number.isInteger(n) || n < 1) throw badInput('`first` must be a positive integer.', 'first', 'invalid');
  return Math.min(n, limits.pageMaxSize);
}
