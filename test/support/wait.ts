/** Waiting in tests: for a condition, for an assertion to pass, for a promise a test settles by hand. */

export interface UntilOptions {
  timeoutMs?: number;
  /** how often the condition is looked at */
  intervalMs?: number;
  /** what is awaited, for the failure message */
  what?: string;
}

/** Resolves once `condition` holds; fails after `timeoutMs` (default 5 s), naming `what`. */
export async function until(condition: () => boolean | Promise<boolean>, { timeoutMs = 5000, intervalMs = 25, what = 'condition' }: UntilOptions = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs `check` until it passes (an assertion that will hold a moment later); after `timeoutMs` its last failure is the test's. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise with its resolve and reject at hand. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
