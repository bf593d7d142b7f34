import { setMaxListeners } from 'node:events';
import { Repeater } from 'graphql-yoga';
import type { Topics } from './events.js';

/**
 * The event bus: one EventTarget carrying `<topic>:<id>` events. In-process by default; the Redis
 * event target (same interface) makes N nodes share it. Listeners get the event payload; GraphQL
 * subscriptions get an async iterator over the same events.
 */
export type TopicName = keyof Topics;
export type TopicId<K extends TopicName> = Topics[K][0];
export type TopicEvent<K extends TopicName> = Topics[K][1];

export interface BusEventTarget {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  dispatchEvent(event: Event): boolean;
  /** Resolves once listeners of `type` hear events published on other nodes too (absent: at once). */
  listening?(type: string): Promise<void>;
}

export interface Bus {
  publish<K extends TopicName>(topic: K, id: TopicId<K>, event: TopicEvent<K>): void;
  /** Calls `listener` for each event until the returned function is called. */
  listen<K extends TopicName>(topic: K, id: TopicId<K>, listener: (event: TopicEvent<K>) => void): () => void;
  /** An async iterator over the topic's events; ends when the consumer returns. */
  subscribe<K extends TopicName>(topic: K, id: TopicId<K>): Repeater<TopicEvent<K>>;
  /**
   * Call after `listen`: resolves once the topic's events published on any node reach this node (at
   * once in-process; on Redis when the SUBSCRIBE is acknowledged, bounded by a timeout). A replay from
   * the database that starts after this cannot miss an event published after it read.
   */
  whenListening<K extends TopicName>(topic: K, id: TopicId<K>): Promise<void>;
}

export function createBus(target: BusEventTarget = new EventTarget()): Bus {
  // One listener per socket or subscription on a topic is expected: a busy room is not a leak (Node warns past 10).
  if (target instanceof EventTarget) setMaxListeners(0, target);
  const channel = (topic: string, id: string | number) => `${topic}:${id}`;
  const listen: Bus['listen'] = (topic, id, listener) => {
    const type = channel(topic, id);
    const handler = (event: Event) => listener((event as CustomEvent).detail);
    target.addEventListener(type, handler);
    return () => target.removeEventListener(type, handler);
  };
  return {
    publish(topic, id, event) {
      target.dispatchEvent(new CustomEvent(channel(topic, id), { detail: event }));
    },
    listen,
    whenListening: (topic, id) => target.listening?.(channel(topic, id)) ?? Promise.resolve(),
    subscribe(topic, id) {
      return new Repeater(async (push, stop) => {
        const off = listen(topic, id, (event) => void push(event));
        await stop;
        off();
      });
    },
  };
}
