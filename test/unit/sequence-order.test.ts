import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SequenceOrder, type Sequenced } from '../../src/realtime/sequence-order.js';

// The ordering of live items heard from several nodes (no server): what reaches subscribers.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function order(last: number | null, stored: number[] = [], waitMs = 50, maxWaiting?: number) {
  const delivered: number[] = [];
  const fills: [number, number][] = [];
  const live = new SequenceOrder<number>(
    last,
    (seq) => delivered.push(seq),
    async (after, upTo): Promise<Sequenced<number>[]> => {
      fills.push([after, upTo]);
      return stored.filter((s) => s > after && s <= upTo).map((seq) => ({ item: seq, seq, previousSeq: null }));
    },
    waitMs,
    maxWaiting,
  );
  const offer = (seq: number, previousSeq: number | null | undefined) => live.offer({ item: seq, seq, previousSeq });
  return { live, offer, delivered, fills };
}

describe('SequenceOrder', () => {
  it('holds an item until its predecessor arrives, then delivers both in order', () => {
    const { live, offer, delivered, fills } = order(10);
    offer(14, 12);
    offer(12, 10);
    offer(15, 14);
    expect(delivered).toEqual([12, 14, 15]);
    vi.advanceTimersByTime(1000);
    expect(fills).toEqual([]);
    live.close();
  });

  it('drops what was already delivered, and delivers as heard an item that names no predecessor', () => {
    const { live, offer, delivered } = order(null);
    live.begin(null);
    offer(3, 1);
    offer(3, 1);
    offer(2, 1);
    offer(7, undefined);
    expect(delivered).toEqual([3, 7]);
    live.close();
  });

  it('reads a gap nobody published from the database once the wait is over, not before', async () => {
    const { live, offer, delivered, fills } = order(10, [12, 13, 15]);
    offer(15, 13);
    await vi.advanceTimersByTimeAsync(49);
    expect(fills).toEqual([]);
    expect(delivered).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fills).toEqual([[10, 15]]);
    expect(delivered).toEqual([12, 13, 15]);
    live.close();
  });

  it('tries the database again after the next wait when the read fails', async () => {
    const delivered: number[] = [];
    let failing = true;
    const live = new SequenceOrder<number>(
      1,
      (seq) => delivered.push(seq),
      async (after, upTo) => {
        if (failing) throw new Error('database away');
        return [2, 3].filter((s) => s > after && s <= upTo).map((seq) => ({ item: seq, seq, previousSeq: null }));
      },
      20,
    );
    live.offer({ item: 3, seq: 3, previousSeq: 2 });
    await vi.advanceTimersByTimeAsync(20);
    expect(delivered).toEqual([]);
    failing = false;
    await vi.advanceTimersByTimeAsync(20);
    expect(delivered).toEqual([2, 3]);
    live.close();
  });

  it('reads the gap at once when more items wait than it keeps', async () => {
    const { live, offer, delivered, fills } = order(0, [1, 2, 3, 4], 10_000, 2);
    offer(2, 1);
    offer(3, 2);
    expect(fills).toEqual([]);
    offer(4, 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(fills).toEqual([[0, 4]]);
    expect(delivered).toEqual([1, 2, 3, 4]);
    live.close();
  });

  it('after close delivers nothing and reads nothing', async () => {
    const { live, offer, delivered, fills } = order(10, [11, 12]);
    offer(12, 11);
    live.close();
    await vi.advanceTimersByTimeAsync(1000);
    offer(11, 10);
    expect(delivered).toEqual([]);
    expect(fills).toEqual([]);
  });
});

describe('SequenceOrder starting from a position read later (begin)', () => {
  it('holds what is heard before begin, then delivers in order from the position, reading the gap', async () => {
    const delivered: number[] = [];
    const fills: [number, number][] = [];
    const live = new SequenceOrder<number>(
      null,
      (seq) => delivered.push(seq),
      async (after, upTo) => {
        fills.push([after, upTo]);
        return [6, 7].filter((s) => s > after && s <= upTo).map((seq) => ({ item: seq, seq, previousSeq: null }));
      },
      30,
    );
    live.offer({ item: 8, seq: 8, previousSeq: 7 });
    live.offer({ item: 4, seq: 4, previousSeq: 3 });
    expect(delivered).toEqual([]);
    live.begin(5);
    // 4 is older than the position; 8 waits for 6 and 7, which nobody published here
    expect(delivered).toEqual([]);
    await vi.advanceTimersByTimeAsync(30);
    expect(fills).toEqual([[5, 8]]);
    expect(delivered).toEqual([6, 7, 8]);
    live.close();
  });

  it('with an unknown position delivers what it heard, in seq order, then as heard', () => {
    const delivered: number[] = [];
    const live = new SequenceOrder<number>(null, (seq) => delivered.push(seq), async () => [], 30);
    live.offer({ item: 9, seq: 9, previousSeq: 8 });
    live.offer({ item: 3, seq: 3, previousSeq: 2 });
    live.begin(null);
    live.offer({ item: 12, seq: 12, previousSeq: 11 });
    expect(delivered).toEqual([3, 9]);
    live.close();
  });
});
