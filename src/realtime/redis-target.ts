import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { RemoteBus } from './bus.js';

/** What crosses Redis: the event and the node that published it. */
interface Envelope {
  origin: string;
  event: unknown;
}

export interface RedisRemoteOptions {
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

/**
 * The bus's remote side over Redis pub/sub, built on @graphql-yoga/redis-event-target: one Redis
 * channel per bus channel that has listeners on this node. The bus delivers to this node's listeners
 * itself (so a node keeps serving its own clients while Redis is away); what goes to Redis carries the
 * publishing node, which skips its own echo. The library's clients are wrapped so that a failed PUBLISH
 * or SUBSCRIBE is reported, never an unhandled rejection (which would kill the process), and so that a
 * SUBSCRIBE's acknowledgement can be awaited.
 */
export function createRedisRemote(options: RedisRemoteOptions): RemoteBus {
  const { publisher, subscriber, prefix, nodeId } = options;
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
  const redis = createRedisEventTarget({
    // The library calls only publish() on the first and on/subscribe/unsubscribe on the second.
    publishClient: publishClient as unknown as Redis,
    subscribeClient: subscribeClient as unknown as Redis,
  });

  return {
    publish(channel, event) {
      const envelope: Envelope = { origin: nodeId, event };
      redis.dispatchEvent(new CustomEvent(prefix + channel, { detail: envelope }));
    },
    subscribe(channel, deliver) {
      const listener = (e: Event) => {
        const envelope = (e as CustomEvent<Envelope>).detail;
        if (envelope.origin !== nodeId) deliver(envelope.event);
      };
      redis.addEventListener(prefix + channel, listener);
      return () => redis.removeEventListener(prefix + channel, listener);
    },
    listening(channel) {
      const pending = subscribing.get(prefix + channel);
      if (!pending || subscriber.status !== 'ready') return Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.subscribeWaitMs);
      });
      return Promise.race([pending, waited]).finally(() => clearTimeout(timer));
    },
  };
}
