import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, startConversation, type SentMessage } from './support/chat.js';
import { errorCode, gql, gqlOk, registerUser, subscribe, wsClient, type GraphQLResponse, type TestUser } from './support/graphql.js';
import { skipUntil, untilListening } from './support/live.js';
import { startServer, type TestServer } from './support/server.js';

const CONVERSATION = `query C($c: String!) { conversation(name: $c) { id online { username } } }`;
const HISTORY = `query H($c: String!) { messages(conversation: $c) { edges { node { id content } } } }`;
const STATE = `query S($c: String!) { conversation(name: $c) { unreadCount lastMessage { id } } unreadCount }`;
const SEND = `mutation M($c: String!) { sendMessage(conversation: $c, content: "let me in", clientId: "intruder-1") { id } }`;
const TYPING = `mutation T($c: String!, $t: Boolean!) { setTyping(conversation: $c, typing: $t) }`;
const MARK_READ = `mutation R($c: String!, $u: ID) { markRead(conversation: $c, upTo: $u) { unreadCount } }`;

const SUBSCRIPTIONS = {
  messageAdded: `subscription S($c: String!) { messageAdded(conversation: $c) { id content } }`,
  'messageAdded(after)': `subscription S($c: String!, $a: String) { messageAdded(conversation: $c, after: $a) { id content } }`,
  typing: `subscription S($c: String!) { typing(conversation: $c) { typing user { username } } }`,
  presence: `subscription S($c: String!) { presence(conversation: $c) { kind online { username } } }`,
  readReceipts: `subscription S($c: String!) { readReceipts(conversation: $c) { user { username } lastReadMessageId } }`,
};

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let mallory: TestUser;
let dm: string;
let unopened: string;
let sent: SentMessage[];
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
  [alice, bob, carol, mallory] = [
    await registerUser(server, 'alice'),
    await registerUser(server, 'bob'),
    await registerUser(server, 'carol'),
    await registerUser(server, 'mallory'),
  ];
  dm = (await startConversation(server, alice, [bob])).name;
  sent = [await sendText(server, alice, dm, 'secret one'), await sendText(server, bob, dm, 'secret two')];
  // a valid participant set nobody has opened yet
  unopened = [alice.username, carol.username].sort().join('_');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server.close();
});

function client(token?: string): Client {
  const c = wsClient(server, token);
  clients.push(c);
  return c;
}

/** Everything alice and bob can see of their conversation, to prove a refused call changed none of it. */
async function snapshot() {
  const [a, b, history] = await Promise.all([
    gqlOk(server, STATE, { c: dm }, alice.access),
    gqlOk(server, STATE, { c: dm }, bob.access),
    gqlOk(server, HISTORY, { c: dm }, alice.access),
  ]);
  return { a, b, history };
}

/** The part of an error a client sees, minus where in the query it happened. */
const seen = (res: GraphQLResponse<unknown>) => res.errors?.map((e) => ({ message: e.message, extensions: e.extensions }));

