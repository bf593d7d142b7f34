import { describe, expect, it } from 'vitest';
import { LiveStreams, type Sink } from '../../src/realtime/live-streams.js';

// One upstream per key on a node, shared by every consumer of that key.

/** An upstream the test drives by hand; records how often it was opened and stopped. */
function upstream<T>() {
  const state = { opened: 0, stopped: 0, sink: undefined as Sink<T> | undefined };
  let resolveListening!: () => void;
  const listening = new Promise<void>((resolve) => (resolveListening = resolve));
  const open = (sink: Sink<T>) => {
    state.opened += 1;
    state.sink = sink;
    return { stop: () => void (state.stopped += 1), listening };
  };
  return { state, open, push: (item: T) => state.sink!.next(item), fail: (e: unknown) => state.sink!.error(e), nowListening: () => resolveListening() };
}

function sink<T>(name: string, log: string[]) {
  const items: T[] = [];
  const errors: unknown[] = [];
  const s: Sink<T> = {
    next: (item) => {
      items.push(item);
      log.push(`${name}:${String((item as { n?: unknown }).n ?? item)}`);
    },
    error: (e) => {
      errors.push(e);
    },
  };
  return { sink: s, items, errors };
}

function streams() {
  const reported: { error: unknown; key: string }[] = [];
  return { live: new LiveStreams((error, key) => reported.push({ error, key })), reported };
}

describe('LiveStreams', () => {
  it('opens one upstream per key, however many consumers attach', () => {
    const { live } = streams();
    const a = upstream<number>();
    const b = upstream<number>();
    const log: string[] = [];
    live.attach('room:1', a.open, sink('x', log).sink);
    live.attach('room:1', a.open, sink('y', log).sink);
    live.attach('room:2', b.open, sink('z', log).sink);
    expect(a.state.opened).toBe(1);
    expect(b.state.opened).toBe(1);
    expect(live.size).toBe(2);
  });

  it('hands each item to every consumer of its key, as the same object and in order', () => {
    const { live } = streams();
    const up = upstream<{ n: number }>();
    const log: string[] = [];
    const x = sink<{ n: number }>('x', log);
    const y = sink<{ n: number }>('y', log);
    live.attach('k', up.open, x.sink);
    live.attach('k', up.open, y.sink);
    const one = { n: 1 };
    up.push(one);
    up.push({ n: 2 });
    expect(log).toEqual(['x:1', 'y:1', 'x:2', 'y:2']);
    expect(x.items[0]).toBe(one);
    expect(y.items[0]).toBe(one);
  });

  it('gives every attachment the upstream’s listening promise', async () => {
    const { live } = streams();
    const up = upstream<number>();
    const first = live.attach('k', up.open, sink('x', []).sink);
    const second = live.attach('k', up.open, sink('y', []).sink);
    let heard = 0;
    void first.listening.then(() => (heard += 1));
    void second.listening.then(() => (heard += 1));
    await Promise.resolve();
    expect(heard).toBe(0);
    up.nowListening();
    await Promise.all([first.listening, second.listening]);
    expect(heard).toBe(2);
  });

  it('stops the upstream when the last consumer detaches, not before, and only once', () => {
    const { live } = streams();
    const up = upstream<number>();
    const log: string[] = [];
    const x = live.attach('k', up.open, sink('x', log).sink);
    const y = live.attach('k', up.open, sink('y', log).sink);
    x.detach();
    expect(up.state.stopped).toBe(0);
    up.push(1);
    expect(log).toEqual(['y:1']);
    y.detach();
    expect(up.state.stopped).toBe(1);
    expect(live.size).toBe(0);
    x.detach();
    y.detach();
    expect(up.state.stopped).toBe(1);
  });

  it('opens a fresh upstream for a key attached again after it stopped', () => {
    const { live } = streams();
    const up = upstream<number>();
    const log: string[] = [];
    live.attach('k', up.open, sink('x', log).sink).detach();
    const old = up.state.sink!;
    live.attach('k', up.open, sink('y', log).sink);
    expect(up.state.opened).toBe(2);
    // the stopped upstream's late items reach nobody
    old.next(0);
    up.push(1);
    expect(log).toEqual(['y:1']);
  });

  it('reports a throwing consumer with its key and still serves the others', () => {
    const { live, reported } = streams();
    const up = upstream<number>();
    const log: string[] = [];
    const boom = new Error('consumer broke');
    live.attach('k', up.open, sink('before', log).sink);
    live.attach('k', up.open, {
      next: () => {
        throw boom;
      },
      error: () => undefined,
    });
    live.attach('k', up.open, sink('after', log).sink);
    expect(() => up.push(1)).not.toThrow();
    up.push(2);
    expect(log).toEqual(['before:1', 'after:1', 'before:2', 'after:2']);
    expect(reported).toEqual([
      { error: boom, key: 'k' },
      { error: boom, key: 'k' },
    ]);
  });

  it('hands an upstream error to every consumer once, and forgets the stream', () => {
    const { live } = streams();
    const up = upstream<number>();
    const log: string[] = [];
    const x = sink<number>('x', log);
    const y = sink<number>('y', log);
    live.attach('k', up.open, x.sink);
    live.attach('k', up.open, y.sink);
    const failure = new Error('upstream failed');
    up.fail(failure);
    expect(x.errors).toEqual([failure]);
    expect(y.errors).toEqual([failure]);
    expect(live.size).toBe(0);
    // nothing more reaches them, and the next consumer gets a new upstream
    up.push(1);
    expect(log).toEqual([]);
    live.attach('k', up.open, sink('z', log).sink);
    expect(up.state.opened).toBe(2);
  });

  it('does not let a consumer that detaches after its stream failed stop the next stream of the key', () => {
    const { live } = streams();
    const up = upstream<number>();
    const old = live.attach('k', up.open, sink('x', []).sink);
    up.fail(new Error('gone'));
    live.attach('k', up.open, sink('y', []).sink);
    old.detach();
    expect(live.size).toBe(1);
    expect(up.state.stopped).toBe(0);
  });
});
