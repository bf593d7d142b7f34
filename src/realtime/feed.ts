import { Repeater } from 'graphql-yoga';
import type { Bus, TopicEvent, TopicId, TopicName } from './bus.js';

export interface FeedOptions<R> {
  /** Runs after the listener is attached (so nothing published meanwhile is missed); its items go first. */
  start?: () => Promise<R[]>;
  /**
   * Runs when events were heard while `start` ran, after delivering them; its items go last. For
   * snapshot-like feeds: a held event may be older than the snapshot, so end on a fresh one.
   */
  settle?: () => Promise<R[]>;
  /** Runs once when the consumer stops. */
  stop?: () => Promise<void> | void;
}

/**
 * The events of one topic, mapped and filtered by `select` (undefined = skip), as an async iterator.
 * Events heard while `start` runs are held back and delivered after its items, in order.
 */
export function topicFeed<K extends TopicName, R>(
  bus: Bus,
  topic: K,
  id: TopicId<K>,
  select: (event: TopicEvent<K>) => R | undefined,
  options: FeedOptions<R> = {},
): Repeater<R> {
  return new Repeater<R>(async (push, stopped) => {
    let held: R[] | null = options.start ? [] : null;
    const off = bus.listen(topic, id, (event) => {
      const item = select(event);
      if (item === undefined) return;
      if (held) held.push(item);
      else void push(item);
    });
    try {
      if (options.start) {
        await bus.whenListening(topic, id);
        for (const item of await options.start()) await push(item);
        const heard = held ?? [];
        held = null;
        for (const item of heard) await push(item);
        if (heard.length > 0 && options.settle) for (const item of await options.settle()) await push(item);
      }
      await stopped;
    } finally {
      off();
      await options.stop?.();
    }
  });
}
