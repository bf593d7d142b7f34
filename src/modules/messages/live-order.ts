import type { ChatMessage } from '../types.js';

/**
 * Puts one subscriber's live messages of a conversation in the conversation's order. Each message
 * event names its predecessor (`previousSeq`); sends to a conversation commit in seq order (ADR 010),
 * but their events can arrive out of it when they were published on different nodes. A client that
 * saw seq 12 before 11 and dropped would resume after 12 and never see 11. So a message whose
 * predecessor has not been delivered waits `waitMs` for it; if it still has not come (an event lost
 * while Redis was away), the gap is read from the database (`fill`).
 */
export class LiveOrder {
  #last: number | null;
  readonly #waiting = new Map<number, { message: ChatMessage; previousSeq: number | null }>();
  #timer: NodeJS.Timeout | undefined;
  #filling = false;
  #closed = false;

  constructor(
    /** the newest seq the subscriber has (a cursor or the end of a replay); null: start with the first heard */
    last: number | null,
    private readonly deliver: (message: ChatMessage) => void,
    /** the stored messages with after < seq <= upTo, oldest first */
    private readonly fill: (after: number, upTo: number) => Promise<ChatMessage[]>,
    private readonly waitMs: number,
  ) {
    this.#last = last;
  }

  /** A message heard on the bus. `previousSeq` undefined: a publisher that does not say (delivered as heard). */
  offer(message: ChatMessage, previousSeq: number | null | undefined): void {
    if (this.#closed || (this.#last !== null && message.seq <= this.#last)) return;
    if (this.#last === null || previousSeq === undefined || (previousSeq ?? 0) <= this.#last) {
      this.emit(message);
      this.drain();
      return;
    }
    this.#waiting.set(message.seq, { message, previousSeq });
    this.arm();
  }

  /** The subscriber got messages up to `seq` another way (a replay). */
  advance(seq: number): void {
    if (this.#last === null || seq > this.#last) this.#last = seq;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#waiting.clear();
  }

  private emit(message: ChatMessage): void {
    this.#last = message.seq;
    this.deliver(message);
  }

  /** Delivers the waiting messages whose predecessor has now been delivered, in order. */
  private drain(): void {
    for (;;) {
      const last = this.#last ?? 0;
      for (const seq of this.#waiting.keys()) if (seq <= last) this.#waiting.delete(seq);
      const next = [...this.#waiting.values()].find((w) => (w.previousSeq ?? 0) <= last);
      if (!next) break;
      this.#waiting.delete(next.message.seq);
      this.emit(next.message);
    }
    if (this.#waiting.size === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  private arm(): void {
    if (this.#timer || this.#filling || this.#closed) return;
    this.#timer = setTimeout(() => void this.fillGap(), this.waitMs);
    this.#timer.unref();
  }

  private async fillGap(): Promise<void> {
    this.#timer = undefined;
    if (this.#waiting.size === 0 || this.#closed) return;
    this.#filling = true;
    try {
      const upTo = Math.max(...this.#waiting.keys());
      for (const message of await this.fill(this.#last ?? 0, upTo)) {
        if (this.#closed) return;
        if (message.seq > (this.#last ?? 0)) this.emit(message);
      }
      this.drain();
    } catch {
      // the database is unreachable too: try again after the next wait
    } finally {
      this.#filling = false;
      if (this.#waiting.size > 0) this.arm();
    }
  }
}
