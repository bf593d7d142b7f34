import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Config, RedisConfig } from '../config.js';
import { createBus, type Bus, type TopicMap } from './bus.js';
import { createRedisRemote } from './redis-target.js';

export interface RealtimeHealth {
  ok: boolean;
  bus: 'memory' | 'redis';
  /** with Redis: whether both connections answer a PING */
  redis?: 'ok' | 'down';
  redisConnections?: { publisher: string; subscriber: string };
}

/** What carries events between the nodes: in-process for one node, Redis for many. */
export interface Realtime<T extends TopicMap> {
  bus: Bus<T>;
  /**
   * with REDIS_URL: the command connection (no offline queue, commands time out), for what the nodes
   * share besides events (presence counts, rate-limit counters)
   */
  redis?: Redis;
  health(): Promise<RealtimeHealth>;
  /**
   * Calls `listener` when the link to the other nodes comes back after it was lost (events published
   * meanwhile, here or elsewhere, may have been missed); never for one node.
   */
  onRecovered(listener: () => void): void;
  /** whether the link to the other nodes is up now (always true for one node) */
  linkUp(): boolean;
  close(): Promise<void>;
}

export async function createRealtime<T extends TopicMap>(config: Config, log: Logger): Promise<Realtime<T>> {
  // A listener that throws must not keep the event from the others (nor end the process).
  const onListenerError = (err: unknown, channel: string) => log.error({ err, channel }, 'bus listener failed');
  if (!config.redis) {
    return {
      bus: createBus<T>({ onListenerError }),
      health: async () => ({ ok: true, bus: 'memory' }),
      onRecovered: () => undefined,
      linkUp: () => true,
      close: async () => undefined,
    };
  }
  const redis = config.redis;
  const rlog = log.child({ component: 'redis' });
  // Publishes and presence updates fail fast while Redis is away (no offline queue, a command timeout):
  // a send is stored and answered whatever Redis does. The subscriber queues its SUBSCRIBEs instead and
  // ioredis subscribes it again to every channel after a reconnect.
  const publisher = connect(redis, rlog, `${config.nodeId}:pub`, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: redis.commandTimeoutMs });
  const subscriber = connect(redis, rlog, `${config.nodeId}:sub`, { enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });
  await waitReady([publisher, subscriber], 5000, rlog);

  let lostEvents = 0;
  const bus = createBus<T>({
    onListenerError,
    remote: createRedisRemote({
      publisher,
      subscriber,
      prefix: `${redis.keyPrefix}bus:`,
      nodeId: config.nodeId,
      subscribeWaitMs: redis.commandTimeoutMs,
      onError: (err, action, channel) => {
        // Once per outage, not per event: other nodes miss these events; clients resume from the database.
        if (action === 'publish' && lostEvents++ > 0) return;
        rlog.warn({ err, action, channel }, 'bus: Redis unreachable, event not shared with other nodes');
      },
    }),
  });
  publisher.on('ready', () => {
    if (lostEvents > 0) rlog.info({ lostEvents }, 'bus: Redis reachable again');
    lostEvents = 0;
  });
  // the link is lost when either connection is; recovered once both are ready again (after a moment, so
  // that the subscriber's channels are subscribed again before anyone reads what was missed)
  const recovered: (() => void)[] = [];
  let lost = false;
  for (const client of [publisher, subscriber]) {
    client.on('close', () => (lost = true));
    client.on('ready', () => {
      if (!lost || publisher.status !== 'ready' || subscriber.status !== 'ready') return;
      lost = false;
      setTimeout(() => recovered.forEach((listener) => listener()), 500).unref();
    });
  }

  const pingWithin = Math.min(redis.commandTimeoutMs, 900);
  return {
    bus,
    redis: publisher,
    onRecovered: (listener) => void recovered.push(listener),
    linkUp: () => publisher.status === 'ready' && subscriber.status === 'ready',
    health: async () => {
      const [pub, sub] = await Promise.all([ping(publisher, pingWithin), ping(subscriber, pingWithin)]);
      return {
        ok: pub && sub,
        bus: 'redis',
        redis: pub && sub ? 'ok' : 'down',
        redisConnections: { publisher: publisher.status, subscriber: subscriber.status },
      };
    },
    close: async () => {
      await Promise.all([quit(publisher, pingWithin), quit(subscriber, pingWithin)]);
    },
  };
}

function connect(config: RedisConfig, log: Logger, name: string, options: RedisOptions): Redis {
  const client = new Redis(config.url, {
    connectionName: name.replace(/[^A-Za-z0-9._:-]/g, '-'),
    // Reconnect for ever, backing off to one attempt every 2 s.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    ...options,
  });
  let down = false;
  // Without an 'error' listener ioredis's errors would be unhandled (and end the process).
  client.on('error', (err: Error) => {
    if (!down) log.warn({ err: err.message, connection: name }, 'Redis connection lost; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ connection: name }, 'Redis connection back');
    down = false;
  });
  return client;
}

async function waitReady(clients: Redis[], ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = Promise.all(clients.map((c) => (c.status === 'ready' ? undefined : new Promise<void>((resolve) => c.once('ready', () => resolve())))));
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  if ((await Promise.race([ready, late])) === 'late') log.warn('Redis not reachable at start-up: serving degraded, reconnecting');
  clearTimeout(timer);
}

async function ping(client: Redis, ms: number): Promise<boolean> {
  if (client.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const answered = client.ping().then(
    () => true,
    () => false,
  );
  const ok = await Promise.race([answered, timeout]);
  clearTimeout(timer);
  return ok;
}

async function quit(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
  client.disconnect();
}
