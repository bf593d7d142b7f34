/** An item that knows its place: its sequence number and its predecessor's (null: the first). */
export interface Sequenced<T> {
  item: T;
  seq: number;
  previousSeq: number | null;
}

/**
 * Puts a live stream of sequenced items in order. Each item names its predecessor (`previousSeq`);
 * items commit in sequence order (ADR 010) but can arrive out of it when published on different nodes,
 * or not at all when an event was lost (Redis away). A subscriber that saw 12 before 11 and dropped
 * would resume after 12 and never see 11. So an item whose predecessor has not been delivered waits
 * `waitMs` for it; if it still has not come, the gap is read from the database (`fill`).
 */
export class SequenceOrder<T> {
  #last: number | null;
  readonly #waiting = new Map<number, Sequenced<T>>();
  #timer: NodeJS.Timeout | undefined;
  #filling = false;
  #closed = false;

  /** false until begin(): items heard before the starting position is known wait */
  #begun: boolean;

  constructor(
    /** the newest seq already delivered; null: call begin() once it is known (items wait until then) */
    last: number | null,
    private readonly deliver: (item: T) => void,
    /** the stored items with after < seq <= upTo, oldest first */
    private readonly fill: (after: number, upTo: number) => Promise<Sequenced<T>[]>,
    private readonly waitMs: number,
    /** at most this many items wait for a predecessor; past it the gap is read at once */
    private readonly maxWaiting = 10_000,
  ) {
    this.#last = last;
    this.#begun = last !== null;
  }

  /**
   * The position the stream starts from (the newest stored seq when it was opened): every item after it
   * is delivered in order, a gap read from the database. null: unknown (items are delivered as heard).
   */
  begin(last: number | null): void {
    if (this.#begun || this.#closed) return;
    this.#begun = true;
    this.#last = last;
    if (last === null) {
      const heard = [...this.#waiting.values()].sort((x, y) => x.seq - y.seq);
      this.#waiting.clear();
      for (const w of heard) if (this.#last === null || w.seq > this.#last) this.emit(w.item, w.seq);
      return;
    }
    this.drain();
    if (this.#waiting.size > 0) this.arm();
  }

  /** An item heard live. `previousSeq` undefined: a publisher that does not say (delivered as heard). */
  offer(entry: Omit<Sequenced<T>, 'previousSeq'> & { previousSeq: number | null | undefined }): void {
    if (this.#closed || (this.#last !== null && entry.seq <= this.#last)) return;
    if (!this.#begun) {
      this.#waiting.set(entry.seq, { item: entry.item, seq: entry.seq, previousSeq: entry.previousSeq ?? null });
      return;
    }
    if (this.#last === null || entry.previousSeq === undefined || (entry.previousSeq ?? 0) <= this.#last) {
      this.emit(entry.item, entry.seq);
      this.drain();
      return;
    }
    this.#waiting.set(entry.seq, { item: entry.item, seq: entry.seq, previousSeq: entry.previousSeq });
    if (this.#waiting.size > this.maxWaiting) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.fillGap();
    } else this.arm();
  }

  /** Reads what came after the last delivered item up to `upTo` (a link that came back: what was published meanwhile). */
  async reach(upTo: number): Promise<void> {
    if (this.#closed || !this.#begun || this.#last === null || upTo <= this.#last) return;
    for (const entry of await this.fill(this.#last, upTo)) {
      if (this.#closed) return;
      if (this.#last === null || entry.seq > this.#last) this.emit(entry.item, entry.seq);
    }
    this.drain();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#waiting.clear();
  }

  private emit(item: T, seq: number): void {
    this.#last = seq;
    this.deliver(item);
  }

  /** Delivers the waiting items whose predecessor has now been delivered, in order. */
  private drain(): void {
    for (;;) {
      const last = this.#last ?? 0;
      for (const seq of this.#waiting.keys()) if (seq <= last) this.#waiting.delete(seq);
      let next: Sequenced<T> | undefined;
      for (const w of this.#waiting.values()) {
        if ((w.previousSeq ?? 0) <= last && (!next || w.seq < next.seq)) next = w;
      }
      if (!next) break;
      this.#waiting.delete(next.seq);
      this.emit(next.item, next.seq);
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
    if (this.#waiting.size === 0 || this.#closed || this.#filling) return;
    this.#filling = true;
    try {
      const upTo = Math.max(...this.#waiting.keys());
      for (const entry of await this.fill(this.#last ?? 0, upTo)) {
        if (this.#closed) return;
        if (entry.seq > (this.#last ?? 0)) this.emit(entry.item, entry.seq);
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
