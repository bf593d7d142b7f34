import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy that can lose a response: armed with loseNextResponse(), the first bytes the server
 * sends back on any connection are dropped and both sides of that connection are reset. The request
 * has reached the server and been answered (it is "in flight" for the client), but the client never
 * sees the answer: the case a retry with an idempotency key exists for.
 */
export interface ResponseLossProxy {
  port: number;
  /** resolves once a response has been lost */
  loseNextResponse(): Promise<void>;
  close(): Promise<void>;
}

export async function startResponseLossProxy(target: { host: string; port: number }): Promise<ResponseLossProxy> {
  let armed: (() => void) | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (armed) {
        const lost = armed;
        armed = null;
        client.resetAndDestroy();
        upstream.destroy();
        lost();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    loseNextResponse: () => new Promise<void>((resolve) => (armed = resolve)),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
