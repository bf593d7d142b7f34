/**
 * The event bus: `<topic>:<id>` channels. Listeners of this node are kept in a plain map and called
 * directly (a publish nobody on this node listens to costs one map lookup); with a remote (Redis), each
 * channel that has listeners here holds ONE remote subscription, and events from other nodes are handed
 * to the same listeners. Generic over the topics it carries (the domain names them: modules/events.ts).
 */
/** topic name → [id type, event type] */
export type TopicMap = Record<string, [string | number, unknown]>;

/** How events reach and come from the other nodes (absent: one node). */
export interface RemoteBus {
  /** Sends the event to the other nodes (never back to this one). Must not throw. */
  publish(channel: string, event: unknown): void;
  /** Starts hearing the other nodes' events of `channel`; the returned function stops it. */
  subscribe(channel: string, deliver: (event: unknown) => void): () => void;
  /** Resolves once the channel's subscription is in effect (bounded by the remote's own timeout). */
  listening(channel: string): Promise<void>;
}

export interface Bus<T extends TopicMap> {
  publish<K extends keyof T & string>(topic: K, id: T[K][0], event: T[K][1]): void;
  /** Calls `listener` for each event until the returned function is called. */
  listen<K extends keyof T & string>(topic: K, id: T[K][0], listener: (event: T[K][1]) => void): () => void;
  /**
   * Call after `listen`: resolves once the topic's events published on any node reach this node (at
   * once in-process; on Redis when the SUBSCRIBE is acknowledged, bounded by a timeout). A replay from
   * the database that starts after this cannot miss an event published after it read.
   */
  whenListening<K extends keyof T & string>(topic: K, id: T[K][0]): Promise<void>;
}

type Listener = (event: never) => void;

interface Channel {
  listeners: Set<Listener>;
  /** stops the remote subscription */
  unsubscribe: () => void;
}

export function createBus<T extends TopicMap>(options: { remote?: RemoteBus; onListenerError: (error: unknown, channel: string) => void }): Bus<T> {
  const { remote, onListenerError } = options;
  // topic → id → channel: a publish to a user nobody here listens to builds no string (a message to a
  // group of 1,000 publishes two user events per recipient)
  const topics = new Map<string, Map<string | number, Channel>>();
  const name = (topic: string, id: string | number) => `${topic}:${id}`;

  const deliver = (entry: Channel, topic: string, id: string | number, event: unknown) => {
    // a listener added while this event is delivered does not get it (EventTarget semantics)
    // the listeners as they are now (a Set's loop would also visit one added during delivery); one is taken without a copy
    const listeners = entry.listeners.size === 1 ? [entry.listeners.values().next().value as Listener] : [...entry.listeners];
    for (const listener of listeners) {
      try {
        (listener as (e: unknown) => void)(event);
      } catch (e) {
        onListenerError(e, name(topic, id));
      }
    }
  };

  return {
    publish(topic, id, event) {
      const entry = topics.get(topic)?.get(id);
      if (entry) deliver(entry, topic, id, event);
      remote?.publish(name(topic, id), event);
    },
    listen(topic, id, listener) {
      let ids = topics.get(topic);
      if (!ids) topics.set(topic, (ids = new Map()));
      let entry = ids.get(id);
      if (!entry) {
        const created: Channel = { listeners: new Set(), unsubscribe: () => undefined };
        ids.set(id, created);
        if (remote) created.unsubscribe = remote.subscribe(name(topic, id), (event) => deliver(created, topic, id, event));
        entry = created;
      }
      const joined = entry;
      const byId = ids;
      joined.listeners.add(listener as Listener);
      return () => {
        if (!joined.listeners.delete(listener as Listener) || joined.listeners.size > 0) return;
        if (byId.get(id) === joined) byId.delete(id);
        joined.unsubscribe();
      };
    },
    whenListening: (topic, id) => remote?.listening(name(topic, id)) ?? Promise.resolve(),
  };
}
