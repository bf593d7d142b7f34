import { ApolloClient, InMemoryCache } from '@apollo/client';
import type { ChatClient } from '@chat-backend/client';
import { apolloDocument, chatApolloLink } from '@chat-backend/client/apollo';
import { MessageAddedDocument, StartConversationDocument } from '@chat-backend/client/documents';
import { chatSubscriptionExchange, urqlDocument } from '@chat-backend/client/urql';
import { Client as UrqlClient, cacheExchange, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatClientFor, Collected, recordingWebSocket, subscribeVariables } from './support/client-kit.js';
import { registerUser, type TestUser } from './support/graphql.js';
import { startRestartableNode, type RestartableNode } from './support/restartable-node.js';
import { startServer, type Endpoint, type TestServer } from './support/server.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

/**
 * Subscriptions that take a cursor resume after a drop with the cursor of the last message delivered
 * (not the one they started with): no gap, no duplicate. Three receivers of one conversation, each on
 * its own connection: urql (subscriptionExchange), Apollo Client 4 (its link) and the plain socket.
 */

const COUNT = 30;
const contents = Array.from({ length: COUNT }, (_, i) => `m${i + 1}`);

interface Receivers {
  urql: Collected<string>;
  apollo: Collected<string>;
  plain: Collected<string>;
  /** what the plain receiver's socket sent */
  frames: string[];
  stop(): Promise<void>;
}

/** bob's three receivers of `room`, resuming after `after`, through `endpoint` */
function receive(endpoint: Endpoint, bob: TestUser, room: string, after: string): Receivers {
  const clients: ChatClient[] = [];
  const frames: string[] = [];
  const own = (options: Parameters<typeof chatClientFor>[2] = {}) => {
    const chat = chatClientFor(endpoint, bob, options);
    clients.push(chat);
    return chat;
  };
  const urql = new Collected<string>();
  const urqlChat = own();
  const urqlClient = new UrqlClient({ url: urqlChat.url, fetch: urqlChat.fetch, exchanges: [cacheExchange, fetchExchange, chatSubscriptionExchange(urqlChat)] });
  const urqlSub = urqlClient.subscription(urqlDocument(MessageAddedDocument), { conversation: room, after }).subscribe((result) => {
    if (result.error) urql.fail(result.error);
    else if (result.data) urql.push(result.data.messageAdded.content);
  });

  const apollo = new Collected<string>();
  const apolloChat = own();
  const apolloClient = new ApolloClient({ link: chatApolloLink(apolloChat), cache: new InMemoryCache() });
  const apolloSub = apolloClient.subscribe({ query: apolloDocument(MessageAddedDocument), variables: { conversation: room, after } }).subscribe({
    next: (result) => {
      if (result.error) apollo.fail(result.error);
      else if (result.data) apollo.push(result.data.messageAdded.content);
    },
    error: apollo.fail,
  });

  const plain = new Collected<string>();
  const stopPlain = own({ webSocketImpl: recordingWebSocket(frames) }).subscribe(MessageAddedDocument, { conversation: room, after }, {
    next: (result) => (result.data ? plain.push(result.data.messageAdded.content) : plain.fail(result.errors)),
    error: plain.fail,
  });

  return {
    urql,
    apollo,
    plain,
    frames,
    async stop() {
      urqlSub.unsubscribe();
      apolloSub.unsubscribe();
      stopPlain();
      apolloClient.stop();
      await Promise.all(clients.map((c) => c.dispose()));
    },
  };
}

/** alice sends m1…mN one after the other through her outbox; `during(i)` runs after the i-th. Their cursors. */
async function sendAll(alice: ChatClient, room: string, during: (sent: number) => Promise<void>): Promise<string[]> {
  const cursors: string[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    cursors.push((await alice.outbox.send({ conversation: room, content: contents[i]! })).cursor);
    await during(i + 1);
  }
  return cursors;
}

