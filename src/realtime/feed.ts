import type { Bus, TopicEvent, TopicId, TopicName } from './bus.js';

export interface FeedOptions<R> {
  /** Runs after the listener is attached (so nothing published meanwhile is missed); its items go first. */
  start?: () => Promise<R[]>;
  /**
   * Runs when events were heard while `start` ran, after delivering them; its items go last. For
   * snapshot-like feeds: a held event may be older than the snapshot, so end on a fresh one.
   */
  settle?: () => Promise<R[]>;
  /** Runs once when the consumer stops. */
  stop?: () => Promise<void> | void;
}

/**
 * A stream that can deliver by callback: the GraphQL fan-out attaches to it directly instead of
 * iterating it, so an idle subscription holds a listener and a few closures, not an async iterator
 * chain (src/server/subscription-fanout.ts).
 */
export interface DirectFeed<R> {
  /** Starts the feed: `deliver` gets each item in order, `fail` once if it cannot go on. Returns stop. */
  attach(deliver: (item: R) => void, fail: (error: unknown) => void): () => void;
}

const DIRECT = Symbol('direct feed');

export function directFeedOf(value: unknown): DirectFeed<unknown> | undefined {
  return typeof value === 'object' && value !== null && DIRECT in value ? (value as { [DIRECT]: DirectFeed<unknown> })[DIRECT] : undefined;
}

/**
 * The events of one topic, mapped and filtered by `select` (undefined = skip): an async iterator, and a
 * DirectFeed. Events heard while `start` runs are held back and delivered after its items, in order.
 */
export function topicFeed<K extends TopicName, R>(
  bus: Bus,
  topic: K,
  id: TopicId<K>,
  select: (event: TopicEvent<K>) => R | undefined,
  options: FeedOptions<R> = {},
): AsyncIterableIterator<R> {
  const feed: DirectFeed<R> = {
    attach(deliver, fail) {
      let held: R[] | null = options.start ? [] : null;
      let stopped = false;
      const off = bus.listen(topic, id, (event) => {
        const item = select(event);
        if (item === undefined || stopped) return;
        if (held) held.push(item);
        else deliver(item);
      });
      if (options.start) {
        const start = options.start;
        void (async () => {
          await bus.whenListening(topic, id);
          const first = await start();
          if (stopped) return;
          for (const item of first) deliver(item);
          const heard = held ?? [];
          held = null;
          for (const item of heard) deliver(item);
          if (heard.length > 0 && options.settle) {
            const last = await options.settle();
            if (!stopped) for (const item of last) deliver(item);
          }
        })().catch((e: unknown) => {
          if (!stopped) fail(e);
        });
      }
      return () => {
        if (stopped) return;
        stopped = true;
        off();
        // stop (a presence leave) reports its own failures; a feed that is gone cannot
        void Promise.resolve()
          .then(options.stop)
          .catch(() => undefined);
      };
    },
  };
  return Object.assign(new FeedIterator(feed), { [DIRECT]: feed });
}

/** A DirectFeed as an async iterator: attached on the first next(), detached by return(). */
class FeedIterator<R> implements AsyncIterableIterator<R> {
  #queue: R[] = [];
  #waiting: { resolve: (r: IteratorResult<R>) => void; reject: (e: unknown) => void } | null = null;
  #detach: (() => void) | null = null;
  #done = false;
  #error: { error: unknown } | null = null;

  constructor(private readonly feed: DirectFeed<R>) {}

  next(): Promise<IteratorResult<R>> {
    if (!this.#detach && !this.#done) this.#detach = this.feed.attach((item) => this.#push(item), (e) => this.#fail(e));
    const item = this.#queue.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#error) return Promise.reject(this.#error.error);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<R>> {
    this.#done = true;
    this.#queue = [];
    this.#detach?.();
    this.#waiting?.resolve({ value: undefined, done: true });
    this.#waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<R> {
    return this;
  }

  #push(item: R): void {
    if (this.#done) return;
    const waiting = this.#waiting;
    if (!waiting) return void this.#queue.push(item);
    this.#waiting = null;
    waiting.resolve({ value: item, done: false });
  }

  #fail(error: unknown): void {
    this.#done = true;
    this.#detach?.();
    if (!this.#waiting) return void (this.#error = { error });
    this.#waiting.reject(error);
    this.#waiting = null;
  }
}
