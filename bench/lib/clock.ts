import { performance } from 'node:perf_hooks';

/**
 * Milliseconds on a clock every bench process and thread shares: the process's wall-clock origin plus
 * the monotonic offset since (Date.now() can step; performance.now() alone is per process).
 */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
