import { describe, expect } from 'vitest';
import { sendText, type SentMessage } from './support/chat.js';
import {
  ConversationIdsDocument,
  ConversationOnlineDocument,
  ConversationStateDocument,
  MarkReadDocument,
  MessageAddedIdContentAfterDocument,
  MessageAddedIdContentDocument,
  MessageHistoryDocument,
  NotificationIdsDocument,
  PresenceDocument,
  ReadReceiptsDocument,
  SendMessageDocument,
  SetTypingDocument,
  StartConversationDocument,
  TypingDocument,
  UnreadCountDocument,
  UnreadCountEventsDocument,
  UserIdsDocument,
} from './support/documents.js';
import { dmName, test } from './support/fixtures.js';
import { errorCode, gql, gqlOk, subscribe, type GraphQLResponse, type TestUser } from './support/graphql.js';
import { skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';

/** The send every refused caller tries: its clientId must not be spent by a refusal. */
const intruderSend = (conversation: string) => ({ conversation, content: 'let me in', clientId: 'intruder-1' });

const SUBSCRIPTIONS = {
  messageAdded: MessageAddedIdContentDocument,
  'messageAdded(after)': MessageAddedIdContentAfterDocument,
  typing: TypingDocument,
  presence: PresenceDocument,
  readReceipts: ReadReceiptsDocument,
};

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let mallory: TestUser;
let dm: string;
let unopened: string;
let sent: SentMessage[];

test.beforeAll(async ({ server, make }) => {
  [alice, bob, carol, mallory] = [
    await make.user('alice'),
    await make.user('bob'),
    await make.user('carol'),
    await make.user('mallory'),
  ];
  dm = (await make.conversation(alice, bob)).name;
  sent = [await sendText(server, alice, dm, 'secret one'), await sendText(server, bob, dm, 'secret two')];
  // a valid participant set nobody has opened yet
  unopened = dmName(alice, carol);
});

/** Everything alice and bob can see of their conversation, to prove a refused call changed none of it. */
async function snapshot(server: TestServer) {
  const [a, b, history] = await Promise.all([
    gqlOk(server, ConversationStateDocument, { name: dm }, alice.access),
    gqlOk(server, ConversationStateDocument, { name: dm }, bob.access),
    gqlOk(server, MessageHistoryDocument, { conversation: dm }, alice.access),
  ]);
  return { a, b, history };
}

/** The part of an error a client sees, minus where in the query it happened. */
const seen = (res: GraphQLResponse<unknown>) => res.errors?.map((e) => ({ message: e.message, extensions: e.extensions }));

describe('a user who is not a participant', () => {
  const names = () => [dm, [bob.username, alice.username].join('_'), `${alice.id}_${bob.id}`];

  test('gets null from conversation(name), under any spelling, and no row in their list', async ({ server }) => {
    for (const name of names()) {
      const res = await gql(server, ConversationOnlineDocument, { name }, mallory.access);
      expect(res.errors, name).toBeUndefined();
      expect(res.data, name).toEqual({ conversation: null });
    }
    const list = await gqlOk(server, ConversationIdsDocument, {}, mallory.access);
    expect(list).toEqual({ conversations: { edges: [] } });
  });

  test('gets NOT_FOUND from messages, sendMessage, setTyping and markRead, and nothing is written', async ({ server, make }) => {
    const before = await snapshot(server);
    for (const name of names()) {
      for (const [op, call] of [
        ['messages', () => gql(server, MessageHistoryDocument, { conversation: name }, mallory.access)],
        ['sendMessage', () => gql(server, SendMessageDocument, intruderSend(name), mallory.access)],
        ['setTyping', () => gql(server, SetTypingDocument, { conversation: name, typing: true }, mallory.access)],
        ['markRead', () => gql(server, MarkReadDocument, { conversation: name }, mallory.access)],
        ['markRead(upTo)', () => gql(server, MarkReadDocument, { conversation: name, upTo: sent[1]!.id }, mallory.access)],
      ] as const) {
        const res = await call();
        expect(errorCode(res), `${op} on ${name}`).toBe('NOT_FOUND');
        expect(res.data, `${op} on ${name}`).toBeNull();
      }
    }
    expect(await snapshot(server)).toEqual(before);
    // the clientId was not spent on the refused send: mallory can use it in their own conversation
    const own = (await make.conversation(mallory, carol)).name;
    const ok = await gql(server, SendMessageDocument, intruderSend(own), mallory.access);
    expect(ok.errors).toBeUndefined();
  });

  test('cannot tell an existing conversation from one nobody opened: the same error, and nothing is created', async ({ server }) => {
    for (const call of [
      (conversation: string) => gql(server, MessageHistoryDocument, { conversation }, mallory.access),
      (conversation: string) => gql(server, SendMessageDocument, intruderSend(conversation), mallory.access),
      (conversation: string) => gql(server, MarkReadDocument, { conversation }, mallory.access),
    ]) {
      const existing = await call(dm);
      const absent = await call(unopened);
      expect(errorCode(existing)).toBe('NOT_FOUND');
      expect(seen(absent)).toEqual(seen(existing));
    }
    expect(await gqlOk(server, ConversationOnlineDocument, { name: unopened }, alice.access)).toEqual({ conversation: null });
  });

  test('naming a superset opens a different conversation that shows none of theirs', async ({ server }) => {
    const group = await gqlOk(server, StartConversationDocument, { usernames: [alice.username, bob.username] }, mallory.access);
    const theirs = await gqlOk(server, ConversationOnlineDocument, { name: dm }, alice.access);
    expect(group.startConversation.id).not.toBe(theirs.conversation!.id);
    expect(await gqlOk(server, MessageHistoryDocument, { conversation: group.startConversation.name }, mallory.access)).toEqual({ messages: { edges: [] } });
  });

  test.for(Object.entries(SUBSCRIPTIONS))('is refused %s with NOT_FOUND, on an opened and an unopened conversation', async ([_name, query], { server, sockets }) => {
    const c = sockets.graphql(mallory.access);
    for (const name of [...names(), unopened]) {
      const sub = subscribe(c, query, { conversation: name, after: sent[0]!.cursor });
      const answer = await sub.next();
      expect(answer.data ?? null, name).toBeNull();
      expect(errorCode(answer), name).toBe('NOT_FOUND');
      await sub.close();
    }
    // a refused presence subscription does not make mallory appear online
    const online = await gqlOk(server, ConversationOnlineDocument, { name: dm }, alice.access);
    expect(online.conversation?.online).toEqual([]);
    expect(await gqlOk(server, ConversationOnlineDocument, { name: unopened }, alice.access)).toEqual({ conversation: null });
  });

  test('reaches no participant: bob hears alice, never mallory', async ({ server, sockets }) => {
    const c = sockets.graphql(bob.access);
    const typing = subscribe(c, SUBSCRIPTIONS.typing, { conversation: dm });
    const messages = subscribe(c, SUBSCRIPTIONS.messageAdded, { conversation: dm });
    await untilListening(typing, () => gqlOk(server, SetTypingDocument, { conversation: dm, typing: true }, alice.access));
    let probes = 0;
    await untilListening(messages, () => sendText(server, alice, dm, `probe ${++probes}`));
    await skipUntil(messages, (d) => d.messageAdded.content === `probe ${probes}`);

    expect(errorCode(await gql(server, SetTypingDocument, { conversation: dm, typing: true }, mallory.access))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server, SendMessageDocument, intruderSend(dm), mallory.access))).toBe('NOT_FOUND');
    // alice's next events are the very next ones bob gets: nothing of mallory's came in between
    await gqlOk(server, SetTypingDocument, { conversation: dm, typing: false }, alice.access);
    const typed = await skipUntil(typing, (d) => d.typing.typing === false);
    expect(typed.typing.user.username).toBe(alice.username);
    await sendText(server, alice, dm, 'marker');
    expect((await messages.next()).data).toEqual({ messageAdded: { id: expect.any(String), content: 'marker' } });
    await typing.close();
    await messages.close();
  });
});

