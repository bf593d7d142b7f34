import { describe, expect, it } from 'vitest';
import { catchUp, type CatchUp, type Emit } from '../../src/realtime/feed.js';
import { LiveStreams, type Sink } from '../../src/realtime/live-streams.js';
import { deferred } from '../support/wait.js';

// Joining a live stream with something read first: hold what is heard while reading, settle it, then go
// live. The live stream is a real LiveStreams with an upstream the test drives; reads are deferreds.

/** Lets every pending promise job run (no timers are involved in catchUp). */
async function settleJobs(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

function harness() {
  const live = new LiveStreams((e) => {
    throw e;
  });
  const up = { opened: 0, stopped: 0, sink: undefined as Sink<string> | undefined, listening: deferred() };
  const join = (s: Sink<string>) =>
    live.attach<string>(
      'k',
      (sink) => {
        up.opened += 1;
        up.sink = sink;
        return { stop: () => void (up.stopped += 1), listening: up.listening.promise };
      },
      s,
    );
  const got: string[] = [];
  const errors: unknown[] = [];
  const sink: Sink<string> = { next: (item) => got.push(item), error: (e) => errors.push(e) };
  return { live, up, join, got, errors, sink, push: (item: string) => up.sink!.next(item) };
}

describe('catchUp()', () => {
  it('reads only once the stream hears every node, holds what is heard meanwhile, settles it in order, then goes live', async () => {
    const h = harness();
    const read = deferred();
    const calls: string[] = [];
    const settled: { held: string[]; overflowed: boolean }[] = [];
    const spec: CatchUp<string> = {
      join: h.join,
      start: async (emit) => {
        calls.push('start');
        await read.promise;
        await emit(['snapshot']);
      },
      settle: async (held, overflowed, emit) => {
        settled.push({ held: [...held], overflowed });
        await emit(held);
      },
      holdMax: 10,
    };
    catchUp(spec, h.sink);
    h.push('early');
    await settleJobs();
    expect(calls).toEqual([]);
    h.up.listening.resolve();
    await settleJobs();
    expect(calls).toEqual(['start']);
    h.push('a');
    h.push('b');
    expect(h.got).toEqual([]);
    read.resolve();
    await settleJobs();
    expect(settled).toEqual([{ held: ['early', 'a', 'b'], overflowed: false }]);
    expect(h.got).toEqual(['snapshot', 'early', 'a', 'b']);
    // live: straight through, nothing held, no more settling
    h.push('c');
    expect(h.got).toEqual(['snapshot', 'early', 'a', 'b', 'c']);
    await settleJobs();
    expect(settled).toHaveLength(1);
  });

  it('goes live without settling when nothing was heard during the read', async () => {
    const h = harness();
    let settles = 0;
    catchUp(
      {
        join: h.join,
        start: (emit) => emit(['snapshot']),
        settle: async () => void (settles += 1),
        holdMax: 10,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    h.push('live');
    expect(h.got).toEqual(['snapshot', 'live']);
    expect(settles).toBe(0);
  });

  it('past holdMax drops what it held and says so (overflowed), keeping what comes after', async () => {
    const h = harness();
    const read = deferred();
    const settled: { held: string[]; overflowed: boolean }[] = [];
    catchUp(
      {
        join: h.join,
        start: async (emit) => {
          await read.promise;
          await emit(['snapshot']);
        },
        settle: async (held, overflowed, emit) => {
          settled.push({ held: [...held], overflowed });
          // what a feed does on overflow: read again what is durable, then what it holds
          await emit(overflowed ? ['re-read', ...held] : held);
        },
        holdMax: 2,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    for (const item of ['1', '2', '3', '4']) h.push(item);
    read.resolve();
    await settleJobs();
    expect(settled).toEqual([{ held: ['4'], overflowed: true }]);
    expect(h.got).toEqual(['snapshot', 're-read', '4']);
    h.push('5');
    expect(h.got.at(-1)).toBe('5');
  });

  it('settles again what is heard while settling, and goes live after a few rounds of a stream that never pauses', async () => {
    const h = harness();
    const read = deferred();
    const settled: string[][] = [];
    let next = 0;
    catchUp(
      {
        join: h.join,
        start: async (emit) => {
          await read.promise;
          await emit(['snapshot']);
        },
        settle: async (held, _overflowed, emit) => {
          settled.push([...held]);
          // the stream keeps talking while each settle reads
          h.push(`during-settle-${++next}`);
          await emit(held);
        },
        holdMax: 100,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    h.push('during-start');
    read.resolve();
    await settleJobs();
    expect(settled).toEqual([['during-start'], ['during-settle-1'], ['during-settle-2']]);
    expect(h.got).toEqual(['snapshot', 'during-start', 'during-settle-1', 'during-settle-2', 'during-settle-3']);
    // and it is live: an item goes out at once
    h.push('live');
    expect(h.got.at(-1)).toBe('live');
    expect(settled).toHaveLength(3);
  });

  it('stopped while reading: detaches from the stream, runs stop once, settles nothing, and emit resolves false', async () => {
    const h = harness();
    const read = deferred();
    let stops = 0;
    let settles = 0;
    const emitted: boolean[] = [];
    const stop = catchUp(
      {
        join: h.join,
        start: async (emit) => {
          await read.promise;
          emitted.push(await emit(['snapshot']));
        },
        settle: async () => void (settles += 1),
        stop: () => void (stops += 1),
        holdMax: 10,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    h.push('held');
    stop();
    stop();
    expect(stops).toBe(1);
    expect(h.up.stopped).toBe(1);
    expect(h.live.size).toBe(0);
    read.resolve();
    await settleJobs();
    expect(emitted).toEqual([false]);
    expect(settles).toBe(0);
    expect(h.got).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('stopped before the stream listens: never reads', async () => {
    const h = harness();
    let starts = 0;
    const stop = catchUp({ join: h.join, start: async () => void (starts += 1), settle: async () => undefined, holdMax: 10 }, h.sink);
    stop();
    h.up.listening.resolve();
    await settleJobs();
    expect(starts).toBe(0);
    expect(h.live.size).toBe(0);
  });

  it('emit resolves false after stop, for a read that pages on (a replay stops reading)', async () => {
    const h = harness();
    const pages: boolean[] = [];
    const gate = deferred();
    let emitRef: Emit<string> | undefined;
    const stop = catchUp(
      {
        join: h.join,
        start: async (emit) => {
          emitRef = emit;
          pages.push(await emit(['page-1']));
          await gate.promise;
          pages.push(await emit(['page-2']));
        },
        settle: async () => undefined,
        holdMax: 10,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    stop();
    gate.resolve();
    await settleJobs();
    expect(pages).toEqual([true, false]);
    expect(h.got).toEqual(['page-1']);
    expect(await emitRef!(['later'])).toBe(false);
  });

  it('paces a read by the subscriber: emit resolves once the sink is ready for more', async () => {
    const h = harness();
    const room = deferred();
    let readyCalls = 0;
    const pages: string[] = [];
    catchUp(
      {
        join: h.join,
        start: async (emit) => {
          await emit(['page-1']);
          pages.push('page-1 taken');
          await emit(['page-2']);
          pages.push('page-2 taken');
        },
        settle: async () => undefined,
        holdMax: 10,
      },
      {
        ...h.sink,
        ready: () => {
          readyCalls += 1;
          return readyCalls === 1 ? room.promise : Promise.resolve();
        },
      },
    );
    h.up.listening.resolve();
    await settleJobs();
    expect(h.got).toEqual(['page-1']);
    expect(pages).toEqual([]);
    room.resolve();
    await settleJobs();
    expect(h.got).toEqual(['page-1', 'page-2']);
    expect(pages).toEqual(['page-1 taken', 'page-2 taken']);
  });

  it('hands a failed read to the subscriber as its error', async () => {
    const h = harness();
    const failure = new Error('database away');
    catchUp(
      {
        join: h.join,
        start: async () => {
          throw failure;
        },
        settle: async () => undefined,
        holdMax: 10,
      },
      h.sink,
    );
    h.up.listening.resolve();
    await settleJobs();
    expect(h.errors).toEqual([failure]);
  });
});
