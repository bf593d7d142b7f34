import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy the test controls, put between a node and Redis to take Redis away from that node only
 * (the machine's Redis serves other engineers and test runs: it is never stopped).
 * - cut(): every connection is reset and new ones are closed at once (Redis down, or a network cut);
 * - stall(): connections stay open but carry nothing (Redis hung, like DEBUG SLEEP);
 * - restore(): back to forwarding (existing stalled connections resume; cut ones reconnect).
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'forward' | 'cut' | 'stall' = 'forward';
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const server: Server = createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === 'stall') stallPair(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');

  function stallPair({ client, upstream }: { client: Socket; upstream: Socket }) {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  }
  const proxy: TcpProxy = {
    port: address.port,
    cut() {
      mode = 'cut';
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    stall() {
      mode = 'stall';
      for (const pair of pairs) stallPair(pair);
    },
    restore() {
      const wasStalled = mode === 'stall';
      mode = 'forward';
      if (!wasStalled) return;
      for (const { client, upstream } of pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.resume();
      }
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
