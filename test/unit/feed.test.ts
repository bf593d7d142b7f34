import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.js';
import { feed, isFeed } from '../../src/realtime/feed.js';
import type { Sink } from '../../src/realtime/live-streams.js';

// A feed pulled as an async iterator (what graphql-js does): opened on the first next(), its queue bounded.

function source<T>(backlogMax: number) {
  const state = { opened: 0, stopped: 0, sink: undefined as Sink<T> | undefined };
  const f = feed<T>((sink) => {
    state.opened += 1;
    state.sink = sink;
    return () => void (state.stopped += 1);
  }, backlogMax);
  return { f, state, push: (item: T) => state.sink!.next(item), fail: (e: unknown) => state.sink!.error(e) };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('feed()', () => {
  it('is recognised as a feed, and hands items straight to a sink opened on it', () => {
    const { f, push } = source<number>(10);
    expect(isFeed(f)).toBe(true);
    expect(isFeed({ [Symbol.asyncIterator]: () => undefined })).toBe(false);
    const got: number[] = [];
    const stop = f.open({ next: (n) => got.push(n), error: () => undefined });
    push(1);
    push(2);
    expect(got).toEqual([1, 2]);
    stop();
  });
});

describe('FeedIterator (feed()[Symbol.asyncIterator])', () => {
  it('opens the feed on the first next(), not before, and yields items in order', async () => {
    const { f, state, push } = source<number>(10);
    const it = f[Symbol.asyncIterator]();
    expect(state.opened).toBe(0);
    const first = it.next();
    expect(state.opened).toBe(1);
    push(1);
    push(2);
    push(3);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await it.next()).toEqual({ value: 2, done: false });
    expect(await it.next()).toEqual({ value: 3, done: false });
    expect(state.opened).toBe(1);
  });

  it('keeps up to backlogMax items waiting, and past it fails with LIMIT_EXCEEDED and stops the feed', async () => {
    const { f, state, push } = source<number>(3);
    const it = f[Symbol.asyncIterator]();
    const first = it.next();
    push(0); // taken by the waiting next()
    push(1);
    push(2);
    push(3); // three waiting: at the bound, still fine
    expect(state.stopped).toBe(0);
    push(4); // one more than it keeps
    expect(state.stopped).toBe(1);
    expect(await first).toEqual({ value: 0, done: false });
    const error = await rejection(it.next());
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { reason: 'slow_consumer' } });
    expect((error as Error).message).toContain('more than 3 events behind');
    // later items reach nobody and the iterator does not start again
    push(5);
    expect(state.opened).toBe(1);
    expect(state.stopped).toBe(1);
  });

  it('does not overflow when the consumer keeps up', async () => {
    const { f, state, push } = source<number>(1);
    const it = f[Symbol.asyncIterator]();
    for (let i = 0; i < 20; i += 1) {
      const next = it.next();
      push(i);
      push(i + 0.5); // one waits: the bound
      expect(await next).toEqual({ value: i, done: false });
      expect(await it.next()).toEqual({ value: i + 0.5, done: false });
    }
    expect(state.stopped).toBe(0);
  });

  it('return() stops the feed, ends a waiting next(), and drops later items', async () => {
    const { f, state, push } = source<number>(10);
    const it = f[Symbol.asyncIterator]();
    const waiting = it.next();
    expect(await it.return!()).toEqual({ value: undefined, done: true });
    expect(state.stopped).toBe(1);
    expect(await waiting).toEqual({ value: undefined, done: true });
    push(1);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    // (a second return() may call stop again: a feed's stop is idempotent by contract)
    await it.return!();
    expect(state.opened).toBe(1);
  });

  it('return() drops what was waiting in the queue', async () => {
    const { f, push } = source<number>(10);
    const it = f[Symbol.asyncIterator]();
    const first = it.next();
    push(1);
    push(2);
    push(3);
    await first;
    await it.return!();
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('return() before the first next() never opens the feed', async () => {
    const { f, state } = source<number>(10);
    const it = f[Symbol.asyncIterator]();
    await it.return!();
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(state.opened).toBe(0);
  });

  it('rejects a waiting next() with the feed’s error, and stops the feed', async () => {
    const { f, state, fail } = source<number>(10);
    const it = f[Symbol.asyncIterator]();
    const waiting = it.next();
    const failure = new Error('source failed');
    fail(failure);
    expect(await rejection(waiting)).toBe(failure);
    expect(state.stopped).toBe(1);
  });

  it('gives each iteration its own queue (two subscribers of one feed)', async () => {
    const { f, state } = source<number>(10);
    const a = f[Symbol.asyncIterator]();
    const b = f[Symbol.asyncIterator]();
    void a.next();
    void b.next();
    expect(state.opened).toBe(2);
    await a.return!();
    expect(state.stopped).toBe(1);
  });
});
