import { GraphQLRequestError, type ChatClient, type OutboxEntry, type SentMessage } from '@chat-backend/client';
import { StartConversationDocument } from '@chat-backend/client/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOldestFirst } from './support/chat.js';
import { chatClientFor } from './support/client-kit.js';
import { registerUser, type TestUser } from './support/graphql.js';
import { startResponseLossProxy, type ResponseLossProxy } from './support/response-loss-proxy.js';
import { startServer, type TestServer } from './support/server.js';

/** The clientId outbox: a send whose answer is lost is retried with the same clientId and stored once. */

let server: TestServer;
let proxy: ResponseLossProxy;
let aliceUser: TestUser;
let bobUser: TestUser;
let alice: ChatClient;
let room: string;

beforeAll(async () => {
  server = await startServer();
  proxy = await startResponseLossProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
  aliceUser = await registerUser(server, 'alice');
  bobUser = await registerUser(server, 'bob');
  // alice's HTTP goes through the proxy that can lose an answer
  alice = chatClientFor({ url: `http://127.0.0.1:${proxy.port}`, wsUrl: `ws://127.0.0.1:${proxy.port}` }, aliceUser);
  room = (await alice.request(StartConversationDocument, { usernames: [bobUser.username] })).startConversation.name;
});

afterAll(async () => {
  await alice?.dispose();
  await proxy?.close();
  await server?.close();
});

/** Every state an outbox entry went through, per clientId. */
function watch(chat: ChatClient): Map<string, OutboxEntry<SentMessage>['state'][]> {
  const seen = new Map<string, OutboxEntry<SentMessage>['state'][]>();
  chat.outbox.subscribe((entries) => {
    for (const e of entries) {
      const states = seen.get(e.clientId) ?? [];
      if (states.at(-1) !== e.state) states.push(e.state);
      seen.set(e.clientId, states);
    }
  });
  return seen;
}

describe('the clientId outbox', () => {
  it('retries a send whose HTTP answer was lost with the same clientId: stored once', async () => {
    const states = watch(alice);
    const lost = proxy.loseNextResponse();
    const sent = await alice.outbox.send({ conversation: room, content: 'the answer to this one is lost' });
    await lost;
    expect(sent.clientId).toMatch(/^[0-9a-f-]{36}$/);
    // sending → waiting (the lost answer) → sending again → gone from the outbox once stored
    expect(states.get(sent.clientId ?? '')).toEqual(['queued', 'sending', 'waiting', 'sending']);
    const history = await historyOldestFirst(server, bobUser, room);
    expect(history.filter((m) => m.content === 'the answer to this one is lost')).toEqual([{ id: sent.id, cursor: sent.cursor, content: sent.content }]);
    expect(alice.outbox.entries()).toEqual([]);
  });

  it('keeps the sends of one conversation in order across a lost answer', async () => {
    const lost = proxy.loseNextResponse();
    const texts = ['o1', 'o2', 'o3', 'o4', 'o5'];
    const sent = await Promise.all(texts.map((content) => alice.outbox.send({ conversation: room, content })));
    await lost;
    expect(sent.map((m) => m.content)).toEqual(texts);
    const history = (await historyOldestFirst(server, bobUser, room)).map((m) => m.content).filter((c) => /^o\d$/.test(c));
    expect(history).toEqual(texts);
  });

  it('retries after a 503 (and a network error) and does not retry what the server refuses', async () => {
    let calls = 0;
    const flaky = chatClientFor(server, aliceUser, {
      fetch: async (input, init) => {
        calls += 1;
        if (calls === 1) return new Response('<h1>Service Unavailable</h1>', { status: 503, headers: { 'content-type': 'text/html' } });
        if (calls === 2) throw new TypeError('fetch failed');
        return fetch(input, init);
      },
    });
    try {
      const sent = await flaky.outbox.send({ conversation: room, content: 'after a 503' });
      expect(calls).toBe(3);
      expect((await historyOldestFirst(server, bobUser, room)).filter((m) => m.content === 'after a 503')).toHaveLength(1);
      expect(sent.content).toBe('after a 503');

      const before = calls;
      const refused = await flaky.outbox.send({ conversation: `${aliceUser.username}_nobody-here`, content: 'x' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(GraphQLRequestError);
      // a room naming an unknown user: BAD_USER_INPUT, not retried
      expect((refused as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
      expect(calls - before).toBe(1);
      expect(flaky.outbox.entries().map((e) => e.state)).toEqual(['failed']);
    } finally {
      await flaky.dispose();
    }
  });
});
