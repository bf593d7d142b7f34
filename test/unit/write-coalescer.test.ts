import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WriteCoalescer } from '../../src/server/sockets/write-coalescer.js';

// Frames to one socket in one burst leave in one system call. Real sockets on 127.0.0.1: the server
// side's TCP socket is observed through spies that call through (no fake socket).

interface Pair {
  /** the server's end, what the coalescer writes to */
  server: WebSocket;
  /** the client's end */
  client: WebSocket;
  /** text frames the client received, in order */
  received: string[];
  /** resolves once the client has received `n` frames (fails after 5 s) */
  receivedCount(n: number): Promise<string[]>;
  /** calls of the server's TCP socket's write paths */
  writes: { writev: number; write: number };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  vi.restoreAllMocks();
});

async function listen(): Promise<WebSocketServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  );
  return wss;
}

async function connect(wss: WebSocketServer): Promise<Pair> {
  const { port } = wss.address() as AddressInfo;
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', (ws) => resolve(ws)));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanup.push(async () => {
    client.terminate();
  });
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  client.on('message', (data) => {
    received.push(String(data));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  const server = await accepted;
  const socket = (server as unknown as { _socket: Socket })._socket;
  const writes = { writev: 0, write: 0 };
  const writev = socket._writev!.bind(socket);
  const write = socket._write.bind(socket);
  vi.spyOn(socket, '_writev').mockImplementation((chunks, cb) => {
    writes.writev += 1;
    writev(chunks, cb);
  });
  vi.spyOn(socket, '_write').mockImplementation((chunk, encoding, cb) => {
    writes.write += 1;
    write(chunk, encoding, cb);
  });
  const receivedCount = async (n: number) => {
    const deadline = Date.now() + 5000;
    while (received.length < n) {
      if (Date.now() > deadline) throw new Error(`received ${received.length} of ${n} frames`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return received;
  };
  return { server, client, received, receivedCount, writes };
}

const totalWrites = (p: Pair) => p.writes.write + p.writes.writev;

describe('WriteCoalescer', () => {
  it('(control) without it, each ws.send is its own write on the TCP socket', async () => {
    const pair = await connect(await listen());
    pair.server.send('a');
    pair.server.send('b');
    pair.server.send('c');
    expect(await pair.receivedCount(3)).toEqual(['a', 'b', 'c']);
    expect(totalWrites(pair)).toBe(3);
  });

  it('sends the frames of one tick to the peer, in order, in one write', async () => {
    const pair = await connect(await listen());
    const writes = new WriteCoalescer();
    writes.send(pair.server, 'a');
    writes.send(pair.server, Buffer.from('b'));
    writes.send(pair.server, 'c');
    expect(await pair.receivedCount(3)).toEqual(['a', 'b', 'c']);
    expect(pair.writes).toEqual({ writev: 1, write: 0 });
  });

  it('coalesces frames sent from a chain of promise jobs (a batch fanned out in one go)', async () => {
    const pair = await connect(await listen());
    const writes = new WriteCoalescer();
    await Promise.resolve()
      .then(() => writes.send(pair.server, '1'))
      .then(() => writes.send(pair.server, '2'))
      .then(() => writes.send(pair.server, '3'));
    expect(await pair.receivedCount(3)).toEqual(['1', '2', '3']);
    expect(pair.writes).toEqual({ writev: 1, write: 0 });
  });

  it('gives each socket of a burst its own single write, and corks again for the next burst', async () => {
    const wss = await listen();
    const one = await connect(wss);
    const two = await connect(wss);
    const writes = new WriteCoalescer();
    for (const n of [1, 2]) {
      writes.send(one.server, `one-${n}`);
      writes.send(two.server, `two-${n}`);
    }
    expect(await one.receivedCount(2)).toEqual(['one-1', 'one-2']);
    expect(await two.receivedCount(2)).toEqual(['two-1', 'two-2']);
    expect(totalWrites(one)).toBe(1);
    expect(totalWrites(two)).toBe(1);
    // a later burst is corked again
    writes.send(one.server, 'one-3');
    writes.send(one.server, 'one-4');
    expect(await one.receivedCount(4)).toEqual(['one-1', 'one-2', 'one-3', 'one-4']);
    expect(totalWrites(one)).toBe(2);
  });

  it('drops frames to a socket the peer closed, and still serves the other sockets of the burst', async () => {
    const wss = await listen();
    const gone = await connect(wss);
    const open = await connect(wss);
    const serverClosed = new Promise<void>((resolve) => gone.server.once('close', () => resolve()));
    gone.client.close();
    await serverClosed;
    // (the close handshake's own reply was a write)
    const before = totalWrites(gone);
    const writes = new WriteCoalescer();
    expect(() => {
      writes.send(gone.server, 'lost');
      writes.send(open.server, 'kept');
    }).not.toThrow();
    expect(await open.receivedCount(1)).toEqual(['kept']);
    expect(totalWrites(gone)).toBe(before);
    expect(gone.received).toEqual([]);
    // nothing left corked on the closed socket
    const socket = (gone.server as unknown as { _socket: Socket })._socket;
    expect(socket.writableCorked).toBe(0);
  });

  it('drops frames to a socket this side is closing (they never reach the peer)', async () => {
    const pair = await connect(await listen());
    const writes = new WriteCoalescer();
    const clientClosed = new Promise<number>((resolve) => pair.client.once('close', (code) => resolve(code)));
    writes.send(pair.server, 'before');
    pair.server.close(1000, 'bye');
    writes.send(pair.server, 'after');
    expect(await clientClosed).toBe(1000);
    expect(pair.received).toEqual(['before']);
  });
});
