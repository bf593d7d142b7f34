import { describe, expect, it } from 'vitest';
import { LiveOrder } from '../src/modules/messages/live-order.js';
import type { ChatMessage } from '../src/modules/types.js';

// The ordering of live messages heard from several nodes, without a server: what reaches the client.
const message = (seq: number) => ({ seq, id: `m${seq}` }) as ChatMessage;

function order(last: number | null, stored: number[] = [], waitMs = 50) {
  const delivered: number[] = [];
  const fills: [number, number][] = [];
  let filled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (filled = resolve));
  const live = new LiveOrder(
    last,
    (m) => delivered.push(m.seq),
    async (after, upTo) => {
      fills.push([after, upTo]);
      queueMicrotask(filled);
      return stored.filter((s) => s > after && s <= upTo).map(message);
    },
    waitMs,
  );
  return { live, delivered, fills, filled: done };
}

describe('live message order', () => {
  it('holds a message until its predecessor arrives, then delivers both in order', () => {
    const { live, delivered } = order(10);
    live.offer(message(14), 12);
    live.offer(message(12), 10);
    live.offer(message(15), 14);
    expect(delivered).toEqual([12, 14, 15]);
    live.close();
  });

  it('drops what the client already has (replayed or heard twice)', () => {
    const { live, delivered } = order(null);
    live.offer(message(3), 1);
    live.offer(message(3), 1);
    live.advance(7);
    live.offer(message(5), 3);
    live.offer(message(9), 7);
    expect(delivered).toEqual([3, 9]);
    live.close();
  });

  it('reads a gap nobody published from the database after the wait', async () => {
    const { live, delivered, fills, filled } = order(10, [12, 13, 15]);
    live.offer(message(15), 13);
    expect(delivered).toEqual([]);
    await filled;
    await new Promise((resolve) => setImmediate(resolve));
    expect(fills).toEqual([[10, 15]]);
    expect(delivered).toEqual([12, 13, 15]);
    live.close();
  });
});
