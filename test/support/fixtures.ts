import type { Client } from 'graphql-ws';
import { test as base } from 'vitest';
import WebSocket from 'ws';
import { startConversation } from './chat.js';
import { registerUser, wsClient, type TestUser } from './graphql.js';
import { FrameSocket, legacyUser, type LegacyUser } from './legacy.js';
import { startServer, type TestServer } from './server.js';

/** The name of a two-person conversation: both usernames, sorted, joined by "_" (either dialect). */
export { dmName } from './legacy.js';

/**
 * The test API of a file that talks to one real server (see architecture.md, "tests as users").
 *
 *   const test = serverTest({ FILE_MAX_BYTES: '1024' }); // or: import { test } (default settings)
 *
 *   test('…', async ({ server, make, sockets }) => {
 *     const [alice, bob] = await make.users('alice', 'bob');    // real GraphQL registrations
 *     const { name } = await make.conversation(alice, bob);     // alice opens it with bob
 *     const feed = subscribe(sockets.graphql(bob.access), MessageAddedDocument, { conversation: name });
 *     const chat = await sockets.joined(name, alice.access);    // legacy chat socket, connect sequence read
 *     …                                                         // every socket is closed after the test
 *   });
 *
 * Fixtures:
 * - `server` (file scope): `startServer(env)` on first use, closed after the file's last test. The
 *   suite-level hooks of this test API see it too: `test.beforeAll(async ({ server, make }) => …)`.
 * - `make` (file scope): factories through the real API, so each user costs one registration (argon2):
 *   create only the users a test needs.
 * - `sockets` (test scope): opens graphql-ws clients and legacy sockets on `server` and closes every one
 *   still open when the test ends, passed or failed.
 *
 * Each call of `serverTest` is its own server: a file that needs two differently configured servers
 * makes two test APIs. Chaining `.extend()` on one also gives the result a server of its own, so a file
 * uses one test API per server.
 */
export function serverTest(env: Record<string, string> = {}) {
  return base
    .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<TestServer> => {
      const server = await startServer(env);
      onCleanup(() => server.close());
      return server;
    })
    .extend('make', { scope: 'file' }, ({ server }) => factories(server))
    .extend('sockets', ({ server }, { onCleanup }) => {
      const sockets = new Sockets(server);
      onCleanup(() => sockets.closeAll());
      return sockets;
    });
}

/** The test API with a server on the suite's default settings. */
export const test = serverTest();

export interface Factories {
  /** One user registered with the GraphQL `register` mutation (unique name from `prefix`). */
  user(prefix?: string): Promise<TestUser>;
  /** Users registered one after another, in order (ids ascend with the arguments). */
  users<const P extends readonly string[]>(...prefixes: P): Promise<{ -readonly [K in keyof P]: TestUser }>;
  /** One user registered through the legacy routes (/register/ then /api/token/). */
  legacyUser(prefix?: string): Promise<LegacyUser>;
  /** The conversation of `owner` and `others`, opened by `owner` with `startConversation`. */
  conversation(owner: TestUser, ...others: TestUser[]): Promise<{ id: string; name: string }>;
}

function factories(server: TestServer): Factories {
  return {
    user: (prefix) => registerUser(server, prefix),
    async users(...prefixes) {
      const out: TestUser[] = [];
      for (const p of prefixes) out.push(await registerUser(server, p));
      return out as never;
    },
    legacyUser: (prefix) => legacyUser(server, prefix),
    conversation: (owner, ...others) => startConversation(server, owner, others),
  };
}

type Closeable = Client | FrameSocket | WebSocket;

/** Sockets opened on one server, every one of them closed by `closeAll`. */
export class Sockets {
  readonly #open = new Set<Closeable>();

  constructor(readonly server: TestServer) {}

  /** A graphql-ws client (lazy, no retries) with `authorization: Bearer <token>`, or these connectionParams. */
  graphql(token?: string, connectionParams?: Record<string, unknown>): Client {
    return this.track(wsClient(this.server, token, connectionParams));
  }

  /** A legacy chat socket (ws/chat/<room>/), its connect sequence not read. */
  async chat(room: string, token: string | null): Promise<FrameSocket> {
    return this.track(await FrameSocket.chat(this.server, room, token));
  }

  /** A legacy chat socket whose connect sequence (online_user_list, last_50_messages, user_join) is read. */
  async joined(room: string, token: string): Promise<FrameSocket> {
    return this.track(await FrameSocket.joined(this.server, room, token));
  }

  /** A legacy notification socket (ws/notification/). */
  async notifications(token: string | null): Promise<FrameSocket> {
    return this.track(await FrameSocket.notifications(this.server, token));
  }

  /** A FrameSocket on any URL of the server (`path` starts with /). */
  async open(path: string): Promise<FrameSocket> {
    return this.track(await FrameSocket.open(`${this.server.wsUrl}${path}`));
  }

  /** Anything else the test opened: closed (a raw `ws` socket: terminated) with the rest. */
  track<T extends Closeable>(socket: T): T {
    this.#open.add(socket);
    return socket;
  }

  async closeAll(): Promise<void> {
    const all = [...this.#open];
    this.#open.clear();
    await Promise.all(all.map(close));
  }
}

async function close(socket: Closeable): Promise<void> {
  if (socket instanceof FrameSocket) return socket.close();
  if (socket instanceof WebSocket) {
    if (socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined); // terminating a handshake in progress reports an error
    socket.terminate();
    await closed;
    return;
  }
  await socket.dispose();
}
