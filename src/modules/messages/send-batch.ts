import type { MessageRow } from './message.mapper.js';
import type { EventPosition, PendingSend, UnreadChange } from './message-store.js';

/** What a committed send tells its sender and recipients. */
export interface StoredSend {
  row: MessageRow;
  /** seq of the conversation's message before this one (null: the first): lets listeners on other nodes restore the order */
  previousSeq: number | null;
  /** its `added` event in the change log */
  event: EventPosition;
  /** every recipient of this message: unread counts as of the batch's commit */
  unread: UnreadChange[];
}

/**
 * Group commit for sends (ADR 010): every message that arrives while a batch is being written waits
 * for the next one, and each batch is one transaction (`write`, the store's writeBatch) whatever its
 * size. A message is acknowledged only after its batch commits. If a batch fails (a clientId raced on
 * another node, a conversation vanished...), its messages are retried one by one so one bad message
 * cannot fail the others. `write` is one transaction: the store's insertBatch with the service's counter plan.
 */
export class SendBatcher {
  readonly #queue: { item: PendingSend; taken: number; resolve: (s: StoredSend) => void; reject: (e: unknown) => void }[] = [];
  #draining = false;

  constructor(
    private readonly write: (items: PendingSend[]) => Promise<StoredSend[]>,
    private readonly maxBatch: number,
    /** told of each committed batch: how long each send waited (ms) */
    private readonly committed: (waitedMs: number[]) => void = () => undefined,
  ) {}

  #idle: (() => void)[] = [];

  /** Resolves once nothing is queued or being written (a draining server waits for it). */
  idle(): Promise<void> {
    if (!this.#draining && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  send(item: PendingSend): Promise<StoredSend> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, taken: performance.now(), resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        // One turn of the event loop lets the sends already under way join this batch (well under 1 ms).
        if (this.#queue.length < this.maxBatch) await new Promise((resolve) => setImmediate(resolve));
        const batch = this.#queue.splice(0, this.maxBatch);
        try {
          const stored = await this.write(batch.map((b) => b.item));
          const now = performance.now();
          this.committed(batch.map((b) => now - b.taken));
          batch.forEach((b, i) => b.resolve(stored[i]!));
        } catch (batchError) {
          if (batch.length === 1) {
            batch[0]!.reject(batchError);
            continue;
          }
          for (const b of batch) {
            await this.write([b.item]).then(([stored]) => {
              this.committed([performance.now() - b.taken]);
              b.resolve(stored!);
            }, b.reject);
          }
        }
      }
    } finally {
      this.#draining = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }
}
