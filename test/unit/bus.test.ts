import { describe, expect, it } from 'vitest';
import { createBus } from '../../src/realtime/bus.js';

// The in-process bus (no remote): what a listener hears, and what one listener can do to the others.
type Topics = { room: [string, { n: number }]; user: [number, { n: number }] };

function bus() {
  const errors: { error: unknown; channel: string }[] = [];
  const b = createBus<Topics>({ onListenerError: (error, channel) => errors.push({ error, channel }) });
  return { bus: b, errors };
}

describe('createBus (in-process)', () => {
  it('delivers an event to every listener of its topic and id, and to no other', () => {
    const { bus: b } = bus();
    const heard: string[] = [];
    b.listen('room', 'a', (e) => heard.push(`a1:${e.n}`));
    b.listen('room', 'a', (e) => heard.push(`a2:${e.n}`));
    b.listen('room', 'b', (e) => heard.push(`b:${e.n}`));
    b.listen('user', 7, (e) => heard.push(`u7:${e.n}`));
    b.publish('room', 'a', { n: 1 });
    b.publish('user', 7, { n: 2 });
    b.publish('user', 8, { n: 3 });
    expect(heard).toEqual(['a1:1', 'a2:1', 'u7:2']);
  });

  it('hands every listener the same event object, in the order they listened', () => {
    const { bus: b } = bus();
    const seen: unknown[] = [];
    b.listen('room', 'a', (e) => seen.push(e));
    b.listen('room', 'a', (e) => seen.push(e));
    const event = { n: 1 };
    b.publish('room', 'a', event);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(event);
    expect(seen[1]).toBe(event);
  });

  it('reports a throwing listener with its channel and still serves the listeners after it', () => {
    const { bus: b, errors } = bus();
    const heard: number[] = [];
    const boom = new Error('listener broke');
    b.listen('room', 'a', () => {
      throw boom;
    });
    b.listen('room', 'a', (e) => heard.push(e.n));
    expect(() => b.publish('room', 'a', { n: 1 })).not.toThrow();
    b.publish('room', 'a', { n: 2 });
    expect(heard).toEqual([1, 2]);
    expect(errors).toEqual([
      { error: boom, channel: 'room:a' },
      { error: boom, channel: 'room:a' },
    ]);
  });

  it('reports a throwing sole listener without throwing into the publisher', () => {
    const { bus: b, errors } = bus();
    b.listen('user', 3, () => {
      throw new Error('alone');
    });
    expect(() => b.publish('user', 3, { n: 1 })).not.toThrow();
    expect(errors.map((e) => e.channel)).toEqual(['user:3']);
  });

  it('stops calling a listener once its unlisten function ran; the others keep hearing; unlisten twice is harmless', () => {
    const { bus: b } = bus();
    const heard: string[] = [];
    const offFirst = b.listen('room', 'a', (e) => heard.push(`first:${e.n}`));
    b.listen('room', 'a', (e) => heard.push(`second:${e.n}`));
    b.publish('room', 'a', { n: 1 });
    offFirst();
    offFirst();
    b.publish('room', 'a', { n: 2 });
    expect(heard).toEqual(['first:1', 'second:1', 'second:2']);
  });

  it('hears again on a channel whose last listener left and a new one came', () => {
    const { bus: b } = bus();
    const heard: number[] = [];
    const off = b.listen('room', 'a', () => heard.push(-1));
    off();
    b.publish('room', 'a', { n: 1 });
    b.listen('room', 'a', (e) => heard.push(e.n));
    b.publish('room', 'a', { n: 2 });
    expect(heard).toEqual([2]);
  });

  it('does not give the event being delivered to a listener added during its delivery (several listeners)', () => {
    const { bus: b } = bus();
    const heard: string[] = [];
    let added = false;
    b.listen('room', 'a', (e) => {
      heard.push(`first:${e.n}`);
      if (!added) {
        added = true;
        b.listen('room', 'a', (later) => heard.push(`late:${later.n}`));
      }
    });
    b.listen('room', 'a', (e) => heard.push(`second:${e.n}`));
    b.publish('room', 'a', { n: 1 });
    b.publish('room', 'a', { n: 2 });
    expect(heard).toEqual(['first:1', 'second:1', 'first:2', 'second:2', 'late:2']);
  });

  // BUG: with exactly one listener, deliver() iterates the live Set (the `size === 1` fast path), and a
  // Set's iterator visits what is added during the iteration: the new listener gets the current event.
  it('does not give the event being delivered to a listener added during its delivery (one listener)', () => {
    const { bus: b } = bus();
    const heard: string[] = [];
    let added = false;
    b.listen('room', 'a', (e) => {
      heard.push(`only:${e.n}`);
      if (!added) {
        added = true;
        b.listen('room', 'a', (later) => heard.push(`late:${later.n}`));
      }
    });
    b.publish('room', 'a', { n: 1 });
    expect(heard).toEqual(['only:1']);
  });

  it('resolves whenListening at once without a remote', async () => {
    const { bus: b } = bus();
    b.listen('room', 'a', () => undefined);
    await expect(b.whenListening('room', 'a')).resolves.toBeUndefined();
  });
});
