import { DomainError } from '../errors.js';
import type { Attachment, Sink } from './live-streams.js';

/**
 * One subscriber's stream of items: a snapshot or a replay, then live items, in order. A consumer that
 * can take items as they come (the GraphQL fan-out, the legacy sockets) opens it with a sink: no queue
 * is held for it. graphql-js, which pulls, iterates it instead: the iterator's queue is bounded.
 */
export interface Feed<T> extends AsyncIterable<T> {
  /** Starts delivery to `sink`; returns stop (idempotent; also runs the feed's own cleanup). */
  open(sink: Sink<T>): () => void;
}

const FEED = Symbol('feed');

export function isFeed(value: unknown): value is Feed<unknown> {
  return typeof value === 'object' && value !== null && FEED in value;
}

/** A Feed from its open function; `backlogMax` bounds the queue when it is iterated instead. */
export function feed<T>(open: (sink: Sink<T>) => () => void, backlogMax: number): Feed<T> {
  return { [FEED]: true, open, [Symbol.asyncIterator]: () => new FeedIterator(open, backlogMax) } as Feed<T>;
}

/** What a subscriber gets when it falls too far behind (its queue passed its bound): the subscription ends. */
export const backlogExceeded = (max: number) =>
  new DomainError('LIMIT_EXCEEDED', `The subscription fell more than ${max} events behind and was ended; subscribe again (with your last cursor).`, {
    reason: 'slow_consumer',
  });

/** A feed as an async iterator: opened on the first next(), stopped by return(); at most `max` items wait. */
class FeedIterator<T> implements AsyncIterableIterator<T> {
  #queue: T[] = [];
  #waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  #stop: (() => void) | null = null;
  #done = false;
  #error: { error: unknown } | null = null;

  constructor(
    private readonly open: (sink: Sink<T>) => () => void,
    private readonly max: number,
  ) {}

  next(): Promise<IteratorResult<T>> {
    if (!this.#stop && !this.#done) this.#stop = this.open({ next: (item) => this.#push(item), error: (e) => this.#fail(e) });
    const item = this.#queue.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#error) return Promise.reject(this.#error.error);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.#done = true;
    this.#queue = [];
    this.#stop?.();
    this.#waiting?.resolve({ value: undefined, done: true });
    this.#waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #push(item: T): void {
    if (this.#done) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      return waiting.resolve({ value: item, done: false });
    }
    if (this.#queue.length >= this.max) return this.#fail(backlogExceeded(this.max), true);
    this.#queue.push(item);
  }

  /** The feed ended with an error: what it gave before goes out first, unless `drop` (a subscriber too far behind). */
  #fail(error: unknown, drop = false): void {
    if (this.#done) return;
    this.#done = true;
    if (drop) this.#queue = [];
    this.#stop?.();
    if (!this.#waiting) return void (this.#error = { error });
    this.#waiting.reject(error);
    this.#waiting = null;
  }
}

export interface CatchUp<T> {
  /** joins the live stream; what it delivers is held until the subscriber has caught up */
  join(sink: Sink<T>): Attachment;
  /**
   * Runs once the stream hears every node: the first items (a snapshot, a replay from the database),
   * handed to `emit` page by page (it resolves when the subscriber can take the next page).
   */
  start(emit: Emit<T>): Promise<unknown>;
  /**
   * The items heard while catching up → what to deliver of them, through `emit`, in order.
   * `overflowed`: more were heard than the hold keeps and they were dropped (re-read what is durable).
   * May read again: what is heard meanwhile is settled next, up to a few rounds.
   */
  settle(held: T[], overflowed: boolean, emit: Emit<T>): Promise<unknown>;
  /** runs once when the subscriber stops (a presence leave) */
  stop?(): void;
  /** items held at most while catching up */
  holdMax: number;
}

/** Delivers items; resolves when the subscriber can take more: true, or false once it has stopped (stop reading). */
export type Emit<T> = (items: Iterable<T>) => Promise<boolean>;

/** Rounds of settling before items heard meanwhile are delivered as they are (a stream that never pauses). */
const SETTLE_ROUNDS = 3;

/**
 * The one way a subscriber joins a live stream with something read first (the hold-snapshot-flush
 * every feed needs): join, wait until the stream hears every node, read, deliver, settle what was
 * heard meanwhile, then deliver live items as they come. Nothing published after the read is missed;
 * what the read already covered is the feed's to drop (by its position) in `settle` and in `sink`.
 */
export function catchUp<T>(spec: CatchUp<T>, sink: Sink<T>): () => void {
  let held: T[] | null = [];
  let overflowed = false;
  let stopped = false;
  const attachment = spec.join({
    next(item) {
      if (stopped) return;
      if (!held) return sink.next(item);
      if (held.length < spec.holdMax) held.push(item);
      else {
        held = [];
        overflowed = true;
      }
    },
    error(e) {
      if (!stopped) sink.error(e);
    },
  });
  const emit: Emit<T> = async (items) => {
    for (const item of items) if (!stopped) sink.next(item);
    if (!stopped) await sink.ready?.();
    return !stopped;
  };
  void (async () => {
    await attachment.listening;
    if (stopped) return;
    await spec.start(emit);
    for (let round = 0; !stopped && held; round += 1) {
      const batch = held;
      const lost = overflowed;
      held = [];
      overflowed = false;
      if (batch.length === 0 && !lost) {
        held = null;
        break;
      }
      // a stream that never pauses: past a few rounds what was heard goes out as it is (synchronously,
      // so the next round finds nothing held and the subscriber is live)
      if (round >= SETTLE_ROUNDS && !lost) for (const item of batch) sink.next(item);
      else await spec.settle(batch, lost, emit);
    }
  })().catch((e: unknown) => {
    if (!stopped) sink.error(e);
  });
  return () => {
    if (stopped) return;
    stopped = true;
    attachment.detach();
    spec.stop?.();
  };
}