describe('an unauthenticated caller', () => {
  test('gets UNAUTHENTICATED from every query and mutation', async ({ server }) => {
    const before = await snapshot(server);
    for (const [op, call] of [
      ['conversation', () => gql(server, ConversationOnlineDocument, { name: dm })],
      ['messages', () => gql(server, MessageHistoryDocument, { conversation: dm })],
      ['conversations', () => gql(server, ConversationIdsDocument)],
      ['unreadCount', () => gql(server, UnreadCountDocument)],
      ['users', () => gql(server, UserIdsDocument)],
      ['sendMessage', () => gql(server, SendMessageDocument, intruderSend(dm))],
      ['setTyping', () => gql(server, SetTypingDocument, { conversation: dm, typing: true })],
      ['markRead', () => gql(server, MarkReadDocument, { conversation: dm })],
      ['startConversation', () => gql(server, StartConversationDocument, { usernames: [alice.username] })],
    ] as const) {
      const res = await call();
      expect(errorCode(res), op).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot(server)).toEqual(before);
  });

  test('gets UNAUTHENTICATED from every subscription', async ({ sockets }) => {
    const c = sockets.graphql();
    const all = {
      ...SUBSCRIPTIONS,
      unreadCount: UnreadCountEventsDocument,
      notifications: NotificationIdsDocument,
    };
    for (const [name, query] of Object.entries(all)) {
      const sub = subscribe(c, query, { conversation: dm, after: sent[0]!.cursor });
      expect(errorCode(await sub.next()), name).toBe('UNAUTHENTICATED');
      await sub.close();
    }
  });
});
