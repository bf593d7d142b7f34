/** Receives a stream's items in order; `error` once, after which nothing more comes. */
export interface Sink<T> {
  next(item: T): void;
  error(error: unknown): void;
  /**
   * Resolves when the consumer can take more (its socket has room again): what a replay from the
   * database awaits between pages, so a long catch-up is paced by the client instead of queued.
   */
  ready?(): Promise<void>;
}

/** A started upstream: how to stop it, and when it hears what every node publishes. */
export interface Upstream {
  stop(): void;
  /** resolves once events published anywhere reach it (a read from the database after this misses nothing) */
  listening: Promise<void>;
}

/** Starts an upstream that hands every item to `sink` (one call per key and node, however many consumers). */
export type OpenUpstream<T> = (sink: Sink<T>) => Upstream;

/** One consumer's hold on a shared stream. */
export interface Attachment {
  detach(): void;
  listening: Promise<void>;
}

interface Stream {
  sinks: Set<Sink<unknown>>;
  upstream: Upstream;
  /** set once the upstream failed (even while it was being opened): later joiners hear it at once */
  failed?: { error: unknown };
}

/**
 * The live streams of this node, shared by key: the first consumer of a key starts its upstream (a bus
 * listener and whatever ordering it does), every later one joins it, the last to leave stops it. Each
 * item reaches every consumer as the same object, in the same order, so what is rendered from it can
 * be rendered once. A consumer that throws is reported and the others still get the item.
 */
export class LiveStreams {
  readonly #streams = new Map<string, Stream>();

  constructor(private readonly onSinkError: (error: unknown, key: string) => void) {}

  attach<T>(key: string, open: OpenUpstream<T>, sink: Sink<T>): Attachment {
    let stream = this.#streams.get(key);
    if (!stream) {
      const sinks = new Set<Sink<unknown>>();
      const created: Stream = { sinks, upstream: { stop: () => undefined, listening: Promise.resolve() } };
      this.#streams.set(key, created);
      created.upstream = open({
        next: (item) => {
          for (const s of sinks) {
            try {
              s.next(item);
            } catch (e) {
              this.onSinkError(e, key);
            }
          }
        },
        error: (error) => {
          if (created.failed) return;
          created.failed = { error };
          if (this.#streams.get(key) === created) this.#streams.delete(key);
          const failed = [...sinks];
          sinks.clear();
          for (const s of failed) s.error(error);
          // stopped once it has been opened (it may fail while it opens)
          queueMicrotask(() => created.upstream.stop());
        },
      });
      stream = created;
    }
    const joined = stream;
    if (joined.failed) {
      sink.error(joined.failed.error);
      return { listening: Promise.resolve(), detach: () => undefined };
    }
    joined.sinks.add(sink as Sink<unknown>);
    return {
      listening: joined.upstream.listening,
      detach: () => {
        if (!joined.sinks.delete(sink as Sink<unknown>) || joined.sinks.size > 0) return;
        if (this.#streams.get(key) === joined) this.#streams.delete(key);
        joined.upstream.stop();
      },
    };
  }

  /** How many streams are open on this node (metrics, tests). */
  get size(): number {
    return this.#streams.size;
  }
}
