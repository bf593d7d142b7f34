import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PendingSend } from '../../src/modules/messages/message-store.js';
import { SendBatcher, type StoredSend } from '../../src/modules/messages/send-batch.js';
import { deferred, type Deferred } from '../support/wait.js';

// Group commit (no database): which messages share a write, and when each send learns its outcome.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const conversation = { id: 'c1', name: 'c1', participants: [{ id: 1, username: 'ann' }] };
const pending = (content: string): PendingSend => ({ sender: { id: 1, username: 'ann' }, conversation, content, clientId: null, file: null, replyToSeq: null });
const stored = (item: PendingSend, seq: number): StoredSend => ({
  row: {
    seq,
    id: `id-${item.content}`,
    conversationId: item.conversation.id,
    senderId: item.sender.id,
    content: item.content,
    clientId: null,
    fileKey: null,
    fileName: null,
    fileSize: null,
    fileMime: null,
    createdAt: new Date(0),
    editedAt: null,
    deletedAt: null,
    replyToSeq: null,
  },
  previousSeq: seq > 1 ? seq - 1 : null,
  event: { seq, previousSeq: seq > 1 ? seq - 1 : null },
  unread: [],
});

/** A write the test completes by hand: every call is recorded with its contents and waits for `finish`. */
function manualWrite() {
  const calls: { contents: string[]; done: Deferred<StoredSend[]>; items: PendingSend[] }[] = [];
  let seq = 0;
  const write = (items: PendingSend[]) => {
    const done = deferred<StoredSend[]>();
    calls.push({ contents: items.map((i) => i.content), done, items });
    return done.promise;
  };
  /** completes call `i` (its items get increasing seqs) */
  const finish = (i: number) => {
    const call = calls[i]!;
    call.done.resolve(call.items.map((item) => stored(item, ++seq)));
  };
  return { write, calls, finish };
}

/** Tracks a send's outcome without awaiting it. */
function track(p: Promise<StoredSend>) {
  const state: { value?: StoredSend; error?: unknown; settled: boolean } = { settled: false };
  p.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

/** Lets the batcher take its turn of the event loop (its setImmediate) and every promise job after it. */
const turn = () => vi.advanceTimersByTimeAsync(0);

describe('SendBatcher', () => {
  it('writes the sends of one turn together, and the sends that arrive while it writes in the next batch', async () => {
    const { write, calls, finish } = manualWrite();
    const batcher = new SendBatcher(write, 100);
    const first = [batcher.send(pending('a')), batcher.send(pending('b'))].map(track);
    await turn();
    expect(calls.map((c) => c.contents)).toEqual([['a', 'b']]);
    const second = [batcher.send(pending('c')), batcher.send(pending('d'))].map(track);
    await turn();
    // c and d wait: the first batch is still being written
    expect(calls.map((c) => c.contents)).toEqual([['a', 'b']]);
    finish(0);
    await turn();
    expect(first.map((s) => s.value?.row.content)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.contents)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(second.every((s) => !s.settled)).toBe(true);
    finish(1);
    await turn();
    expect(second.map((s) => s.value?.row.content)).toEqual(['c', 'd']);
  });

  it('makes one write per batch, at most maxBatch messages each, in arrival order', async () => {
    const { write, calls, finish } = manualWrite();
    const batcher = new SendBatcher(write, 3);
    const sends = ['1', '2', '3', '4', '5', '6', '7'].map((c) => track(batcher.send(pending(c))));
    await turn();
    expect(calls.map((c) => c.contents)).toEqual([['1', '2', '3']]);
    finish(0);
    await turn();
    expect(calls.map((c) => c.contents)).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    finish(1);
    await turn();
    finish(2);
    await turn();
    expect(calls.map((c) => c.contents)).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    // each send gets its own item of its batch's result
    expect(sends.map((s) => s.value?.row.content)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(sends.map((s) => s.value?.row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('acknowledges a send only once its batch write has resolved', async () => {
    const { write, calls, finish } = manualWrite();
    const batcher = new SendBatcher(write, 10);
    const send = track(batcher.send(pending('x')));
    await turn();
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send.settled).toBe(false);
    finish(0);
    await turn();
    expect(send.value?.row.content).toBe('x');
  });

  it('retries a failed batch one message at a time, so only the bad message fails, with its own error', async () => {
    const writes: string[][] = [];
    const refusal = new Error('unique clientId');
    let seq = 0;
    const write = async (items: PendingSend[]) => {
      writes.push(items.map((i) => i.content));
      if (items.some((i) => i.content === 'bad')) throw refusal;
      return items.map((i) => stored(i, ++seq));
    };
    const batcher = new SendBatcher(write, 10);
    const sends = ['ok1', 'bad', 'ok2'].map((c) => track(batcher.send(pending(c))));
    await turn();
    expect(writes).toEqual([['ok1', 'bad', 'ok2'], ['ok1'], ['bad'], ['ok2']]);
    expect(sends.map((s) => s.value?.row.content ?? null)).toEqual(['ok1', null, 'ok2']);
    expect(sends[1]!.error).toBe(refusal);
    expect(sends[0]!.error).toBeUndefined();
    expect(sends[2]!.error).toBeUndefined();
  });

  it('fails a batch of one with its error at once, without writing it again', async () => {
    const writes: string[][] = [];
    const refusal = new Error('conversation vanished');
    const batcher = new SendBatcher(async (items) => {
      writes.push(items.map((i) => i.content));
      throw refusal;
    }, 10);
    const send = track(batcher.send(pending('lonely')));
    await turn();
    expect(writes).toEqual([['lonely']]);
    expect(send.error).toBe(refusal);
  });

  it('keeps serving sends after a failed batch', async () => {
    let failNext = true;
    let seq = 0;
    const batcher = new SendBatcher(async (items) => {
      if (failNext) {
        failNext = false;
        throw new Error('transient');
      }
      return items.map((i) => stored(i, ++seq));
    }, 10);
    const failed = track(batcher.send(pending('first')));
    await turn();
    expect(failed.error).toBeInstanceOf(Error);
    const later = track(batcher.send(pending('second')));
    await turn();
    expect(later.value?.row.content).toBe('second');
  });
});
