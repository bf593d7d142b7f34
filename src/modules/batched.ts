/**
 * Loads by key in batches: every key asked for during one turn of the event loop's microtasks goes
 * to `load` in one call (a page of 50 messages asks for 50 reaction lists: one query). Nothing is
 * cached past the batch: a change made since is seen at the next ask.
 */
export class Batched<K, V> {
  #pending: Map<K, ((v: V | undefined) => void)[]> | null = null;
  #failures: ((e: unknown) => void)[] = [];

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    /** keys per call of `load` at most (a statement's parameters are bounded) */
    private readonly maxBatch = 500,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.#pending) {
        this.#pending = new Map();
        queueMicrotask(() => void this.flush());
      }
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push(resolve);
      else this.#pending.set(key, [resolve]);
      this.#failures.push(reject);
    });
  }

  private async flush(): Promise<void> {
    const pending = this.#pending!;
    const failures = this.#failures;
    this.#pending = null;
    this.#failures = [];
    try {
      const keys = [...pending.keys()];
      const found = new Map<K, V>();
      for (let i = 0; i < keys.length; i += this.maxBatch) for (const [k, v] of await this.load(keys.slice(i, i + this.maxBatch))) found.set(k, v);
      for (const [key, resolvers] of pending) for (const resolve of resolvers) resolve(found.get(key));
    } catch (e) {
      for (const reject of failures) reject(e);
    }
  }
}