async function allArrive(receivers: Receivers, first: string, cursors: string[]): Promise<void> {
  for (const [name, got] of [['urql', receivers.urql], ['apollo', receivers.apollo], ['plain', receivers.plain]] as const) {
    await got.until((items) => items.length >= COUNT, 20_000, `${name}: ${COUNT} messages`);
    expect(got.items, name).toEqual(contents);
  }
  // The first subscribe started after m0; each re-subscribe after the last message delivered by then
  // (graphql-ws alone would re-send m0's cursor, and the replay would repeat everything since).
  const sent = subscribeVariables(receivers.frames);
  expect(sent[0]?.after).toBe(first);
  expect(sent.length).toBeGreaterThan(1);
  for (const again of sent.slice(1)) expect(cursors).toContain(again.after);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a socket cut mid-stream (TCP proxy), then restored', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let alice: ChatClient;
  let bobUser: TestUser;
  let room: string;
  let first: string;

  beforeAll(async () => {
    server = await startServer();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    const aliceUser = await registerUser(server, 'alice');
    bobUser = await registerUser(server, 'bob');
    alice = chatClientFor(server, aliceUser);
    room = (await alice.request(StartConversationDocument, { usernames: [bobUser.username] })).startConversation.name;
    first = (await alice.outbox.send({ conversation: room, content: 'm0' })).cursor;
  });

  afterAll(async () => {
    await alice?.dispose();
    await proxy?.close();
    await server?.close();
  });

  it('urql, Apollo and the plain socket each get every message once, in order', async () => {
    const through = { url: `http://127.0.0.1:${proxy.port}`, wsUrl: `ws://127.0.0.1:${proxy.port}` };
    const receivers = receive(through, bobUser, room, first);
    try {
      const cursors = await sendAll(alice, room, async (sent) => {
        if (sent === 10) {
          await receivers.plain.until((items) => items.length >= 5, 10_000, 'the first messages');
          proxy.cut();
        }
        if (sent === 20) proxy.restore();
        await pause(20);
      });
      await allArrive(receivers, first, cursors);
    } finally {
      await receivers.stop();
    }
  }, 60_000);
});

describe('the server killed (SIGKILL), restarted on the same port and data, then stopped (SIGTERM) and restarted, mid-stream', () => {
  let node: RestartableNode;
  let alice: ChatClient;
  let bobUser: TestUser;
  let room: string;
  let first: string;

  beforeAll(async () => {
    node = await startRestartableNode();
    const aliceUser = await registerUser(node, 'alice');
    bobUser = await registerUser(node, 'bob');
    alice = chatClientFor(node, aliceUser);
    room = (await alice.request(StartConversationDocument, { usernames: [bobUser.username] })).startConversation.name;
    first = (await alice.outbox.send({ conversation: room, content: 'm0' })).cursor;
  }, 90_000);

  afterAll(async () => {
    await alice?.dispose();
    await node?.close();
  });

  it('urql, Apollo and the plain socket each get every message once, in order, while alice keeps sending', async () => {
    const receivers = receive(node, bobUser, room, first);
    let restarted: Promise<void> | null = null;
    try {
      const cursors = await sendAll(alice, room, async (sent) => {
        if (sent === 10) {
          await receivers.plain.until((items) => items.length >= 5, 10_000, 'the first messages');
          await node.kill();
          // alice's next sends meet a dead server: her outbox retries them until it is back
          restarted = node.start();
        }
        if (sent === 20) {
          // and once more, gracefully this time: the server closes every socket with 1001
          await restarted;
          await receivers.plain.until((items) => items.length >= 15, 15_000, 'the messages before the second restart');
          await node.kill('SIGTERM');
          restarted = node.start();
        }
        await pause(20);
      });
      await restarted;
      await allArrive(receivers, first, cursors);
    } finally {
      await receivers.stop();
    }
  }, 90_000);
});
