export interface BackoffOptions {
  /** the first delay's ceiling, ms */
  baseMs: number;
  /** no delay is longer than this, ms */
  maxMs: number;
}

/**
 * Capped exponential backoff with jitter: attempt n waits a random time between half and all of
 * min(maxMs, baseMs·2ⁿ), so clients cut off together do not come back together.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once when `wake` resolves first (e.g. the network came back). */
export function sleep(ms: number, wake?: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void wake?.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