describe('a user who is not a participant', () => {
  const names = () => [dm, [bob.username, alice.username].join('_'), `${alice.id}_${bob.id}`];

  it('gets null from conversation(name), under any spelling, and no row in their list', async () => {
    for (const name of names()) {
      const res = await gql(server, CONVERSATION, { c: name }, mallory.access);
      expect(res.errors, name).toBeUndefined();
      expect(res.data, name).toEqual({ conversation: null });
    }
    const list = await gqlOk(server, `query { conversations { edges { node { id } } } }`, {}, mallory.access);
    expect(list).toEqual({ conversations: { edges: [] } });
  });

  it('gets NOT_FOUND from messages, sendMessage, setTyping and markRead, and nothing is written', async () => {
    const before = await snapshot();
    for (const name of names()) {
      for (const [op, vars] of [
        [HISTORY, { c: name }],
        [SEND, { c: name }],
        [TYPING, { c: name, t: true }],
        [MARK_READ, { c: name }],
        [MARK_READ, { c: name, u: sent[1]!.id }],
      ] as const) {
        const res = await gql(server, op, vars, mallory.access);
        expect(errorCode(res), `${op} on ${name}`).toBe('NOT_FOUND');
        expect(res.data, `${op} on ${name}`).toBeNull();
      }
    }
    expect(await snapshot()).toEqual(before);
    // the clientId was not spent on the refused send: mallory can use it in their own conversation
    const own = (await startConversation(server, mallory, [carol])).name;
    const ok = await gql(server, SEND, { c: own }, mallory.access);
    expect(ok.errors).toBeUndefined();
  });

  it('cannot tell an existing conversation from one nobody opened: the same error, and nothing is created', async () => {
    for (const op of [HISTORY, SEND, MARK_READ]) {
      const existing = await gql(server, op, { c: dm }, mallory.access);
      const absent = await gql(server, op, { c: unopened }, mallory.access);
      expect(errorCode(existing)).toBe('NOT_FOUND');
      expect(seen(absent)).toEqual(seen(existing));
    }
    expect(await gqlOk(server, CONVERSATION, { c: unopened }, alice.access)).toEqual({ conversation: null });
  });

  it('naming a superset opens a different conversation that shows none of theirs', async () => {
    const group = await gqlOk<{ startConversation: { id: string; name: string } }>(
      server,
      `mutation G($u: [String!]) { startConversation(usernames: $u) { id name } }`,
      { u: [alice.username, bob.username] },
      mallory.access,
    );
    const theirs = await gqlOk<{ conversation: { id: string } }>(server, CONVERSATION, { c: dm }, alice.access);
    expect(group.startConversation.id).not.toBe(theirs.conversation.id);
    expect(await gqlOk(server, HISTORY, { c: group.startConversation.name }, mallory.access)).toEqual({ messages: { edges: [] } });
  });

  it.each(Object.entries(SUBSCRIPTIONS))('is refused %s with NOT_FOUND, on an opened and an unopened conversation', async (_name, query) => {
    const c = client(mallory.access);
    for (const name of [...names(), unopened]) {
      const sub = subscribe(c, query, { c: name, a: sent[0]!.cursor });
      const answer = await sub.next();
      expect(answer.data ?? null, name).toBeNull();
      expect(errorCode(answer), name).toBe('NOT_FOUND');
      await sub.close();
    }
    // a refused presence subscription does not make mallory appear online
    const online = await gqlOk<{ conversation: { online: { username: string }[] } }>(server, CONVERSATION, { c: dm }, alice.access);
    expect(online.conversation.online).toEqual([]);
    expect(await gqlOk(server, CONVERSATION, { c: unopened }, alice.access)).toEqual({ conversation: null });
  });

  it('reaches no participant: bob hears alice, never mallory', async () => {
    const c = client(bob.access);
    const typing = subscribe<{ typing: { typing: boolean; user: { username: string } } }>(c, SUBSCRIPTIONS.typing, { c: dm });
    const messages = subscribe<{ messageAdded: { content: string } }>(c, SUBSCRIPTIONS.messageAdded, { c: dm });
    await untilListening(typing, () => gqlOk(server, TYPING, { c: dm, t: true }, alice.access));
    let probes = 0;
    await untilListening(messages, () => sendText(server, alice, dm, `probe ${++probes}`));
    await skipUntil(messages, (d) => d.messageAdded.content === `probe ${probes}`);

    expect(errorCode(await gql(server, TYPING, { c: dm, t: true }, mallory.access))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server, SEND, { c: dm }, mallory.access))).toBe('NOT_FOUND');
    // alice's next events are the very next ones bob gets: nothing of mallory's came in between
    await gqlOk(server, TYPING, { c: dm, t: false }, alice.access);
    const typed = await skipUntil(typing, (d) => d.typing.typing === false);
    expect(typed.typing.user.username).toBe(alice.username);
    await sendText(server, alice, dm, 'marker');
    expect((await messages.next()).data).toEqual({ messageAdded: { id: expect.any(String), content: 'marker' } });
    await typing.close();
    await messages.close();
  });
});

describe('an unauthenticated caller', () => {
  it('gets UNAUTHENTICATED from every query and mutation', async () => {
    const before = await snapshot();
    for (const [op, vars] of [
      [CONVERSATION, { c: dm }],
      [HISTORY, { c: dm }],
      [`query { conversations { edges { node { id } } } }`, {}],
      [`query { unreadCount }`, {}],
      [`query { users { edges { node { id } } } }`, {}],
      [SEND, { c: dm }],
      [TYPING, { c: dm, t: true }],
      [MARK_READ, { c: dm }],
      [`mutation { startConversation(usernames: ["${alice.username}"]) { id } }`, {}],
    ] as const) {
      const res = await gql(server, op, vars);
      expect(errorCode(res), op).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('gets UNAUTHENTICATED from every subscription', async () => {
    const c = client();
    const all = {
      ...SUBSCRIPTIONS,
      unreadCount: `subscription { unreadCount { total } }`,
      notifications: `subscription { notifications { id } }`,
    };
    for (const [name, query] of Object.entries(all)) {
      const sub = subscribe(c, query, { c: dm, a: sent[0]!.cursor });
      expect(errorCode(await sub.next()), name).toBe('UNAUTHENTICATED');
      await sub.close();
    }
  });
});
