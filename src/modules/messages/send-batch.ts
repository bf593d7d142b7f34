import type { PendingSend, StoredSend } from './message-store.js';

/**
 * Group commit for sends (ADR 010): every message that arrives while a batch is being written waits
 * for the next one, and each batch is one transaction (`write`, the store's writeBatch) whatever its
 * size. A message is acknowledged only after its batch commits. If a batch fails (a clientId raced on
 * another node, a conversation vanished...), its messages are retried one by one so one bad message
 * cannot fail the others.
 */
export class SendBatcher {
  readonly #queue: { item: PendingSend; resolve: (s: StoredSend) => void; reject: (e: unknown) => void }[] = [];
  #draining = false;

  constructor(
    private readonly write: (items: PendingSend[]) => Promise<StoredSend[]>,
    private readonly maxBatch: number,
  ) {}

  send(item: PendingSend): Promise<StoredSend> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
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
          batch.forEach((b, i) => b.resolve(stored[i]!));
        } catch (batchError) {
          if (batch.length === 1) {
            batch[0]!.reject(batchError);
            continue;
          }
          for (const b of batch) {
            await this.write([b.item]).then(([stored]) => b.resolve(stored!), b.reject);
          }
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}
