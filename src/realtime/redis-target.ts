import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { BusEventTarget } from './bus.js';

/** What crosses Redis: the event and the node that published it. */
interface Envelope {
  origin: string;
  event: unknown;
}

export interface RedisBusTargetOptions {
  /** a connection for PUBLISH (without an offline queue: a publish while Redis is away fails at once) */
  publisher: Redis;
  /** a connection in subscriber mode (ioredis resubscribes it after a reconnect) */
  subscriber: Redis;
  /** prepended to every channel */
  prefix: string;
  /** this node: its own events are delivered in-process and skipped when Redis echoes them */
  nodeId: string;
  /** the longest `listening()` waits for a SUBSCRIBE to be acknowledged */
  subscribeWaitMs: number;
  /** a publish or (un)subscribe that failed: the event is lost for other nodes (clients resume from the database) */
  onError(error: unknown, action: 'publish' | 'subscribe' | 'unsubscribe', channel: string): void;
}

export interface RedisBusTarget extends BusEventTarget {
  /** Resolves once this node hears other nodes' events of `type` (or after subscribeWaitMs, or at once while Redis is away). */
  listening(type: string): Promise<void>;
}

type Listener = (event: Event) => void;

/**
 * The bus's EventTarget over Redis pub/sub, built on @graphql-yoga/redis-event-target. Events are
 * delivered to this node's listeners in-process first (so a node keeps serving its own clients while
 * Redis is away) and published to Redis for the others; a node skips its own echo. The library's
 * clients are wrapped so that a failed PUBLISH or SUBSCRIBE is reported, never an unhandled rejection
 * (which would kill the process), and so that a SUBSCRIBE's acknowledgement can be awaited.
 */
export function createRedisBusTarget(options: RedisBusTargetOptions): RedisBusTarget {
  const { publisher, subscriber, prefix, nodeId } = options;
  const local = new EventTarget();
  const subscribing = new Map<string, Promise<void>>();

  const publishClient = {
    publish: (channel: string, message: string) =>
      publisher.publish(channel, message).catch((e: unknown) => {
        options.onError(e, 'publish', channel);
        return 0;
      }),
  };
  const subscribeClient = {
    on: (event: 'message', handler: (channel: string, message: string) => void) => subscriber.on(event, handler),
    subscribe: (channel: string) => {
      const done: Promise<void> = subscriber.subscribe(channel).then(
        () => undefined,
        (e: unknown) => options.onError(e, 'subscribe', channel),
      );
      subscribing.set(channel, done);
      void done.then(() => {
        if (subscribing.get(channel) === done) subscribing.delete(channel);
      });
      return done;
    },
    unsubscribe: (channel: string) =>
      subscriber.unsubscribe(channel).catch((e: unknown) => options.onError(e, 'unsubscribe', channel)),
  };
  const remote = createRedisEventTarget({
    // The library calls only publish() on the first and on/subscribe/unsubscribe on the second.
    publishClient: publishClient as unknown as Redis,
    subscribeClient: subscribeClient as unknown as Redis,
  });

  const fromOthers = new Map<Listener, Map<string, Listener>>();

  return {
    addEventListener(type, listener) {
      local.addEventListener(type, listener);
      const wrapped: Listener = (e) => {
        const envelope = (e as CustomEvent<Envelope>).detail;
        if (envelope.origin !== nodeId) listener(new CustomEvent(type, { detail: envelope.event }));
      };
      let byType = fromOthers.get(listener);
      if (!byType) fromOthers.set(listener, (byType = new Map()));
      byType.set(type, wrapped);
      remote.addEventListener(prefix + type, wrapped);
    },
    removeEventListener(type, listener) {
      local.removeEventListener(type, listener);
      const byType = fromOthers.get(listener);
      const wrapped = byType?.get(type);
      if (!byType || !wrapped) return;
      byType.delete(type);
      if (byType.size === 0) fromOthers.delete(listener);
      remote.removeEventListener(prefix + type, wrapped);
    },
    dispatchEvent(event) {
      local.dispatchEvent(new CustomEvent(event.type, { detail: (event as CustomEvent).detail }));
      const envelope: Envelope = { origin: nodeId, event: (event as CustomEvent).detail };
      return remote.dispatchEvent(new CustomEvent(prefix + event.type, { detail: envelope }));
    },
    listening(type) {
      const pending = subscribing.get(prefix + type);
      if (!pending || subscriber.status !== 'ready') return Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.subscribeWaitMs);
      });
      return Promise.race([pending, waited]).finally(() => clearTimeout(timer));
    },
  };
}
