import type { Topics } from './events.js';

/**
 * The event bus: `<topic>:<id>` channels. Listeners of this node are kept in a plain map and called
 * directly (a publish nobody on this node listens to costs one map lookup); with a remote (Redis), each
 * channel that has listeners here holds ONE remote subscription, and events from other nodes are handed
 * to the same listeners.
 */
export type TopicName = keyof Topics;
export type TopicId<K extends TopicName> = Topics[K][0];
export type TopicEvent<K extends TopicName> = Topics[K][1];

/** How events reach and come from the other nodes (absent: one node). */
export interface RemoteBus {
  /** Sends the event to the other nodes (never back to this one). Must not throw. */
  publish(channel: string, event: unknown): void;
  /** Starts hearing the other nodes' events of `channel`; the returned function stops it. */
  subscribe(channel: string, deliver: (event: unknown) => void): () => void;
  /** Resolves once the channel's subscription is in effect (bounded by the remote's own timeout). */
  listening(channel: string): Promise<void>;
}

export interface Bus {
  publish<K extends TopicName>(topic: K, id: TopicId<K>, event: TopicEvent<K>): void;
  /** Calls `listener` for each event until the returned function is called. */
  listen<K extends TopicName>(topic: K, id: TopicId<K>, listener: (event: TopicEvent<K>) => void): () => void;
  /**
   * Call after `listen`: resolves once the topic's events published on any node reach this node (at
   * once in-process; on Redis when the SUBSCRIBE is acknowledged, bounded by a timeout). A replay from
   * the database that starts after this cannot miss an event published after it read.
   */
  whenListening<K extends TopicName>(topic: K, id: TopicId<K>): Promise<void>;
}

type Listener = (event: never) => void;

interface Channel {
  listeners: Set<Listener>;
  /** stops the remote subscription */
  unsubscribe: () => void;
}

export function createBus(options: { remote?: RemoteBus; onListenerError: (error: unknown, channel: string) => void }): Bus {
  const { remote, onListenerError } = options;
  const channels = new Map<string, Channel>();
  const name = (topic: string, id: string | number) => `${topic}:${id}`;

  const deliver = (channel: string, event: unknown) => {
    const entry = channels.get(channel);
    if (!entry) return;
    // a listener added while this event is delivered does not get it (EventTarget semantics)
    const listeners = entry.listeners.size === 1 ? entry.listeners : [...entry.listeners];
    for (const listener of listeners) {
      try {
        (listener as (e: unknown) => void)(event);
      } catch (e) {
        onListenerError(e, channel);
      }
    }
  };

  return {
    publish(topic, id, event) {
      const channel = name(topic, id);
      deliver(channel, event);
      remote?.publish(channel, event);
    },
    listen(topic, id, listener) {
      const channel = name(topic, id);
      let entry = channels.get(channel);
      if (!entry) {
        const created: Channel = { listeners: new Set(), unsubscribe: () => undefined };
        channels.set(channel, created);
        if (remote) created.unsubscribe = remote.subscribe(channel, (event) => deliver(channel, event));
        entry = created;
      }
      const joined = entry;
      joined.listeners.add(listener as Listener);
      return () => {
        if (!joined.listeners.delete(listener as Listener) || joined.listeners.size > 0) return;
        if (channels.get(channel) === joined) channels.delete(channel);
        joined.unsubscribe();
      };
    },
    whenListening: (topic, id) => remote?.listening(name(topic, id)) ?? Promise.resolve(),
  };
}
